import { Migration } from '@mikro-orm/migrations';

/** The audit log, and idempotency keys for batch writes (logRunMetrics, recordMonitorSnapshot). */
export class Migration20261126100000AuditIdempotency extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("id" uuid not null, "workspace_id" uuid not null, "actor" text not null, "action" text not null, "subject_type" text not null, "subject_id" uuid not null, "before" jsonb null, "after" jsonb null, "reason" text null, "created_at" timestamptz not null, constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_workspace_id_created_at_id_index" on "audit_event" ("workspace_id", "created_at", "id");`);
    this.addSql(`create index "audit_event_subject_id_created_at_index" on "audit_event" ("subject_id", "created_at");`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`create table "idempotency_key" ("workspace_id" uuid not null, "operation" text not null, "key" text not null, "subject_id" uuid not null, "created_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("workspace_id", "operation", "key"));`);
    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
  }
}
