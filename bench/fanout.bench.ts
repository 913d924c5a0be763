/**
 * Live fan-out benchmark: N graphql-ws clients (N = 100 and 1,000) subscribed to `alertRaised`.
 *
 *   npm run bench:fanout                         # embedded PostgreSQL (or DATABASE_URL); REDIS_URL → events over Redis
 *   FANOUT_CLIENTS=100,1000 FANOUT_RATE=10 FANOUT_SECONDS=15 FANOUT_BURST=200 FANOUT_ROUNDS=3 FANOUT_CLIENT_PROCESSES=2 npm run bench:fanout
 *
 * This process runs the API (HTTP + graphql-ws, exactly as in production), the HTTP driver that
 * raises the alerts and the raw `ws` baseline server; FANOUT_CLIENT_PROCESSES forked children (2 by
 * default, 1 on a single CPU) share the N clients, so client-side parsing neither shares the server's
 * event loop nor is serialised through one process. Per N:
 *
 * 1. Steady rate — RATE alerts per second for SECONDS, each raised through the HTTP API the way a
 *    pipeline reports a failure: `updateRunStatus(status: FAILED)` on a RUNNING run of a model with
 *    no open alert (the runs are created and started through the API beforehand, before any client
 *    subscribes), so every one is a new RUN_FAILED alert and an `alertRaised` event, never an
 *    `alertUpdated` (the bench checks that against the outbox). Raises are scheduled open-loop (a
 *    slow mutation does not delay the next one).
 *    Latency = client receipt − commit, for every (client, event) pair: *commit* is the moment the
 *    API process's COMMIT returned (the outbox publisher hands a transaction's events to the bus
 *    synchronously in MikroORM's afterTransactionCommit; the bench stamps them there), *receipt* is
 *    when the graphql-ws client's `next` handler ran in its client process. Both use
 *    performance.timeOrigin + performance.now(); the clock offset between the processes is measured
 *    (NTP-style ping, best of 20, per client process) and corrected. Also printed: the raising
 *    mutation's HTTP round trip, CPU per event of the API and client processes, and the API
 *    process's event-loop delay (on a shared machine, a p99 above the target usually shows there).
 *    Lost = for each client, the committed ALERT_RAISED events of the phase (read back from the
 *    outbox table, not from what was sent) that it never received; duplicates are counted too.
 * 2. Burst — BURST new alerts committed in ONE transaction through the alert service
 *    (raiseRunFailedAlert, the code path of a failing run), so the bus receives BURST events at once
 *    and the whole post-commit path (bus → N subscriptions → filter → GraphQL execution → graphql-ws
 *    → socket) is the bottleneck. Throughput = BURST / (last receipt by the last client − commit).
 * 3. Raw baseline, same run — a bare `ws` server (same process as the API) sends the same payload
 *    (a real `next` message as our server sends it) BURST times to the same number of sockets in the
 *    same client processes (which JSON-parse each message, as the graphql-ws client does).
 *    Rate = BURST / (last receipt − first send). Ratio = ours / raw. Two variants: the plain loop
 *    (one write per message), and the same loop with every socket corked for the burst (one write
 *    per socket), because our server coalesces the messages a socket gets in one tick.
 *    Bursts and raw broadcasts alternate ROUNDS times on the same open sockets; medians are reported
 *    (a load spike on a shared machine then hits both sides), with the server process's CPU time per
 *    delivered message (process.cpuUsage, from the commit / the first send to the last receipt).
 *
 * Exit code 1 when any event was lost or duplicated.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import os from 'node:os';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SUBSCRIPTION = `subscription { alertRaised { eventId occurredAt alert { id type severity title } } }`;
const WORKSPACE = 'fanout';

type ToClients =
  | { cmd: 'subscribe'; url: string; n: number; query: string; workspace: string; token: string }
  | { cmd: 'clock' }
  | { cmd: 'collect'; expected: string[]; timeoutMs: number }
  | { cmd: 'sample' }
  | { cmd: 'dispose' }
  | { cmd: 'raw-connect'; url: string; n: number }
  | { cmd: 'raw-wait'; count: number; timeoutMs: number }
  | { cmd: 'raw-close' };

interface Collected {
  /** times[client][k]: receipt time of expected[k] by that client (client clock), or null. */
  times: (number | null)[][];
  duplicates: number;
  unexpected: number;
  errors: string[];
  /** The client process's CPU time so far (µs). */
  cpu: number;
}

if (process.argv[2] === 'clients') await clientProcess();
else await benchmark();

// ───────────────────────────────────────────── the client process ─────────────────────────────────────────────

async function clientProcess(): Promise<void> {
  let clients: Client[] = [];
  let receipts: Map<string, number>[] = [];
  let duplicates = 0;
  let unexpected = 0;
  let receivedCount = 0;
  const errors: string[] = [];
  let sample: unknown = null;
  let raw: { sockets: WebSocket[]; counts: number[]; last: number } | null = null;
  const reply = (msg: unknown) => process.send!(msg);

  const handlers: { [K in ToClients['cmd']]: (msg: Extract<ToClients, { cmd: K }>) => Promise<unknown> } = {
    async subscribe({ url, n, query, workspace, token }) {
      receipts = Array.from({ length: n }, () => new Map());
      await Promise.all(Array.from({ length: n }, (_, i) => new Promise<void>((resolve, reject) => {
        const client = createClient({
          url,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${token}`, workspace },
          lazy: false,
          retryAttempts: 0,
          onNonLazyError: reject,
          on: { connected: () => resolve() },
        });
        client.subscribe<{ alertRaised: { eventId: string } }>({ query }, {
          next: (msg) => {
            const t = now();
            if (msg.errors) errors.push(JSON.stringify(msg.errors));
            const id = msg.data?.alertRaised.eventId;
            if (!id) return;
            if (receipts[i]!.has(id)) duplicates++;
            else {
              receipts[i]!.set(id, t);
              receivedCount++;
            }
            if (i === 0) sample = msg;
          },
          error: (err) => errors.push(String((err as Error)?.message ?? JSON.stringify(err))),
          complete: () => undefined,
        });
        clients.push(client);
      })));
      return { n: clients.length };
    },
    async clock() {
      return { t: now() };
    },
    async collect({ expected, timeoutMs }) {
      const deadline = now() + timeoutMs;
      // A cheap counter while waiting (polling every map would steal the clients' CPU); exact below.
      while (receivedCount < receipts.length * expected.length && now() < deadline) await sleep(10);
      const wanted = new Set(expected);
      for (const r of receipts) for (const id of r.keys()) if (!wanted.has(id)) unexpected++;
      const cpu = process.cpuUsage();
      const out: Collected = { times: receipts.map((r) => expected.map((id) => r.get(id) ?? null)), duplicates, unexpected, errors: errors.splice(0), cpu: cpu.user + cpu.system };
      for (const r of receipts) r.clear();
      duplicates = 0;
      unexpected = 0;
      receivedCount = 0;
      return out;
    },
    async sample() {
      return { sample };
    },
    async dispose() {
      await Promise.all(clients.map((c) => c.dispose()));
      clients = [];
      receipts = [];
      return {};
    },
    async ['raw-connect']({ url, n }) {
      const counts = Array.from({ length: n }, () => 0);
      const state = { sockets: [] as WebSocket[], counts, last: 0 };
      state.sockets = await Promise.all(Array.from({ length: n }, (_, i) => new Promise<WebSocket>((resolve, reject) => {
        const s = new WebSocket(url);
        s.on('message', (data) => {
          JSON.parse(String(data)); // as much client work as the graphql-ws client does per message
          counts[i]!++;
          state.last = now();
        });
        s.once('open', () => resolve(s));
        s.once('error', reject);
      })));
      raw = state;
      return {};
    },
    async ['raw-wait']({ count, timeoutMs }) {
      const deadline = now() + timeoutMs;
      while (raw!.counts.some((c) => c < count) && now() < deadline) await sleep(5);
      const result = { last: raw!.last, received: raw!.counts.reduce((a, b) => a + b, 0) };
      raw!.counts.fill(0);
      return result;
    },
    async ['raw-close']() {
      raw?.sockets.forEach((s) => s.close());
      raw = null;
      return {};
    },
  };

  process.on('message', (msg: ToClients & { seq: number }) => {
    void (handlers[msg.cmd] as (m: ToClients) => Promise<unknown>)(msg).then(
      (result) => reply({ seq: msg.seq, ok: true, result }),
      (err: unknown) => reply({ seq: msg.seq, ok: false, error: String((err as Error)?.stack ?? err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  reply({ seq: 0, ok: true, result: 'ready' });
}

/** Typed request/response over the IPC channel of the forked client process. */
function clientChannel(child: ChildProcess) {
  let seq = 0;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const ready = new Promise<void>((resolve) => pending.set(0, { resolve: () => resolve(), reject: () => undefined }));
  child.on('message', (msg: { seq: number; ok: boolean; result?: unknown; error?: string }) => {
    const p = pending.get(msg.seq);
    pending.delete(msg.seq);
    if (msg.ok) p?.resolve(msg.result);
    else p?.reject(new Error(`client process: ${msg.error}`));
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`client process exited (${code})`));
  });
  return {
    ready,
    call<T = any>(msg: ToClients): Promise<T> {
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ ...msg, seq: id });
      });
    },
  };
}

// ───────────────────────────────────────────── the server process ─────────────────────────────────────────────

async function benchmark(): Promise<void> {
  const [{ modelWithEvaluatedRuns }, { startApi }, { benchDatabase }, { createOrm, migrate }, { loadEnv }, { createLogger }, { createWorkspace }, { Loaders }, { Model }, { Run }, { RunStatus, RunType }, { raiseRunFailedAlert }] =
    await Promise.all([
      import('../api/test/fixtures.js'),
      import('../api/src/platform/app.js'),
      import('./bench-database.js'),
      import('../api/src/platform/db/orm.js'),
      import('../api/src/platform/env.js'),
      import('../api/src/platform/logger.js'),
      import('../api/src/modules/workspaces/workspace.service.js'),
      import('../api/src/platform/loaders.js'),
      import('../api/src/modules/models/model.entity.js'),
      import('../api/src/modules/runs/run.entity.js'),
      import('../api/src/modules/runs/run.enums.js'),
      import('../api/src/modules/alerts/alert.rules.js'),
    ]);

  const SIZES = (process.env.FANOUT_CLIENTS ?? '100,1000').split(',').map(Number);
  const RATE = Number(process.env.FANOUT_RATE ?? 10);
  const SECONDS = Number(process.env.FANOUT_SECONDS ?? 15);
  const BURST = Number(process.env.FANOUT_BURST ?? 200);
  const ROUNDS = Number(process.env.FANOUT_ROUNDS ?? 3);
  const CLIENT_PROCESSES = Number(process.env.FANOUT_CLIENT_PROCESSES ?? Math.min(2, os.cpus().length));
  const WARMUP = 5;

  const pct = (xs: Float64Array | number[], p: number) => {
    const s = Float64Array.from(xs).sort();
    return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
  };
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const cpuMicros = (u: NodeJS.CpuUsage) => u.user + u.system;

  const env = loadEnv();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const db = await benchDatabase('modelyard_fanout', log);
  const orm = await createOrm({ url: db.url, poolMax: 10 });
  const children = Array.from({ length: CLIENT_PROCESSES }, () => fork(fileURLToPath(import.meta.url), ['clients'], { execArgv: process.execArgv, stdio: 'inherit' }));
  const channels = children.map(clientChannel);
  /** `n` split as evenly as possible over the client processes. */
  const shares = (n: number) => channels.map((_, i) => Math.floor(n / channels.length) + (i < n % channels.length ? 1 : 0));
  const everyProcess = <T>(message: (i: number) => ToClients) => Promise.all(channels.map((c, i) => c.call<T>(message(i))));

  try {
    await migrate(orm);
    const workspace = await createWorkspace(orm.em.fork(), { slug: WORKSPACE, name: 'Fan-out bench' });
    // One model per alert: RUN_FAILED de-duplicates per model and run type, and every event must be a new alert.
    const perSize = WARMUP + RATE * SECONDS + ROUNDS * BURST;
    const models: string[] = [];
    for (let i = 0; i < SIZES.length * perSize; i++) models.push(await modelWithEvaluatedRuns(orm, WORKSPACE, 0, 0));
    let nextModel = 0;
    const takeModels = (k: number) => {
      const out = models.slice(nextModel, nextModel + k);
      nextModel += k;
      if (out.length < k) throw new Error('ran out of models');
      return out;
    };

    // Every subscriber and request uses the same ADMIN key (as one integrator's dashboards would).
    const { benchApiKey } = await import('./bench-credentials.js');
    const apiKey = await benchApiKey(orm.em.fork(), WORKSPACE);
    const api = await startApi({ orm, log, port: 0, host: '127.0.0.1', corsOrigins: [], redisUrl: env.REDIS_URL });
    const wsUrl = `ws://127.0.0.1:${api.port}/graphql`;
    const httpUrl = `http://127.0.0.1:${api.port}/graphql`;

    // Commit stamps: the outbox publisher calls bus.publish for a transaction's events synchronously
    // in afterTransactionCommit, i.e. right after COMMIT returned.
    const committedAt = new Map<string, number>();
    const publish = api.bus.publish.bind(api.bus);
    let onFirstPublish: (() => void) | null = null;
    api.bus.publish = (event) => {
      committedAt.set(event.id, now());
      if (onFirstPublish) {
        onFirstPublish();
        onFirstPublish = null;
      }
      publish(event);
    };

    const gql = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(httpUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: any; errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    /** Setup: a RUNNING run of an unused model, through the API. */
    const startRun = async (modelId: string): Promise<string> => {
      const { createRun } = await gql(`mutation($m: ID!) { createRun(input: { modelId: $m, type: TRAIN }) { id } }`, { m: modelId });
      await gql(`mutation($r: ID!) { updateRunStatus(input: { runId: $r, status: RUNNING }) { id } }`, { r: createRun.id });
      return createRun.id;
    };
    /** Raises one new alert through the API: the run fails. Returns the mutation's round trip (ms). */
    const failRun = async (runId: string): Promise<number> => {
      const t0 = performance.now();
      await gql(`mutation($r: ID!) { updateRunStatus(input: { runId: $r, status: FAILED, error: "bench" }) { id } }`, { r: runId });
      return performance.now() - t0;
    };
    /** Setup for every size at once, 4 at a time, before any client subscribes. */
    const runsFor = new Map<string, string>();
    const started = async (modelIds: string[]) => {
      const queue = [...modelIds];
      await Promise.all(Array.from({ length: 4 }, async () => {
        for (let m = queue.shift(); m; m = queue.shift()) runsFor.set(m, await startRun(m));
      }));
    };
    /** Raises one new alert per model in ONE transaction, through the alert rules a failing run triggers. */
    const raiseInOneTransaction = async (modelIds: string[]) => {
      await orm.em.fork().transactional(async (em) => {
        const ctx = { em, loaders: new Loaders(), bus: api.bus, caller: { workspaceSlug: WORKSPACE, workspaceId: workspace.id, actor: 'bench', authenticated: true } };
        const ms = await em.find(Model, { id: { $in: modelIds } });
        const at = new Date();
        const runs = ms.map((model) => [em.create(Run, { workspace: workspace.id, model, recipe: model.recipe, recipeVersion: model.recipeVersion, type: RunType.TRAIN, status: RunStatus.FAILED, error: 'bench burst', startedAt: at, finishedAt: at }), model] as const);
        await em.flush();
        for (const [run, model] of runs) await raiseRunFailedAlert(em, ctx as never, run, model, at);
      });
    };
    /** The committed ALERT_RAISED events after `mark`, read back from the outbox; checks nothing else was emitted for alerts. */
    const committedAlerts = async (mark: string, expectedCount: number) => {
      const rows = (await orm.em.fork().execute(`select id, topic from event_outbox where workspace_id = ? and topic in ('ALERT_RAISED', 'ALERT_UPDATED') and id > ? order by id`, [workspace.id, mark])) as { id: string; topic: string }[];
      const raised = rows.filter((r) => r.topic === 'ALERT_RAISED').map((r) => String(r.id));
      if (raised.length !== expectedCount || rows.length !== raised.length) throw new Error(`expected ${expectedCount} ALERT_RAISED events, the outbox has ${raised.length} (and ${rows.length - raised.length} ALERT_UPDATED)`);
      for (const id of raised) if (!committedAt.has(id)) throw new Error(`event ${id} committed but never published`);
      return raised;
    };
    const lastEventId = async () => String(((await orm.em.fork().execute(`select coalesce(max(id), 0) as id from event_outbox`)) as { id: string }[])[0]!.id);

    // Clock offset of each client process (client = main + offset), from the round trip with the smallest RTT.
    const offsets: number[] = [];
    let worstError = 0;
    for (const channel of channels) {
      await channel.ready;
      let bestRtt = Infinity;
      let offset = 0;
      for (let i = 0; i < 20; i++) {
        const t0 = now();
        const { t } = await channel.call<{ t: number }>({ cmd: 'clock' });
        const t2 = now();
        if (t2 - t0 < bestRtt) {
          bestRtt = t2 - t0;
          offset = t - (t0 + t2) / 2;
        }
      }
      offsets.push(offset);
      worstError = Math.max(worstError, bestRtt / 2);
    }

    const cpus = os.cpus();
    console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL ${db.embedded ? 'embedded' : 'from DATABASE_URL'}, events ${env.REDIS_URL ? 'over Redis' : 'in process'}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`clients in ${channels.length} forked process(es); clock offsets ${offsets.map((o) => o.toFixed(3)).join(', ')} ms (±${worstError.toFixed(3)} ms)`);

    /** Per-client loss and commit→receipt latencies of `expected` events. */
    const collect = async (expected: string[], timeoutMs: number) => {
      const all = await everyProcess<Collected>(() => ({ cmd: 'collect', expected, timeoutMs }));
      const latencies: number[] = [];
      let lost = 0;
      let clientsWithLoss = 0;
      let lastReceipt = 0;
      all.forEach((got, p) => {
        for (const times of got.times) {
          let missing = 0;
          times.forEach((t, k) => {
            if (t === null) missing++;
            else {
              const receipt = t - offsets[p]!;
              latencies.push(receipt - committedAt.get(expected[k]!)!);
              lastReceipt = Math.max(lastReceipt, receipt);
            }
          });
          lost += missing;
          if (missing) clientsWithLoss++;
        }
        if (got.errors.length) console.log(`      client errors: ${got.errors.slice(0, 3).join(' | ')}`);
      });
      const sum = (f: (c: Collected) => number) => all.reduce((a, c) => a + f(c), 0);
      return { latencies, lost, clientsWithLoss, duplicates: sum((c) => c.duplicates), unexpected: sum((c) => c.unexpected), lastReceipt, clientCpu: sum((c) => c.cpu) };
    };

    // Setup through the API: a RUNNING run for every model the warm-ups and steady phases will fail.
    const steadyCount = WARMUP + RATE * SECONDS;
    await started(SIZES.flatMap((_, i) => models.slice(i * perSize, i * perSize + steadyCount)));

    for (const n of SIZES) {
      await everyProcess((i) => ({ cmd: 'subscribe', url: wsUrl, n: shares(n)[i]!, query: SUBSCRIPTION, workspace: WORKSPACE, token: apiKey }));

      // 0. Warm-up (not measured): also proves every subscription is attached.
      let mark = await lastEventId();
      for (const m of takeModels(WARMUP)) await failRun(runsFor.get(m)!);
      const warm = await collect(await committedAlerts(mark, WARMUP), 15_000);
      if (warm.lost) throw new Error(`warm-up: ${warm.lost} events lost — subscriptions not attached?`);

      // 1. Steady rate through the API, open-loop.
      mark = await lastEventId();
      const events = RATE * SECONDS;
      const serverCpuBefore = process.cpuUsage();
      const loopDelay = monitorEventLoopDelay({ resolution: 5 });
      loopDelay.enable();
      const gcPauses: { ms: number; kind: string }[] = [];
      const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weak callbacks' };
      const gcObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcPauses.push({ ms: e.duration, kind: GC_KINDS[(e as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other' })));
      gcObserver.observe({ entryTypes: ['gc'] });
      const steadyModels = takeModels(events);
      const begin = performance.now();
      const raises: Promise<number>[] = [];
      for (let e = 0; e < events; e++) {
        const wait = begin + (e * 1000) / RATE - performance.now();
        if (wait > 0) await sleep(wait);
        raises.push(failRun(runsFor.get(steadyModels[e]!)!));
      }
      const roundTrips = await Promise.all(raises);
      loopDelay.disable();
      gcObserver.disconnect();
      const longestGc = gcPauses.reduce<{ ms: number; kind: string } | undefined>((a, g) => (!a || g.ms > a.ms ? g : a), undefined);
      const steadyIds = await committedAlerts(mark, events);
      const commits = steadyIds.map((id) => committedAt.get(id)!);
      const achieved = ((events - 1) * 1000) / (commits.reduce((a, b) => Math.max(a, b)) - commits.reduce((a, b) => Math.min(a, b)));
      const steady = await collect(steadyIds, 15_000);
      const serverCpuPerEvent = cpuMicros(process.cpuUsage(serverCpuBefore)) / 1000 / events;
      const clientCpuPerEvent = (steady.clientCpu - warm.clientCpu) / 1000 / events;

      // 2 + 3, alternated ROUNDS times (the medians are reported, so a load spike on a shared machine
      // hits both sides): a burst through our pipeline, then the raw broadcast of the same message.
      const { sample } = await channels[0]!.call<{ sample: unknown }>({ cmd: 'sample' });
      const payload = JSON.stringify({ id: '00000000-0000-4000-8000-000000000000', type: 'next', payload: sample });
      const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
      const tcp: Socket[] = [];
      wss.on('connection', (_socket, request) => tcp.push(request.socket));
      await new Promise((r) => wss.once('listening', r));
      await everyProcess((i) => ({ cmd: 'raw-connect', url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`, n: shares(n)[i]! }));
      const rounds: { ours: number; oursCpu: number; raw: number; rawCpu: number; corked: number; corkedCpu: number; p50: number; p99: number; lost: number; lossy: number; duplicates: number; unexpected: number }[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        await sleep(300);
        mark = await lastEventId();
        const burstModels = takeModels(BURST);
        let cpuAtCommit: NodeJS.CpuUsage | null = null;
        onFirstPublish = () => (cpuAtCommit = process.cpuUsage());
        await raiseInOneTransaction(burstModels);
        const burstIds = await committedAlerts(mark, BURST);
        const burstCommit = burstIds.map((id) => committedAt.get(id)!).reduce((a, b) => Math.min(a, b));
        const burst = await collect(burstIds, 120_000);
        const oursCpu = cpuMicros(process.cpuUsage(cpuAtCommit!)) / (BURST * n);
        await sleep(300);
        const raw = await rawBroadcast(n, BURST, payload, false);
        await sleep(300);
        const corked = await rawBroadcast(n, BURST, payload, true);
        rounds.push({
          ours: BURST / ((burst.lastReceipt - burstCommit) / 1000), oursCpu, raw: raw.rate, rawCpu: raw.cpuPerMessage, corked: corked.rate, corkedCpu: corked.cpuPerMessage,
          p50: pct(burst.latencies, 50), p99: pct(burst.latencies, 99), lost: burst.lost, lossy: burst.clientsWithLoss, duplicates: burst.duplicates, unexpected: burst.unexpected,
        });
      }
      await everyProcess(() => ({ cmd: 'raw-close' }));
      await new Promise((r) => wss.close(r));
      await everyProcess(() => ({ cmd: 'dispose' }));

      const median = (xs: number[]) => pct(xs, 50);
      const ours = median(rounds.map((x) => x.ours));
      const raw = median(rounds.map((x) => x.raw));
      const corked = median(rounds.map((x) => x.corked));
      const burstLost = rounds.reduce((a, x) => a + x.lost, 0);
      const burstDuplicates = rounds.reduce((a, x) => a + x.duplicates, 0);
      const burstUnexpected = rounds.reduce((a, x) => a + x.unexpected, 0);
      console.log(`${String(n).padStart(5)} subscribers, ${RATE} events/s × ${SECONDS} s through the API (achieved ${achieved.toFixed(1)}/s): latency p50 ${ms(pct(steady.latencies, 50))}, p99 ${ms(pct(steady.latencies, 99))}, max ${ms(pct(steady.latencies, 100))}; lost ${steady.lost} (${steady.clientsWithLoss} clients), duplicates ${steady.duplicates}`);
      console.log(`      the raising mutation's round trip p50 ${ms(pct(roundTrips, 50))}, p99 ${ms(pct(roundTrips, 99))}; CPU per event: API process ${serverCpuPerEvent.toFixed(1)} ms (mutation, fan-out and the bench's HTTP driver), client processes ${clientCpuPerEvent.toFixed(1)} ms (${n} graphql-ws clients); API event-loop delay p99 ${ms(loopDelay.percentile(99) / 1e6)}, max ${ms(loopDelay.max / 1e6)}, longest GC pause ${ms(longestGc?.ms ?? 0)} (${longestGc?.kind ?? 'none'}), heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB; load average ${os.loadavg()[0]!.toFixed(1)}`);
      if (rounds.length) {
        console.log(`      bursts of ${BURST} in one transaction, ${ROUNDS} rounds: ${rounds.map((x) => x.ours.toFixed(1)).join(' / ')} events/s to all ${n}, median ${ours.toFixed(1)} (${Math.round(ours * n)} messages/s); server CPU ${median(rounds.map((x) => x.oursCpu)).toFixed(1)} µs/message; latency p50 ${ms(median(rounds.map((x) => x.p50)))}, p99 ${ms(median(rounds.map((x) => x.p99)))}; lost ${burstLost}, duplicates ${burstDuplicates}`);
        console.log(`      raw ws broadcast of the same ${payload.length}-byte message, ${ROUNDS} rounds: ${rounds.map((x) => x.raw.toFixed(1)).join(' / ')} events/s to all ${n}, median ${raw.toFixed(1)} (${Math.round(raw * n)} messages/s); server CPU ${median(rounds.map((x) => x.rawCpu)).toFixed(1)} µs/message`);
        console.log(`      raw ws broadcast, sockets corked for the burst: ${rounds.map((x) => x.corked.toFixed(1)).join(' / ')} events/s to all ${n}, median ${corked.toFixed(1)} (${Math.round(corked * n)} messages/s); server CPU ${median(rounds.map((x) => x.corkedCpu)).toFixed(1)} µs/message`);
        console.log(`      throughput ratio (medians): ${((ours / raw) * 100).toFixed(1)} % of the raw broadcast (per round ${rounds.map((x) => `${((x.ours / x.raw) * 100).toFixed(0)} %`).join(' / ')}), ${((ours / corked) * 100).toFixed(1)} % of the corked one (per round ${rounds.map((x) => `${((x.ours / x.corked) * 100).toFixed(0)} %`).join(' / ')})`);
      }
      if (steady.lost || burstLost || steady.duplicates || burstDuplicates || steady.unexpected || burstUnexpected) process.exitCode = 1;

      /** Events per second a bare `ws` server achieves sending `payload` to its `n` sockets `count` times (until the last socket has them all). */
      async function rawBroadcast(n: number, count: number, payload: string, cork: boolean): Promise<{ rate: number; cpuPerMessage: number }> {
        const waiting = everyProcess<{ last: number; received: number }>(() => ({ cmd: 'raw-wait', count, timeoutMs: 120_000 }));
        const cpu = process.cpuUsage();
        const t0 = now();
        if (cork) for (const socket of tcp) socket.cork();
        for (let i = 0; i < count; i++) for (const socket of wss.clients) socket.send(payload);
        if (cork) for (const socket of tcp) socket.uncork();
        const done = await waiting;
        const last = Math.max(...done.map((d, p) => d.last - offsets[p]!));
        const received = done.reduce((a, d) => a + d.received, 0);
        const cpuPerMessage = cpuMicros(process.cpuUsage(cpu)) / (n * count);
        if (received !== n * count) throw new Error(`raw broadcast: ${received} of ${n * count} messages arrived`);
        return { rate: count / ((last - t0) / 1000), cpuPerMessage };
      }
      await sleep(500);
    }

    await api.close();
  } finally {
    for (const child of children) child.disconnect();
    await orm.close();
    await db.drop();
  }
}
