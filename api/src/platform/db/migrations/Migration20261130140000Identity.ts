import { Migration } from '@mikro-orm/migrations';

/** Users, workspace memberships with roles, dashboard sessions and API keys (issue 8). */
export class Migration20261130140000Identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "workspace_role" as enum ('VIEWER', 'EDITOR', 'APPROVER', 'ADMIN');`);

    this.addSql(`create table "app_user" (
      "id" uuid not null, "email" text not null, "name" text not null, "password_hash" text not null,
      "created_at" timestamptz not null, "updated_at" timestamptz not null,
      constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`create unique index "app_user_email_lower_unique" on "app_user" (lower("email"));`);

    this.addSql(`create table "membership" (
      "id" uuid not null, "workspace_id" uuid not null, "user_id" uuid not null, "role" "workspace_role" not null,
      "created_at" timestamptz not null,
      constraint "membership_pkey" primary key ("id"));`);
    this.addSql(`alter table "membership" add constraint "membership_workspace_id_user_id_unique" unique ("workspace_id", "user_id");`);
    this.addSql(`create index "membership_user_id_index" on "membership" ("user_id");`);
    this.addSql(`alter table "membership" add constraint "membership_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "session" (
      "id" uuid not null, "token_hash" text not null, "user_id" uuid not null, "expires_at" timestamptz not null,
      "created_at" timestamptz not null, "last_seen_at" timestamptz not null,
      constraint "session_pkey" primary key ("id"));`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);
    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "api_key" (
      "id" uuid not null, "workspace_id" uuid not null, "name" text not null, "role" "workspace_role" not null,
      "prefix" text not null, "secret_hash" text not null, "created_by" text not null, "created_at" timestamptz not null,
      "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null,
      constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_key" add constraint "api_key_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "api_key_workspace_id_created_at_id_index" on "api_key" ("workspace_id", "created_at", "id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "membership" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop type if exists "workspace_role";`);
  }
}
