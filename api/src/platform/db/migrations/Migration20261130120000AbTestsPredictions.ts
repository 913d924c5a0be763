import { Migration } from '@mikro-orm/migrations';

/** A/B tests with their observations, prediction logs with actuals (joined by request id), feature importance (issue 7). */
export class Migration20261130120000AbTestsPredictions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "ab_test_kind" as enum ('MEAN', 'PROPORTION');`);
    this.addSql(`create type "ab_test_status" as enum ('RUNNING', 'COMPLETED', 'STOPPED');`);
    this.addSql(`create type "ab_test_source" as enum ('OBSERVATIONS', 'PREDICTION_LOGS');`);
    this.addSql(`create type "ab_arm" as enum ('A', 'B');`);
    this.addSql(`create table "ab_test" (
      "id" uuid not null, "workspace_id" uuid not null, "name" text not null, "description" text not null default '',
      "model_a_id" uuid not null, "model_b_id" uuid not null, "metric" text not null,
      "direction" text not null default 'HIGHER_IS_BETTER' check ("direction" in ('LOWER_IS_BETTER', 'HIGHER_IS_BETTER')),
      "kind" "ab_test_kind" not null,
      "split" double precision not null check ("split" > 0 and "split" < 1),
      "alpha" double precision not null check ("alpha" > 0 and "alpha" < 1),
      "power" double precision not null check ("power" > 0 and "power" < 1),
      "minimum_detectable_effect" double precision not null check ("minimum_detectable_effect" > 0),
      "baseline" double precision null, "standard_deviation" double precision null check ("standard_deviation" > 0),
      "source" "ab_test_source" not null default 'OBSERVATIONS', "status" "ab_test_status" not null default 'RUNNING',
      "started_at" timestamptz not null, "concluded_at" timestamptz null, "stopped_at" timestamptz null, "frozen_result" jsonb null,
      "created_at" timestamptz not null, "updated_at" timestamptz not null,
      constraint "ab_test_pkey" primary key ("id"), constraint "ab_test_models_differ" check ("model_a_id" <> "model_b_id"));`);
    this.addSql(`create index "ab_test_workspace_id_created_at_id_index" on "ab_test" ("workspace_id", "created_at", "id");`);
    this.addSql(`create index "ab_test_workspace_id_status_created_at_id_index" on "ab_test" ("workspace_id", "status", "created_at", "id");`);
    this.addSql(`create index "ab_test_model_a_id_created_at_id_index" on "ab_test" ("model_a_id", "created_at", "id");`);
    this.addSql(`create index "ab_test_model_b_id_created_at_id_index" on "ab_test" ("model_b_id", "created_at", "id");`);
    this.addSql(`alter table "ab_test" add constraint "ab_test_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ab_test" add constraint "ab_test_model_a_id_foreign" foreign key ("model_a_id") references "model" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ab_test" add constraint "ab_test_model_b_id_foreign" foreign key ("model_b_id") references "model" ("id") on update cascade on delete cascade;`);

    // The arms' aggregates (count, avg, var_samp, sum) are read from this index alone.
    this.addSql(`create table "ab_observation" ("id" bigserial primary key, "workspace_id" uuid not null, "ab_test_id" uuid not null, "arm" "ab_arm" not null, "value" double precision not null, "recorded_at" timestamptz not null);`);
    this.addSql(`create index "ab_observation_ab_test_id_arm_index" on "ab_observation" ("ab_test_id", "arm") include ("value");`);
    this.addSql(`create index "ab_observation_workspace_id_index" on "ab_observation" ("workspace_id");`);
    this.addSql(`alter table "ab_observation" add constraint "ab_observation_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ab_observation" add constraint "ab_observation_ab_test_id_foreign" foreign key ("ab_test_id") references "ab_test" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "prediction_log" (
      "id" uuid not null default gen_random_uuid(), "workspace_id" uuid not null, "model_id" uuid not null, "request_id" text not null,
      "inputs" jsonb not null, "prediction" double precision not null, "label" text null,
      "confidence" double precision null check ("confidence" >= 0 and "confidence" <= 1),
      "latency_ms" double precision not null check ("latency_ms" >= 0), "shadow" boolean not null default false,
      "metadata" jsonb not null default '{}', "predicted_at" timestamptz not null, "created_at" timestamptz not null default now(),
      constraint "prediction_log_pkey" primary key ("id"));`);
    // Idempotency per (model, request id); also serves the requestId filter of Model.predictionLogs.
    this.addSql(`alter table "prediction_log" add constraint "prediction_log_model_id_request_id_unique" unique ("model_id", "request_id");`);
    this.addSql(`create index "prediction_log_model_id_predicted_at_id_index" on "prediction_log" ("model_id", "predicted_at", "id");`);
    this.addSql(`create index "prediction_log_model_id_shadow_predicted_at_id_index" on "prediction_log" ("model_id", "shadow", "predicted_at", "id");`);
    this.addSql(`create index "prediction_log_workspace_id_request_id_index" on "prediction_log" ("workspace_id", "request_id");`);
    this.addSql(`alter table "prediction_log" add constraint "prediction_log_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "prediction_log" add constraint "prediction_log_model_id_foreign" foreign key ("model_id") references "model" ("id") on update cascade on delete cascade;`);

    // Outcomes by request id, kept apart from the logs so that an actual may arrive before its prediction.
    this.addSql(`create table "prediction_actual" ("id" bigserial primary key, "workspace_id" uuid not null, "request_id" text not null, "actual" double precision not null, "actual_label" text null, "observed_at" timestamptz not null, "recorded_at" timestamptz not null);`);
    this.addSql(`alter table "prediction_actual" add constraint "prediction_actual_workspace_id_request_id_unique" unique ("workspace_id", "request_id");`);
    this.addSql(`alter table "prediction_actual" add constraint "prediction_actual_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);

    this.addSql(`create type "feature_importance_method" as enum ('GAIN', 'PERMUTATION', 'SHAP');`);
    this.addSql(`create type "feature_importance_scope" as enum ('GLOBAL', 'PREDICTION');`);
    this.addSql(`create table "feature_importance" (
      "id" uuid not null, "workspace_id" uuid not null, "model_id" uuid not null, "run_id" uuid null,
      "method" "feature_importance_method" not null, "scope" "feature_importance_scope" not null, "request_id" text null,
      "values" jsonb not null, "recorded_at" timestamptz not null,
      constraint "feature_importance_pkey" primary key ("id"),
      constraint "feature_importance_request_scope" check (("scope" = 'PREDICTION') = ("request_id" is not null)));`);
    this.addSql(`create index "feature_importance_model_id_scope_method_recorded_at_index" on "feature_importance" ("model_id", "scope", "method", "recorded_at");`);
    this.addSql(`create index "feature_importance_model_id_request_id_index" on "feature_importance" ("model_id", "request_id") where "request_id" is not null;`);
    this.addSql(`create index "feature_importance_run_id_method_recorded_at_index" on "feature_importance" ("run_id", "method", "recorded_at") where "run_id" is not null;`);
    this.addSql(`create index "feature_importance_workspace_id_index" on "feature_importance" ("workspace_id");`);
    this.addSql(`alter table "feature_importance" add constraint "feature_importance_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "feature_importance" add constraint "feature_importance_model_id_foreign" foreign key ("model_id") references "model" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "feature_importance" add constraint "feature_importance_run_id_foreign" foreign key ("run_id") references "run" ("id") on update cascade on delete cascade;`);
  }
}
