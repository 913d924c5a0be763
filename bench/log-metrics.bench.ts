/**
 * Metric-logging throughput: `logRunMetrics` with batches of 10,000 points over HTTP against a raw
 * multi-row INSERT of the same rows into `run_metric_point` in the same run.
 *
 *   npm run bench:metrics                          # embedded PostgreSQL (or DATABASE_URL when set)
 *   METRICS_BATCHES=30 METRICS_BATCH_SIZE=10000 METRICS_WARMUP=3 npm run bench:metrics
 *   METRICS_VERBOSE=1 npm run bench:metrics       # one line per batch
 *
 * Setup: a fresh database (migrated), a workspace, an APPROVED forecasting recipe with a model
 * (written with the ORM), and three runs created and moved to RUNNING through the API: one receives
 * the API batches, the others the two raw paths' inserts (same table, same indexes, same growth).
 *
 * Each batch is 10,000 points over the keys loss / MAE / MAPE / RMSE with increasing steps (a
 * learning curve with noise); the request bodies and raw parameter arrays are built before timing.
 * The paths alternate (API i, unnest i, VALUES i, API i+1, …) after WARMUP untimed batches of each.
 * At the end the bench checks that every run holds all its points and that the API run's final
 * metrics are the values at the highest step per key.
 *
 * - API: wall time of each `logRunMetrics(input: { runId, points })` POST (request → parsed
 *   response), i.e. parsing, variable coercion, validation, the service's transaction (lock,
 *   multi-row insert, final-metrics refresh, outbox event) and the response.
 * - raw: one statement per batch through `pg`, the same columns the API writes (workspace_id,
 *   run_id, key, step, value, recorded_at):
 *   `insert into run_metric_point (…) select $1, $2, k, s, v, $3 from unnest($4::text[], $5::int[], $6::float8[])`
 *   (one parameter per column), and a VALUES list with 60,000 bound parameters; the faster of the
 *   two is the reference for the ratio.
 *
 * points/s = points / summed wall time; the median batch rate is BATCH / median batch time.
 *
 * CPU time (when PostgreSQL runs on this host and /proc is readable): per path, this process's CPU
 * (process.cpuUsage: the API's parsing, GraphQL, validation and driver work, or the raw path's driver
 * work) plus the CPU of the PostgreSQL backends that served it (utime + stime from /proc/<pid>/stat:
 * the raw client's backend, or every other backend of the bench database for the API). Unlike wall
 * time it hardly depends on what else the machine is running, so points per CPU-second and the CPU
 * ratio still mean something on a busy machine.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildDemoData } from '@modelyard/seeds';
import { benchDatabase } from './bench-database.js';
import { createOrm, migrate } from '../api/src/platform/db/orm.js';
import { createLogger } from '../api/src/platform/logger.js';
import { startApi } from '../api/src/platform/app.js';
import { createWorkspace } from '../api/src/modules/workspaces/workspace.service.js';
import { benchApiKey } from './bench-credentials.js';
import { Model } from '../api/src/modules/models/model.entity.js';
import { ModelStatus } from '../api/src/modules/models/model.enums.js';
import { Recipe } from '../api/src/modules/recipes/recipe.entity.js';
import { RecipeFamily, RecipeLevel, RecipeStatus } from '../api/src/modules/recipes/recipe.enums.js';
import { RecipeVersion } from '../api/src/modules/recipes/recipe-version.entity.js';
import { Workspace } from '../api/src/modules/workspaces/workspace.entity.js';

const BATCHES = Number(process.env.METRICS_BATCHES ?? 30);
const BATCH = Number(process.env.METRICS_BATCH_SIZE ?? 10_000);
const WARMUP = Number(process.env.METRICS_WARMUP ?? 3);
const TARGET_RATE = 100_000;
const TARGET_RATIO = 0.5;
const WS = 'bench-metrics';
const KEYS = ['loss', 'MAE', 'MAPE', 'RMSE'];

const LOG = `mutation Log($input: LogRunMetricsInput!) { logRunMetrics(input: $input) { id metrics { key value } } }`;

interface Point { key: string; step: number; value: number }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Deterministic noise (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Batch `b` (0-based, warm-up batches included): BATCH points, KEYS.length per step, steps continuing from the previous batch. */
function batchPoints(b: number): Point[] {
  const rand = rng(b + 1);
  const perStep = KEYS.length;
  const firstStep = Math.floor((b * BATCH) / perStep);
  const points: Point[] = [];
  for (let i = 0; i < BATCH; i++) {
    const step = firstStep + Math.floor(i / perStep);
    const key = KEYS[i % perStep]!;
    const decay = 1 / (1 + step / 2_000);
    const noise = (rand() - 0.5) * 0.02;
    const value = key === 'loss' ? 0.05 + 2.3 * decay + noise
      : key === 'MAE' ? 8 + 40 * decay + noise * 100
      : key === 'MAPE' ? 0.08 + 0.6 * decay + noise
      : 11 + 55 * decay + noise * 120;
    points.push({ key, step, value });
  }
  return points;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU milliseconds (user + system) a process has used so far, or null when /proc does not show it. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const log = createLogger('warn');
const database = await benchDatabase('modelyard_bench_metrics', log);
const { url } = database;

let statements = 0;
const orm = await createOrm({ url, onQuery: () => statements++ });
try {
  await migrate(orm);
  await createWorkspace(orm.em.fork(), { slug: WS, name: 'Bench metrics' });

  // An APPROVED recipe (the seeded forecasting manifest) and a model, as api/test/evaluation-fixtures.ts does it.
  const { modelId, workspaceId } = await (async () => {
    const em = orm.em.fork();
    const workspace = await em.findOneOrFail(Workspace, { slug: WS });
    const manifest = structuredClone(buildDemoData(new Date()).recipes.find((r) => r.family === 'FORECASTING')!.version.manifest) as Record<string, unknown>;
    return em.transactional(async (tx) => {
      const recipe = tx.create(Recipe, { workspace, name: 'Bench forecast', family: RecipeFamily.FORECASTING, level: RecipeLevel.BASELINE, status: RecipeStatus.APPROVED });
      const version = tx.create(RecipeVersion, { workspace, recipe, version: '1.0.0', manifest, changeNote: 'bench', author: 'bench' });
      const model = tx.create(Model, { workspace, recipe, recipeVersion: version, family: RecipeFamily.FORECASTING, name: 'Bench model', status: ModelStatus.DRAFT });
      return { modelId: model.id, workspaceId: workspace.id };
    });
  })();

  const apiKey = await benchApiKey(orm.em.fork(), WS);
  const api = await startApi({ orm, log, port: 0, host: '127.0.0.1', corsOrigins: [] });
  const endpoint = `http://127.0.0.1:${api.port}/graphql`;
  const post = async (body: string) => {
    const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body });
    const json = (await res.json()) as { data?: Record<string, any> | null; errors?: unknown[] };
    if (json.errors?.length || !json.data) throw new Error(`GraphQL error: ${JSON.stringify(json.errors).slice(0, 2000)}`);
    return json.data;
  };
  const runningRun = async () => {
    const { createRun } = await post(JSON.stringify({ query: `mutation($input: CreateRunInput!) { createRun(input: $input) { id } }`, variables: { input: { modelId, type: 'TRAIN' } } }));
    await post(JSON.stringify({ query: `mutation($input: UpdateRunStatusInput!) { updateRunStatus(input: $input) { id status } }`, variables: { input: { runId: createRun.id, status: 'RUNNING' } } }));
    return createRun.id as string;
  };
  const apiRun = await runningRun();
  const rawRun = await runningRun();
  const valuesRun = await runningRun();

  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  const UNNEST = `insert into run_metric_point (workspace_id, run_id, key, step, value, recorded_at)
    select $1::uuid, $2::uuid, k, s, v, $3::timestamptz from unnest($4::text[], $5::int[], $6::float8[]) as t(k, s, v)`;
  const raw = async (points: Point[]) => {
    const res = await client.query(UNNEST, [workspaceId, rawRun, new Date(), points.map((p) => p.key), points.map((p) => p.step), points.map((p) => p.value)]);
    if (res.rowCount !== points.length) throw new Error('raw insert: wrong row count');
  };
  // The other raw path: a VALUES list with 6 parameters per row (what an ORM's multi-row insert sends).
  const values = async (points: Point[]) => {
    const now = new Date();
    const params: unknown[] = [];
    const rows = points.map((p, i) => {
      params.push(workspaceId, valuesRun, p.key, p.step, p.value, now);
      const o = i * 6;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6})`;
    });
    const res = await client.query(`insert into run_metric_point (workspace_id, run_id, key, step, value, recorded_at) values ${rows.join(', ')}`, params);
    if (res.rowCount !== points.length) throw new Error('values insert: wrong row count');
  };

  // Backends: the raw client's, and the API's (every other connection to the bench database).
  const rawPid = ((await client.query('select pg_backend_pid() as pid')).rows as { pid: number }[])[0]!.pid;
  const apiBackends = async () => ((await client.query('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows as { pid: number }[]).map((r) => r.pid);
  const backendsCpu = (pids: number[]) => {
    let sum = 0;
    for (const pid of pids) {
      const ms = processCpuMs(pid);
      if (ms === null) return null;
      sum += ms;
    }
    return sum;
  };
  let cpuMeasured = processCpuMs(rawPid) !== null;
  const cpu = { api: { node: 0, pg: 0 }, raw: { node: 0, pg: 0 }, values: { node: 0, pg: 0 } };
  /** Runs `fn`, adding this process's CPU and the CPU of `pids`'s backends to `into` when `timed`. */
  const withCpu = async <T>(into: { node: number; pg: number }, pids: number[], timed: boolean, fn: () => Promise<T>): Promise<T> => {
    const node0 = selfCpuMs();
    const pg0 = backendsCpu(pids);
    const result = await fn();
    const node1 = selfCpuMs();
    const pg1 = backendsCpu(pids);
    if (pg0 === null || pg1 === null) cpuMeasured = false;
    if (timed) {
      into.node += node1 - node0;
      into.pg += (pg1 ?? 0) - (pg0 ?? 0);
    }
    return result;
  };

  const total = WARMUP + BATCHES;
  const batches = Array.from({ length: total }, (_, b) => batchPoints(b));
  const bodies = batches.map((points) => JSON.stringify({ query: LOG, operationName: 'Log', variables: { input: { runId: apiRun, points } } }));

  const apiTimes: number[] = [];
  const rawTimes: number[] = [];
  const valuesTimes: number[] = [];
  const perRequest = new Set<number>();
  let lastMetrics: { key: string; value: number }[] = [];
  // Statements are counted on the first warm-up batch only: MikroORM's query logger (which counts
  // them) formats every statement, 10,000-row insert included, which production does not do.
  const logger = orm.config.getLogger();
  for (let b = 0; b < total; b++) {
    const probe = b === 0;
    logger.setDebugMode(probe ? ['query'] : false);
    statements = 0;
    const timed = b >= WARMUP;
    const pids = await apiBackends();
    let t = performance.now();
    const data = await withCpu(cpu.api, pids, timed, () => post(bodies[b]!));
    const apiMs = performance.now() - t;
    if (probe) perRequest.add(statements);
    lastMetrics = data.logRunMetrics.metrics;
    t = performance.now();
    await withCpu(cpu.raw, [rawPid], timed, () => raw(batches[b]!));
    const rawMs = performance.now() - t;
    t = performance.now();
    await withCpu(cpu.values, [rawPid], timed, () => values(batches[b]!));
    const valuesMs = performance.now() - t;
    if (timed) {
      apiTimes.push(apiMs);
      rawTimes.push(rawMs);
      valuesTimes.push(valuesMs);
    }
    if (process.env.METRICS_VERBOSE) console.log(`batch ${b}: api ${apiMs.toFixed(1)} ms, raw ${rawMs.toFixed(1)} ms, values ${valuesMs.toFixed(1)} ms`);
  }

  // The run's final metrics are the values at the highest step per key.
  const last = batches[total - 1]!;
  for (const key of KEYS) {
    const expected = last.filter((p) => p.key === key).at(-1)!.value;
    const got = lastMetrics.find((m) => m.key === key)?.value;
    if (got !== expected) throw new Error(`final metric ${key}: expected ${expected}, got ${got}`);
  }
  const { rows: counts } = await client.query(`select run_id, count(*)::int as n from run_metric_point group by run_id`);
  for (const run of [apiRun, rawRun, valuesRun]) {
    const n = counts.find((r) => r.run_id === run)?.n;
    if (n !== total * BATCH) throw new Error(`run ${run}: ${n} points, expected ${total * BATCH}`);
  }

  const points = BATCHES * BATCH;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const row = (name: string, times: number[]) => {
    const rate = points / (sum(times) / 1000);
    const medianRate = BATCH / (median(times) / 1000);
    return { name, rate, medianRate, medianMs: median(times), p90Ms: [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)]! };
  };
  const apiRow = row('logRunMetrics (HTTP)', apiTimes);
  const rawRow = row('raw INSERT … unnest', rawTimes);
  const valuesRow = row('raw INSERT … VALUES', valuesTimes);
  const best = rawRow.rate >= valuesRow.rate ? rawRow : valuesRow;
  const ratio = apiRow.rate / best.rate;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  const pgVersion = ((await client.query('show server_version')).rows as { server_version: string }[])[0]!.server_version;
  console.log(`machine: ${os.cpus().length} × ${cpuModel}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}, PostgreSQL ${pgVersion} (${database.embedded ? 'embedded' : 'from DATABASE_URL'})`);
  console.log(`data: ${BATCHES} timed batches of ${fmt(BATCH)} points (${fmt(points)} points per path, after ${WARMUP} warm-up batches), keys ${KEYS.join('/')}; SQL statements per request: ${[...perRequest].join(', ')} (incl. BEGIN/COMMIT)`);
  console.log('');
  console.log('| path                  |   points/s | median batch | p90 batch | median batch rate |');
  console.log('|-----------------------|-----------:|-------------:|----------:|------------------:|');
  for (const r of [apiRow, rawRow, valuesRow]) {
    console.log(`| ${r.name.padEnd(21)} | ${fmt(r.rate).padStart(10)} | ${`${r.medianMs.toFixed(1)} ms`.padStart(12)} | ${`${r.p90Ms.toFixed(1)} ms`.padStart(9)} | ${`${fmt(r.medianRate)}/s`.padStart(17)} |`);
  }
  console.log('');
  const rateOk = apiRow.rate >= TARGET_RATE;
  const ratioOk = ratio >= TARGET_RATIO;
  console.log(`API rate   ${fmt(apiRow.rate)} points/s  (target ≥ ${fmt(TARGET_RATE)}): ${rateOk ? 'PASS' : 'FAIL'}`);
  console.log(`API / raw  ${(ratio * 100).toFixed(1)} % of the faster raw path (${best.name.trim()}, ${fmt(best.rate)} points/s)  (target ≥ ${TARGET_RATIO * 100} %): ${ratioOk ? 'PASS' : 'FAIL'}`);
  if (cpuMeasured) {
    const perBatch = (ms: number) => `${(ms / BATCHES).toFixed(1)} ms`;
    const cpuRows = [['logRunMetrics (HTTP)', cpu.api], ['raw INSERT … unnest', cpu.raw], ['raw INSERT … VALUES', cpu.values]] as const;
    console.log('');
    console.log('CPU per batch (this process + the PostgreSQL backends that served it; independent of the machine load):');
    console.log('| path                  | node CPU | PostgreSQL CPU | total CPU | points per CPU-second |');
    console.log('|-----------------------|---------:|---------------:|----------:|----------------------:|');
    for (const [name, c] of cpuRows) {
      console.log(`| ${name.padEnd(21)} | ${perBatch(c.node).padStart(8)} | ${perBatch(c.pg).padStart(14)} | ${perBatch(c.node + c.pg).padStart(9)} | ${fmt(points / ((c.node + c.pg) / 1000)).padStart(21)} |`);
    }
    const bestCpu = Math.min(cpu.raw.node + cpu.raw.pg, cpu.values.node + cpu.values.pg);
    console.log(`API / raw by CPU: ${((bestCpu / (cpu.api.node + cpu.api.pg)) * 100).toFixed(1)} %`);
  } else {
    console.log('(CPU per batch not measured: the PostgreSQL backends are not visible in /proc on this host)');
  }
  await client.end();
  await api.close();
} finally {
  await orm.close();
  await database.drop();
}
