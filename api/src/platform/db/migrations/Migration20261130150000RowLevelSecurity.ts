import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level security: the second wall between workspaces (issue 8).
 *
 * API requests run as `modelyard_api` (see platform/db/scope.ts): a role without login that owns
 * nothing, so the policies below apply to it. Each request's transaction sets `app.workspace_id`
 * (the caller's workspace) and `app.user_id` (a signed-in user); without them every policy matches
 * nothing. The connecting role (the tables' owner) is not subject to the policies: migrations, the
 * seed, the worker and the scheduler, whose work spans workspaces, run as it.
 *
 * Every table with a `workspace_id` column gets a policy on it; a later table with one must get its
 * own (test/rls.test.ts fails otherwise).
 */
export class Migration20261130150000RowLevelSecurity extends Migration {
  override async up(): Promise<void> {
    // Roles belong to the whole server: another database on it may have created it already (possibly
    // at the same moment, hence unique_violation), or an administrator did, for a connecting user
    // without CREATEROLE.
    this.addSql(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'modelyard_api') then
        create role modelyard_api nologin;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$;`);
    // The connecting role switches to it per transaction (`set_config('role', …, true)`).
    this.addSql(`do $$ begin
      if not pg_has_role(current_user, 'modelyard_api', 'MEMBER') then
        execute format('grant modelyard_api to %I', current_user);
      end if;
    exception when duplicate_object or unique_violation or invalid_grant_operation then null;
    end $$;`);

    this.addSql(`grant usage on schema public to modelyard_api;`);
    this.addSql(`grant select, insert, update, delete on all tables in schema public to modelyard_api;`);
    this.addSql(`revoke all on table mikro_orm_migrations from modelyard_api;`);
    this.addSql(`grant usage, select on all sequences in schema public to modelyard_api;`);
    this.addSql(`alter default privileges in schema public grant select, insert, update, delete on tables to modelyard_api;`);
    this.addSql(`alter default privileges in schema public grant usage, select on sequences to modelyard_api;`);
    // Runs are queued inside the request's transaction (pg-boss creates its tables in this schema later).
    this.addSql(`create schema if not exists pgboss;`);
    this.addSql(`grant usage on schema pgboss to modelyard_api;`);
    this.addSql(`grant select, insert, update on all tables in schema pgboss to modelyard_api;`);
    this.addSql(`alter default privileges in schema pgboss grant select, insert, update on tables to modelyard_api;`);

    // Empty when unset: `nullif(…)::uuid` is then null and `workspace_id = null` matches nothing.
    const workspace = `nullif(current_setting('app.workspace_id', true), '')::uuid`;
    const user = `nullif(current_setting('app.user_id', true), '')::uuid`;
    this.addSql(`do $$
    declare t text;
    begin
      for t in select c.table_name from information_schema.columns c
                 join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
                where c.table_schema = 'public' and c.column_name = 'workspace_id' and c.table_name <> 'membership'
      loop
        execute format('alter table %I enable row level security', t);
        execute format($p$create policy workspace_isolation on %I using (workspace_id = ${workspace}) with check (workspace_id = ${workspace})$p$, t);
      end loop;
    end $$;`);

    // A user sees their own memberships in every workspace (the workspace switcher), and the members of
    // the selected one.
    this.addSql(`alter table membership enable row level security;`);
    this.addSql(`create policy workspace_isolation on membership
      using (workspace_id = ${workspace} or user_id = ${user})
      with check (workspace_id = ${workspace} or user_id = ${user});`);
    // Workspaces: the selected one and those the user belongs to; any signed-in user may create one.
    this.addSql(`alter table workspace enable row level security;`);
    this.addSql(`create policy workspace_isolation on workspace
      using (id = ${workspace} or exists (select 1 from membership m where m.workspace_id = workspace.id and m.user_id = ${user}))
      with check (id = ${workspace});`);
    this.addSql(`create policy workspace_create on workspace for insert with check (${user} is not null);`);
    // Experiment links have no workspace column: they follow their experiment.
    for (const table of ['experiment_model', 'experiment_run', 'experiment_ab_test']) {
      this.addSql(`alter table ${table} enable row level security;`);
      this.addSql(`create policy workspace_isolation on ${table} using (exists (select 1 from experiment e where e.id = experiment_id));`);
    }
  }
}
