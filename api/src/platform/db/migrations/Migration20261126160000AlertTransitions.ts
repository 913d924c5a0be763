import { Migration } from '@mikro-orm/migrations';

/** Alert lifecycle (issue 3): who/when of each alert transition, race-safe de-duplication. */
export class Migration20261126160000AlertTransitions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "alert" add column "acknowledged_by" text null, add column "resolved_by" text null, add column "resolution_note" text null, add column "dismissed_by" text null, add column "dismissed_at" timestamptz null, add column "dismissal_reason" text null;`);
    // At most one OPEN or ACKNOWLEDGED alert per condition: raising an alert is `insert … on conflict … do update`.
    this.addSql(`drop index "alert_open_dedup_index";`);
    this.addSql(`create unique index "alert_open_dedup_unique" on "alert" ("workspace_id", "dedup_key") where "status" in ('OPEN', 'ACKNOWLEDGED');`);
  }
}
