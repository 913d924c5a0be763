import { Migration } from '@mikro-orm/migrations';

/** Arena, entries and promotion policy (issue 3). */
export class Migration20261126170000ArenaEntries extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "arena_role" as enum ('CHAMPION', 'CHALLENGER', 'SHADOW');`);

    this.addSql(`create table "arena" ("id" uuid not null, "workspace_id" uuid not null, "name" text not null, "description" text not null default '', "family" "recipe_family" not null, "policy" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "arena_pkey" primary key ("id"));`);
    this.addSql(`alter table "arena" add constraint "arena_workspace_id_name_unique" unique ("workspace_id", "name");`);
    this.addSql(`create index "arena_workspace_id_updated_at_id_index" on "arena" ("workspace_id", "updated_at", "id");`);
    this.addSql(`create index "arena_workspace_id_created_at_id_index" on "arena" ("workspace_id", "created_at", "id");`);
    this.addSql(`create index "arena_workspace_id_family_index" on "arena" ("workspace_id", "family");`);
    this.addSql(`alter table "arena" add constraint "arena_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "arena_entry" ("id" uuid not null, "workspace_id" uuid not null, "arena_id" uuid not null, "model_id" uuid not null, "role" "arena_role" not null, "traffic_weight" double precision not null, "pending_run_id" uuid null, "pending_since" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "arena_entry_pkey" primary key ("id"), constraint "arena_entry_traffic_weight_check" check ("traffic_weight" >= 0 and "traffic_weight" <= 1 and ("role" <> 'SHADOW' or "traffic_weight" = 0)));`);
    // A model is in at most one arena; an arena has at most one champion (the service keeps it at exactly one).
    this.addSql(`alter table "arena_entry" add constraint "arena_entry_model_id_unique" unique ("model_id");`);
    this.addSql(`create unique index "arena_entry_one_champion" on "arena_entry" ("arena_id") where "role" = 'CHAMPION';`);
    this.addSql(`create index "arena_entry_arena_id_role_index" on "arena_entry" ("arena_id", "role");`);
    this.addSql(`create index "arena_entry_workspace_id_index" on "arena_entry" ("workspace_id");`);
    this.addSql(`create index "arena_entry_pending_run_id_index" on "arena_entry" ("pending_run_id");`);
    this.addSql(`alter table "arena_entry" add constraint "arena_entry_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "arena_entry" add constraint "arena_entry_arena_id_foreign" foreign key ("arena_id") references "arena" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "arena_entry" add constraint "arena_entry_model_id_foreign" foreign key ("model_id") references "model" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table "arena_entry" add constraint "arena_entry_pending_run_id_foreign" foreign key ("pending_run_id") references "run" ("id") on update cascade on delete set null;`);
  }
}
