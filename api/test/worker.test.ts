import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoData } from '@modelyard/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStatus } from '../src/modules/models/model.enums.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { approvedRecipeWithModel, attachedPack, seededManifest } from './evaluation-fixtures.js';
import { codeOf, ok, startTestApi, type TestApi } from './harness.js';
import { subscribe, sleep } from './live-client.js';
import { hasRedisServer, startRedis, startWorkerProcess, type RedisProcess, type WorkerProcess } from './processes.js';

const RUN_FIELDS = `id status type attempt progress error metrics { key value } dataset { name seed size }
  artifacts { name kind uri sizeBytes checksum } evaluationResults { status pack { id } }
  backtestWindows { index trainStart trainEnd testStart testEnd metrics { key value } }`;
const QUEUE = `mutation($input: QueueRunInput!) { queueRun(input: $input) { id status dataset { name seed size } } }`;
const RUN = `query($id: ID!) { run(id: $id) { ${RUN_FIELDS} logs(afterSeq: 0) { level message } metricHistory { key step value } } }`;
const CANCEL = `mutation($id: ID!) { cancelRun(runId: $id) { id status cancelRequestedAt } }`;

const packRules = (family: string) => buildDemoData(new Date()).packs.find((p) => p.family === family)!.version.rules;
const metric = (run: { metrics: { key: string; value: number }[] }, key: string) => run.metrics.find((m) => m.key === key)?.value;

describe.skipIf(!hasRedisServer())('the worker', () => {
  let api: TestApi;
  let redis: RedisProcess;
  let artifactDir: string;
  const workers: WorkerProcess[] = [];
  let ws: string;

  const workerEnv = (extra: Record<string, string> = {}) => ({
    REDIS_URL: redis.url, ARTIFACT_DIR: artifactDir, RUN_RETRY_DELAY_SECONDS: '1', WORKER_SWEEP_SECONDS: '1', ...extra,
  });
  const startWorker = async (extra: Record<string, string> = {}) => {
    const worker = await startWorkerProcess(workerEnv(extra));
    workers.push(worker);
    return worker;
  };
  /** Tests that need a worker share one (any test may run alone with -t). */
  const ensureWorker = async () => {
    if (!workers.some((w) => w.process.exitCode === null && w.process.signalCode === null)) await startWorker();
  };
  const fetchRun = async (id: string) => ok(await api.gql(RUN, { id }, ws)).run;
  const waitForRun = async (id: string, done: (run: any) => boolean, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await fetchRun(id);
      if (done(run)) return run;
      if (Date.now() > deadline) throw new Error(`run ${id} is still ${run.status} (${run.progress}): ${JSON.stringify(run.logs?.slice(-5))}`);
      await sleep(200);
    }
  };
  const finished = (run: any) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status);

  /** An APPROVED recipe of the family with the seeded manifest (or `manifest`) and the seeded pack attached, and a DRAFT model. */
  const familyModel = async (family: RecipeFamily, manifest?: Record<string, unknown>) => {
    const fixture = await approvedRecipeWithModel(api.orm, ws, family, ModelStatus.DRAFT, { manifest });
    const pack = await attachedPack(api, ws, fixture.recipeId, family, packRules(family));
    return { ...fixture, ...pack };
  };

  beforeAll(async () => {
    redis = await startRedis();
    artifactDir = mkdtempSync(path.join(tmpdir(), 'modelyard-artifacts-'));
    api = await startTestApi({ queue: true, redisUrl: redis.url });
    ws = await api.newWorkspace('worker');
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await api?.close();
    await redis?.stop();
    rmSync(artifactDir, { recursive: true, force: true });
  });

  it('cancels a queued run at once, refuses to cancel a finished one, and checks its input', async () => {
    const { modelId } = await familyModel(RecipeFamily.PRICING);
    const queued = ok(await api.gql(QUEUE, { input: { modelId, type: 'TRAIN', dataset: { size: 'SMALL', seed: 3 } } }, ws)).queueRun;
    expect(queued).toMatchObject({ status: 'QUEUED', dataset: { seed: 3, size: 'SMALL' } });
    expect(ok(await api.gql(CANCEL, { id: queued.id }, ws)).cancelRun.status).toBe('CANCELLED');
    expect(codeOf(await api.gql(CANCEL, { id: queued.id }, ws))).toBe('CONFLICT');

    const both = await api.gql(QUEUE, { input: { type: 'TRAIN' } }, ws);
    expect(codeOf(both)).toBe('VALIDATION_FAILED');
    const wrongSet = await api.gql(QUEUE, { input: { modelId, type: 'TRAIN', dataset: { name: 'somebody-elses-data' } } }, ws);
    expect(codeOf(wrongSet)).toBe('VALIDATION_FAILED');
    expect(wrongSet.errors![0]!.extensions!.problems[0].path).toBe('input.dataset.name');
  });

  it('runs a TRAIN of every family end to end with a worker process, live, with real metrics, evaluation and artifacts', async () => {
    await ensureWorker();
    const families = [RecipeFamily.FORECASTING, RecipeFamily.PRICING, RecipeFamily.NEXT_BEST_ACTION, RecipeFamily.LOCATION_SCORING];
    const models = await Promise.all(families.map((f) => familyModel(f)));
    const watcher = await subscribe(api.wsUrl, `subscription($f: RunUpdatedFilter) { runUpdated(filter: $f) { eventId run { id status progress } } }`, { f: {} }, ws);
    const ids: string[] = [];
    for (const m of models) ids.push(ok(await api.gql(QUEUE, { input: { modelId: m.modelId, type: 'TRAIN', dataset: { size: 'SMALL' } } }, ws)).queueRun.id);
    const runs = await Promise.all(ids.map((id) => waitForRun(id, finished, 120_000)));
    for (const [i, run] of runs.entries()) {
      expect(run.status, `${families[i]}: ${run.error} ${JSON.stringify(run.logs.slice(-3))}`).toBe('SUCCEEDED');
      expect(run.attempt).toBe(1);
      expect(run.progress).toBe(1);
      // Every metric of the family's pack was computed, and the pack evaluated them.
      for (const rule of packRules(families[i]!)) expect(Number.isFinite(metric(run, rule.key)), `${families[i]} ${rule.key}`).toBe(true);
      expect(run.evaluationResults.map((r: any) => r.pack.id)).toEqual([models[i]!.packId]);
      expect(run.logs.length).toBeGreaterThan(1);
      expect(run.logs[0].message).toMatch(/^Attempt 1: TRAIN/);
      // The fitted model is stored as a JSON artifact with its size and checksum.
      const artifact = run.artifacts.find((a: any) => a.name === 'model.json');
      expect(artifact).toMatchObject({ kind: 'model' });
      const body = readFileSync(fileURLToPath(artifact.uri));
      expect(artifact.sizeBytes).toBe(body.length);
      expect(artifact.checksum).toBe(createHash('sha256').update(body).digest('hex'));
    }
    // Subscribers saw each run go QUEUED → RUNNING (with progress) → SUCCEEDED without polling.
    await watcher.waitFor(1);
    for (const id of ids) {
      const seen = watcher.received.filter((e) => e.runUpdated.run.id === id).map((e) => e.runUpdated.run.status);
      expect(seen).toContain('RUNNING');
      expect(seen.at(-1)).toBe('SUCCEEDED');
    }
    await watcher.close();

    // Recovering the ground truth (tolerances stated in each family's learner tests too).
    const [forecast, pricing, nba, location] = runs;
    expect(metric(forecast, 'MAPE')).toBeLessThan(0.25);
    expect(metric(forecast, 'coverage_80')).toBeGreaterThan(0.65);
    expect(metric(pricing, 'elasticity_accuracy')).toBeGreaterThan(0.9);
    expect(metric(pricing, 'constraint_violations')).toBe(0);
    expect(metric(nba, 'uplift')).toBeGreaterThan(0);
    expect(metric(location, 'rank_correlation')).toBeGreaterThan(0.6);
  });

  it('runs a walk-forward BACKTEST: windows in order, the aggregate as final metrics', async () => {
    await ensureWorker();
    const { modelId } = await familyModel(RecipeFamily.FORECASTING);
    const id = ok(await api.gql(QUEUE, { input: { modelId, type: 'BACKTEST', dataset: { size: 'SMALL' } } }, ws)).queueRun.id;
    const run = await waitForRun(id, finished, 120_000);
    expect(run.status, run.error).toBe('SUCCEEDED');
    expect(run.backtestWindows.length).toBeGreaterThan(2);
    run.backtestWindows.forEach((w: any, i: number) => {
      expect(w.index).toBe(i);
      expect(w.trainEnd < w.testStart).toBe(true);
      expect(w.testStart <= w.testEnd).toBe(true);
      if (i > 0) expect(w.testStart > run.backtestWindows[i - 1].testStart).toBe(true);
      expect(w.metrics.map((m: any) => m.key)).toContain('MAE');
    });
    expect(Number.isFinite(metric(run, 'MAE'))).toBe(true);
  });

  it('fails a run whose manifest asks for a feature the data set lacks, with the feature in the message and no retry', async () => {
    const manifest = seededManifest(RecipeFamily.PRICING) as any;
    await ensureWorker();
    manifest.lineage.input_features = [...manifest.lineage.input_features, 'loyalty_tier_of_the_moon'];
    const { modelId } = await familyModel(RecipeFamily.PRICING, manifest);
    const id = ok(await api.gql(QUEUE, { input: { modelId, type: 'TRAIN', dataset: { size: 'SMALL' } } }, ws)).queueRun.id;
    const run = await waitForRun(id, finished);
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/loyalty_tier_of_the_moon/);
    expect(run.attempt).toBe(1);
    const { alerts } = ok(await api.gql(`query($m: ID) { alerts(filter: { modelId: $m, types: [RUN_FAILED] }) { totalCount } }`, { m: modelId }, ws));
    expect(alerts.totalCount).toBe(1);
  });

  it('stops a RUNNING run at its next step when it is cancelled', async () => {
    await ensureWorker();
    const { modelId } = await familyModel(RecipeFamily.LOCATION_SCORING);
    const id = ok(await api.gql(QUEUE, { input: { modelId, type: 'BACKTEST', dataset: { size: 'DEFAULT' } } }, ws)).queueRun.id;
    await waitForRun(id, (r) => r.status === 'RUNNING' || finished(r));
    const asked = ok(await api.gql(CANCEL, { id }, ws)).cancelRun;
    expect(asked.cancelRequestedAt).toBeTruthy();
    const run = await waitForRun(id, finished);
    expect(run.status).toBe('CANCELLED');
  });

  it('never runs a job twice with two workers, and hands a killed worker’s run to another', async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop('SIGTERM')));
    const doomed = await startWorker({ RUN_HEARTBEAT_TIMEOUT_SECONDS: '3' });
    const { modelId } = await familyModel(RecipeFamily.FORECASTING);
    const slow = ok(await api.gql(QUEUE, { input: { modelId, type: 'BACKTEST', dataset: { size: 'DEFAULT' } } }, ws)).queueRun.id;
    await waitForRun(slow, (r) => (r.status === 'RUNNING' && r.progress > 0) || finished(r));
    await doomed.stop('SIGKILL');

    // Two live workers share the rest of the queue. Their sweepers give a run up after 15 s without a
    // heartbeat: three 5 s heartbeat intervals, room for a busy machine, so only the killed worker's
    // run is handed over, once (a handed-over run gets a fresh heartbeat, so the moment between its
    // retry becoming active and the next worker claiming it is not taken for another stall).
    await Promise.all([startWorker({ RUN_HEARTBEAT_TIMEOUT_SECONDS: '15' }), startWorker({ RUN_HEARTBEAT_TIMEOUT_SECONDS: '15' })]);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(ok(await api.gql(QUEUE, { input: { modelId, type: 'TRAIN', dataset: { size: 'SMALL', seed: i + 1 } } }, ws)).queueRun.id);
    const runs = await Promise.all(ids.map((id) => waitForRun(id, finished, 120_000)));
    for (const run of runs) {
      expect(run.status).toBe('SUCCEEDED');
      expect(run.attempt).toBe(1);
      expect(run.logs.filter((l: any) => /^Attempt \d/.test(l.message))).toHaveLength(1);
    }

    const recovered = await waitForRun(slow, finished, 180_000);
    expect(recovered.status, recovered.error).toBe('SUCCEEDED');
    expect(recovered.attempt).toBe(2);
    expect(recovered.logs.filter((l: any) => /^Attempt \d/.test(l.message)).map((l: any) => l.message.slice(0, 9))).toEqual(['Attempt 1', 'Attempt 2']);
  }, 240_000);
});
