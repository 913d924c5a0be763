import { Migration } from '@mikro-orm/migrations';

/** Experiments and their links to models (with a role), runs and A/B tests (issue 7). */
export class Migration20261130130000Experiments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "experiment_status" as enum ('PROPOSED', 'APPROVED', 'REJECTED', 'IN_PROGRESS', 'SHADOW_TESTING', 'COMPLETED');`);
    this.addSql(`create type "experiment_decision" as enum ('ADOPT', 'REJECT', 'PARTIAL_ADOPT');`);
    this.addSql(`create type "experiment_model_role" as enum ('BASELINE', 'CANDIDATE');`);

    this.addSql(`create table "experiment" (
      "id" uuid not null, "workspace_id" uuid not null, "name" text not null, "hypothesis" text not null, "target_metric" text not null,
      "expected_improvement" double precision not null, "description" text not null default '', "owner" text not null,
      "status" "experiment_status" not null default 'PROPOSED', "decision" "experiment_decision" null, "rationale" text null,
      "results" jsonb not null default '[]', "results_summary" text null, "adoptions" jsonb not null default '[]',
      "approved_at" timestamptz null, "approved_by" text null, "approval_note" text null,
      "rejected_at" timestamptz null, "rejected_by" text null,
      "started_at" timestamptz null, "started_by" text null,
      "shadow_started_at" timestamptz null, "shadow_started_by" text null,
      "completed_at" timestamptz null, "completed_by" text null,
      "created_at" timestamptz not null, "updated_at" timestamptz not null,
      constraint "experiment_pkey" primary key ("id"),
      constraint "experiment_decision_check" check (("status" = 'COMPLETED') = ("decision" is not null)),
      constraint "experiment_expected_improvement_check" check ("expected_improvement" > 0));`);
    this.addSql(`create index "experiment_workspace_id_updated_at_id_index" on "experiment" ("workspace_id", "updated_at", "id");`);
    this.addSql(`create index "experiment_workspace_id_created_at_id_index" on "experiment" ("workspace_id", "created_at", "id");`);
    this.addSql(`create index "experiment_workspace_id_name_id_index" on "experiment" ("workspace_id", "name", "id");`);
    this.addSql(`create index "experiment_workspace_id_status_index" on "experiment" ("workspace_id", "status");`);
    this.addSql(`create index "experiment_name_trgm_index" on "experiment" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "experiment_hypothesis_trgm_index" on "experiment" using gin ("hypothesis" gin_trgm_ops);`);
    this.addSql(`alter table "experiment" add constraint "experiment_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);

    // One link table per kind, so that every link has a real foreign key. The primary keys serve
    // `Experiment.models` / `.runs` / `.abTests`; the target indexes serve `Model.experiments` and the modelId filter.
    this.addSql(`create table "experiment_model" ("experiment_id" uuid not null, "model_id" uuid not null, "role" "experiment_model_role" not null, "created_at" timestamptz not null, constraint "experiment_model_pkey" primary key ("experiment_id", "model_id"));`);
    this.addSql(`create index "experiment_model_model_id_index" on "experiment_model" ("model_id");`);
    this.addSql(`alter table "experiment_model" add constraint "experiment_model_experiment_id_foreign" foreign key ("experiment_id") references "experiment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "experiment_model" add constraint "experiment_model_model_id_foreign" foreign key ("model_id") references "model" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "experiment_run" ("experiment_id" uuid not null, "run_id" uuid not null, "created_at" timestamptz not null, constraint "experiment_run_pkey" primary key ("experiment_id", "run_id"));`);
    this.addSql(`create index "experiment_run_run_id_index" on "experiment_run" ("run_id");`);
    this.addSql(`alter table "experiment_run" add constraint "experiment_run_experiment_id_foreign" foreign key ("experiment_id") references "experiment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "experiment_run" add constraint "experiment_run_run_id_foreign" foreign key ("run_id") references "run" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "experiment_ab_test" ("experiment_id" uuid not null, "ab_test_id" uuid not null, "created_at" timestamptz not null, constraint "experiment_ab_test_pkey" primary key ("experiment_id", "ab_test_id"));`);
    this.addSql(`create index "experiment_ab_test_ab_test_id_index" on "experiment_ab_test" ("ab_test_id");`);
    this.addSql(`alter table "experiment_ab_test" add constraint "experiment_ab_test_experiment_id_foreign" foreign key ("experiment_id") references "experiment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "experiment_ab_test" add constraint "experiment_ab_test_ab_test_id_foreign" foreign key ("ab_test_id") references "ab_test" ("id") on update cascade on delete cascade;`);
  }
}
