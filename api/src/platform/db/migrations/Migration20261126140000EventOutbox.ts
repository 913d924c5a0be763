import { Migration } from '@mikro-orm/migrations';

/** The transactional outbox of live events (replayed to subscribers that resume with `since`). */
export class Migration20261126140000EventOutbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "event_outbox" ("id" bigserial primary key, "workspace_id" uuid not null, "topic" text not null, "model_id" uuid null, "subject_id" uuid null, "payload" jsonb not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "event_outbox_workspace_id_topic_id_index" on "event_outbox" ("workspace_id", "topic", "id");`);
    this.addSql(`create index "event_outbox_created_at_index" on "event_outbox" ("created_at");`);
    this.addSql(`alter table "event_outbox" add constraint "event_outbox_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
  }
}
