import { Migration } from '@mikro-orm/migrations';

/** The worker (issue 6): queued runs with their data set and job, heartbeats, cancellation, artifact checksums, backtest windows, schedules, retraining events. */
export class Migration20261130100000Worker extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "run" add column "dataset" jsonb null, add column "job_id" uuid null, add column "attempt" int not null default 0, add column "heartbeat_at" timestamptz null, add column "cancel_requested_at" timestamptz null;`);
    // The sweeper looks for RUNNING runs of the worker whose heartbeat stopped.
    this.addSql(`create index "run_running_heartbeat_index" on "run" ("heartbeat_at") where "status" = 'RUNNING' and "job_id" is not null;`);
    this.addSql(`alter table "run_artifact" add column "checksum" text null;`);

    this.addSql(`create table "backtest_window" ("id" bigserial primary key, "workspace_id" uuid not null, "run_id" uuid not null, "index" int not null, "train_start" date not null, "train_end" date not null, "test_start" date not null, "test_end" date not null, "metrics" jsonb not null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "backtest_window" add constraint "backtest_window_run_id_index_unique" unique ("run_id", "index");`);
    this.addSql(`alter table "backtest_window" add constraint "backtest_window_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "backtest_window" add constraint "backtest_window_run_id_foreign" foreign key ("run_id") references "run" ("id") on update cascade on delete cascade;`);

    this.addSql(`create type "schedule_kind" as enum ('DAILY_BACKTEST', 'WEEKLY_BACKTEST', 'RETRAIN');`);
    this.addSql(`create table "schedule" ("id" uuid not null, "workspace_id" uuid not null, "model_id" uuid not null, "kind" "schedule_kind" not null, "cron" text not null, "timezone" text not null default 'UTC', "paused" boolean not null default false, "next_run_at" timestamptz not null, "last_run_at" timestamptz null, "last_run_id" uuid null, "created_at" timestamptz not null, constraint "schedule_pkey" primary key ("id"));`);
    this.addSql(`alter table "schedule" add constraint "schedule_model_id_kind_unique" unique ("model_id", "kind");`);
    this.addSql(`create index "schedule_next_run_at_index" on "schedule" ("next_run_at") where not "paused";`);
    this.addSql(`create index "schedule_workspace_id_index" on "schedule" ("workspace_id");`);
    this.addSql(`alter table "schedule" add constraint "schedule_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "schedule" add constraint "schedule_model_id_foreign" foreign key ("model_id") references "model" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "schedule" add constraint "schedule_last_run_id_foreign" foreign key ("last_run_id") references "run" ("id") on update cascade on delete set null;`);

    this.addSql(`create type "retraining_outcome" as enum ('PENDING', 'PROMOTED', 'AWAITING_APPROVAL', 'POLICY_NOT_MET', 'NOT_A_CHALLENGER', 'RUN_FAILED', 'RUN_CANCELLED');`);
    this.addSql(`create table "retraining_event" ("id" uuid not null, "workspace_id" uuid not null, "model_id" uuid not null, "run_id" uuid not null, "trigger" text not null, "occurred_at" timestamptz not null, "outcome" "retraining_outcome" not null default 'PENDING', "detail" text not null default '', constraint "retraining_event_pkey" primary key ("id"));`);
    this.addSql(`create index "retraining_event_model_id_occurred_at_index" on "retraining_event" ("model_id", "occurred_at");`);
    this.addSql(`create index "retraining_event_run_id_index" on "retraining_event" ("run_id");`);
    this.addSql(`create index "retraining_event_workspace_id_index" on "retraining_event" ("workspace_id");`);
    this.addSql(`alter table "retraining_event" add constraint "retraining_event_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "retraining_event" add constraint "retraining_event_model_id_foreign" foreign key ("model_id") references "model" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "retraining_event" add constraint "retraining_event_run_id_foreign" foreign key ("run_id") references "run" ("id") on update cascade on delete cascade;`);
  }
}
