import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API_DB_ROLE } from '../src/platform/db/scope.js';
import { modelWithEvaluatedRuns } from './fixtures.js';
import { ok, startTestApi, type TestApi } from './harness.js';
import { subscribe } from './live-client.js';

/** Tables without a workspace: accounts and sessions (read before a workspace is chosen) and the migrations' own. */
const UNSCOPED_TABLES = ['app_user', 'mikro_orm_migrations', 'session'];

let api: TestApi;
let db: pg.Client;
let wsA: string;
let wsB: string;
let idA: string;
let idB: string;
let modelA: string;
let runA: string;

async function workspaceId(slug: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('select id from workspace where slug = $1', [slug]);
  return rows[0]!.id;
}

async function publicTables(): Promise<{ name: string; rls: boolean; workspaceColumn: boolean; policies: number; owner: string }[]> {
  const { rows } = await db.query(`
    select c.relname as name, c.relrowsecurity as rls, pg_get_userbyid(c.relowner) as owner,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped) as "workspaceColumn",
           (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') order by 1`);
  return rows;
}

/** Runs `work` in a transaction as the API's role with these settings (none: nothing set), then rolls back. */
async function asApiRole<T>(settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
  await db.query('begin');
  try {
    await db.query(`set local role ${API_DB_ROLE}`);
    for (const [name, value] of Object.entries(settings)) await db.query('select set_config($1, $2, true)', [name, value]);
    return await work();
  } finally {
    await db.query('rollback');
  }
}

async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from "${table}" where ${where}`, params);
  return rows[0]!.n;
}

beforeAll(async () => {
  api = await startTestApi();
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  wsA = await api.newWorkspace('rls-a');
  wsB = await api.newWorkspace('rls-b');
  [idA, idB] = [await workspaceId(wsA), await workspaceId(wsB)];
  modelA = await modelWithEvaluatedRuns(api.orm, wsA, 3, 1);
  await modelWithEvaluatedRuns(api.orm, wsB, 2, 1);
  const { rows } = await db.query<{ id: string }>('select id from run where model_id = $1 order by created_at limit 1', [modelA]);
  runA = rows[0]!.id;
});

afterAll(async () => {
  await db?.end();
  await api?.close();
});

describe('row-level security', () => {
  it('guards every table that holds workspace rows; the API role owns none of them and cannot bypass the policies', async () => {
    const tables = await publicTables();
    expect(tables.filter((t) => !t.rls).map((t) => t.name)).toEqual(UNSCOPED_TABLES);
    for (const t of tables.filter((t) => t.workspaceColumn)) expect({ table: t.name, rls: t.rls, policies: t.policies > 0 }).toEqual({ table: t.name, rls: true, policies: true });
    expect(tables.filter((t) => t.owner === API_DB_ROLE)).toEqual([]);
    const { rows } = await db.query('select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = $1', [API_DB_ROLE]);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
  });

  it('as the API role without a workspace setting, every table returns no rows', async () => {
    const tables = (await publicTables()).filter((t) => t.rls).map((t) => t.name);
    // The owner sees the two workspaces' rows…
    for (const table of ['workspace', 'membership', 'api_key', 'recipe', 'model', 'run', 'evaluation_result']) expect(await count(table), table).toBeGreaterThan(0);
    // …the API's role none, in any table.
    const seen = await asApiRole({}, async () => {
      const counts: Record<string, number> = {};
      for (const t of tables) counts[t] = await count(t);
      return counts;
    });
    expect(seen).toEqual(Object.fromEntries(tables.map((t) => [t, 0])));
    // An empty setting (what an anonymous request sets) is the same.
    expect(await asApiRole({ 'app.workspace_id': '', 'app.user_id': '' }, () => count('model'))).toBe(0);
    // The migrations' bookkeeping is not the API's to read.
    await expect(asApiRole({}, () => count('mikro_orm_migrations'))).rejects.toMatchObject({ code: '42501' });
  });

  it("with a workspace set, the API role reads only that workspace's rows and cannot write into another", async () => {
    const owned = await count('model', 'workspace_id = $1', [idA]);
    await asApiRole({ 'app.workspace_id': idA }, async () => {
      expect(await count('model')).toBe(owned);
      expect(await count('model', 'workspace_id = $1', [idB])).toBe(0);
      expect(await count('run', 'workspace_id = $1', [idB])).toBe(0);
      expect(await count('workspace')).toBe(1);
    });
    const insert = () => db.query(`insert into recipe (id, workspace_id, name, family, level, status, created_at, updated_at) values ($1, $2, 'Planted', 'FORECASTING', 'BASELINE', 'DRAFT', now(), now())`, [randomUUID(), idB]);
    await expect(asApiRole({ 'app.workspace_id': idA }, insert)).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('row-level security') });
    // Updates of another workspace's rows find nothing to update.
    const updated = await asApiRole({ 'app.workspace_id': idA }, async () => (await db.query(`update model set name = 'taken' where workspace_id = $1`, [idB])).rowCount);
    expect(updated).toBe(0);
  });

  it("runs each API request's statements as the API role, scoped to the caller's workspace", async () => {
    // A restrictive policy that only the API role is subject to: if requests ran as the tables' owner,
    // the artifact it hides would show.
    // A new run's event is read by a live subscription below (each event is resolved in a scoped transaction too).
    const { createRun } = ok(await api.gql('mutation($input: CreateRunInput!) { createRun(input: $input) { id } }', { input: { modelId: modelA, type: 'TRAIN' } }, wsA));
    for (const runId of [runA, createRun.id]) {
      await db.query(`insert into run_artifact (id, workspace_id, run_id, name, uri, size_bytes, kind, metadata, created_at) values
        ($1, $3, $4, 'shown.bin', 's3://a/shown.bin', 1, 'model', '{}', now()), ($2, $3, $4, 'hidden-from-api.bin', 's3://a/hidden.bin', 1, 'model', '{}', now())`, [randomUUID(), randomUUID(), idA, runId]);
    }
    await db.query(`create policy rls_test_probe on run_artifact as restrictive using (name <> 'hidden-from-api.bin')`);
    try {
      const live = await subscribe(api.wsUrl, 'subscription($f: RunUpdatedFilter) { runUpdated(filter: $f, since: "0") { run { id artifacts { name } } } }', { f: { runId: createRun.id } }, wsA);
      try {
        const [event] = await live.waitFor(1);
        expect(event!.runUpdated.run).toEqual({ id: createRun.id, artifacts: [{ name: 'shown.bin' }] });
      } finally {
        await live.close();
      }
      api.resetStatements();
      const { run } = ok(await api.gql('query($id: ID!) { run(id: $id) { artifacts { name } } }', { id: runA }, wsA));
      expect(run.artifacts).toEqual([{ name: 'shown.bin' }]);
    } finally {
      await db.query('drop policy rls_test_probe on run_artifact');
    }
    // The request: BEGIN, the role with the caller's workspace and user, its reads, ROLLBACK (a read keeps nothing).
    const framed = api.statements.map((sql) => sql.replace(/\x1b\[[0-9;]*m/g, ''));
    const scope = framed.findIndex((sql) => sql.includes("select set_config('role', $1, true), set_config('app.workspace_id', $2, true), set_config('app.user_id', $3, true)"));
    expect(scope).toBeGreaterThan(0);
    expect(framed[scope - 1]).toMatch(/\bbegin\b/);
    expect(framed.at(-1)).toMatch(/\brollback\b/);
  });

});
