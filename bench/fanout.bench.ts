/**
 * Live fan-out benchmark: N graphql-ws clients (N = 100 and 1,000) subscribed to `alertRaised`;
 * alerts raised through the API (a run of a different model fails each time) at a steady rate.
 * Prints delivery latency p50/p99 (commit → client receipt), events lost, and — measured in the
 * same run — the throughput of our pipeline against a raw `ws` broadcast of the same payload to the
 * same number of sockets.
 *
 *   npm run bench:fanout                         # embedded PostgreSQL (or DATABASE_URL), in-process events
 *   FANOUT_CLIENTS=100,1000 FANOUT_RATE=10 FANOUT_SECONDS=20 npm run bench:fanout
 */
import 'reflect-metadata';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import { modelWithEvaluatedRuns } from '../api/test/fixtures.js';
import { startApi } from '../api/src/platform/app.js';
import { ensureDatabase, startDatabase } from '../api/src/platform/db/database.js';
import { createOrm, migrate } from '../api/src/platform/db/orm.js';
import { loadEnv } from '../api/src/platform/env.js';
import { createLogger } from '../api/src/platform/logger.js';
import { createWorkspace } from '../api/src/modules/workspaces/workspace.service.js';

const SIZES = (process.env.FANOUT_CLIENTS ?? '100,1000').split(',').map(Number);
const RATE = Number(process.env.FANOUT_RATE ?? 10);
const SECONDS = Number(process.env.FANOUT_SECONDS ?? 15);
const BURST = Number(process.env.FANOUT_BURST ?? 200);
const SUBSCRIPTION = `subscription { alertRaised { eventId occurredAt alert { id type severity title } } }`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const env = loadEnv();
const log = createLogger('warn');
const db = await startDatabase(env, log);
const adminUrl = new URL(db.url);
adminUrl.pathname = '/postgres';
const dbName = `modelyard_fanout_${Date.now()}`;
await ensureDatabase(adminUrl.toString(), dbName);
const url = new URL(db.url);
url.pathname = `/${dbName}`;
const orm = await createOrm({ url: url.toString(), poolMax: 10 });
const needed = SIZES.length * (RATE * SECONDS + BURST) + 10;

try {
  await migrate(orm);
  await createWorkspace(orm.em.fork(), { slug: 'fanout', name: 'Fan-out bench' });
  // One model per alert: RUN_FAILED de-duplicates per model, and every event must be a new alert.
  const models: string[] = [];
  for (let i = 0; i < needed; i++) models.push(await modelWithEvaluatedRuns(orm, 'fanout', 0, 0));
  const api = await startApi({ orm, log, port: 0, host: '127.0.0.1', corsOrigins: [], defaultWorkspace: 'fanout' });
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  let next = 0;
  /** Raises one new alert: a run of an unused model goes QUEUED → RUNNING → FAILED. */
  const raiseAlert = async () => {
    const modelId = models[next++]!;
    const { createRun } = await gql(`mutation($m: ID!) { createRun(input: { modelId: $m, type: TRAIN }) { id } }`, { m: modelId });
    await gql(`mutation($r: ID!) { updateRunStatus(input: { runId: $r, status: RUNNING }) { id } }`, { r: createRun.id });
    await gql(`mutation($r: ID!) { updateRunStatus(input: { runId: $r, status: FAILED, error: "bench" }) { id } }`, { r: createRun.id });
  };

  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL ${db.embedded ? 'embedded' : 'from DATABASE_URL'}, events in process`);
  for (const n of SIZES) {
    const receipts: number[][] = Array.from({ length: n }, () => []);
    const latencies: number[] = [];
    let received = 0;
    const clients: Client[] = [];
    await Promise.all(
      Array.from({ length: n }, (_, i) => new Promise<void>((resolve) => {
        const client = createClient({ url: api.url.replace('http', 'ws'), webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, onNonLazyError: () => undefined, on: { connected: () => resolve() } });
        client.subscribe<{ alertRaised: { occurredAt: string } }>({ query: SUBSCRIPTION }, {
          next: ({ data }) => {
            const now = Date.now();
            receipts[i]!.push(now);
            latencies.push(now - Date.parse(data!.alertRaised.occurredAt));
            received++;
          },
          error: () => undefined,
          complete: () => undefined,
        });
        clients.push(client);
      })),
    );
    await sleep(1000);

    // 1. Steady rate: latency and loss.
    const events = RATE * SECONDS;
    const started = performance.now();
    for (let e = 0; e < events; e++) {
      const due = started + (e * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      await raiseAlert();
    }
    const deadline = Date.now() + 10_000;
    while (received < events * n && Date.now() < deadline) await sleep(50);
    const lost = events * n - received;
    const p50 = pct(latencies, 50);
    const p99 = pct(latencies, 99);

    // 2. Burst throughput: BURST alerts as fast as 4 concurrent API callers can raise them, until
    //    every client has every one.
    latencies.length = 0;
    received = 0;
    let raised = 0;
    const burstStart = performance.now();
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (raised < BURST) {
        raised++;
        await raiseAlert();
      }
    }));
    while (received < BURST * n && performance.now() - burstStart < 60_000) await sleep(10);
    const ours = received / n / ((performance.now() - burstStart) / 1000);
    const burstLost = BURST * n - received;

    // 3. Raw ws broadcast of the same payload to the same number of sockets.
    const raw = await rawBroadcast(n, BURST, JSON.stringify({ id: '1', type: 'next', payload: { data: { alertRaised: { eventId: '1', occurredAt: new Date().toISOString(), alert: { id: 'x', type: 'RUN_FAILED', severity: 'WARNING', title: 'Run failed' } } } } }));

    console.log(`${String(n).padStart(5)} subscribers, ${RATE} events/s for ${SECONDS}s: latency p50 ${p50} ms, p99 ${p99} ms, lost ${lost}`);
    console.log(`      burst of ${BURST} alerts: ${ours.toFixed(1)} events/s delivered to all (lost ${burstLost}); raw ws broadcast ${raw.toFixed(1)} messages/s; ratio ${((ours / raw) * 100).toFixed(1)} %`);
    await Promise.all(clients.map((c) => c.dispose()));
    await sleep(500);
  }
  await api.close();
} finally {
  await orm.close();
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
  await db.stop();
}

/** Messages per second a bare `ws` server achieves broadcasting `payload` to `n` sockets, `count` times. */
async function rawBroadcast(n: number, count: number, payload: string): Promise<number> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const port = (wss.address() as { port: number }).port;
  let got = 0;
  const sockets = await Promise.all(Array.from({ length: n }, () => new Promise<WebSocket>((resolve) => {
    const s = new WebSocket(`ws://127.0.0.1:${port}`);
    s.on('message', () => got++);
    s.once('open', () => resolve(s));
  })));
  await sleep(200);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) for (const client of wss.clients) client.send(payload);
  while (got < n * count) await sleep(5);
  const rate = count / ((performance.now() - t0) / 1000);
  sockets.forEach((s) => s.close());
  await new Promise((r) => wss.close(r));
  return rate;
}
