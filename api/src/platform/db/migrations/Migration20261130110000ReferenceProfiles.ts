import { Migration } from '@mikro-orm/migrations';

/** Drift (issue 7): reference profiles per model and feature; computed drift and drift retrains on snapshots. */
export class Migration20261130110000ReferenceProfiles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "reference_profile_kind" as enum ('NUMERIC', 'CATEGORICAL');`);
    this.addSql(`create type "reference_profile_source" as enum ('TRAINING_RUN', 'UPLOAD');`);
    // The reservoir sample is little-endian float64 bytes (≤ 100,000 values, 800 kB), not JSON.
    this.addSql(`create table "reference_profile" ("id" uuid not null, "workspace_id" uuid not null, "model_id" uuid not null, "feature" text not null, "kind" "reference_profile_kind" not null, "source" "reference_profile_source" not null, "run_id" uuid null, "row_count" bigint not null, "mean" double precision null, "std" double precision null, "min" double precision null, "max" double precision null, "quantiles" jsonb null, "sample" bytea null, "sample_size" int not null default 0, "categories" jsonb null, "histogram" jsonb not null, "captured_at" timestamptz not null, constraint "reference_profile_pkey" primary key ("id"));`);
    this.addSql(`alter table "reference_profile" add constraint "reference_profile_model_id_feature_unique" unique ("model_id", "feature");`);
    this.addSql(`create index "reference_profile_workspace_id_index" on "reference_profile" ("workspace_id");`);
    this.addSql(`create index "reference_profile_run_id_index" on "reference_profile" ("run_id");`);
    this.addSql(`alter table "reference_profile" add constraint "reference_profile_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reference_profile" add constraint "reference_profile_model_id_foreign" foreign key ("model_id") references "model" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reference_profile" add constraint "reference_profile_run_id_foreign" foreign key ("run_id") references "run" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "monitor_snapshot" add column "dataset_drifted" boolean null, add column "triggered_run_id" uuid null;`);
    this.addSql(`create index "monitor_snapshot_triggered_run_id_index" on "monitor_snapshot" ("triggered_run_id");`);
    this.addSql(`alter table "monitor_snapshot" add constraint "monitor_snapshot_triggered_run_id_foreign" foreign key ("triggered_run_id") references "run" ("id") on update cascade on delete set null;`);
  }
}
