import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStatus } from '../src/modules/models/model.enums.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { approvedRecipeWithModel, finishedRun } from './evaluation-fixtures.js';
import { codeOf, ok, startTestApi, type TestApi } from './harness.js';

const LOG = `mutation($input: LogPredictionsInput!) { logPredictions(input: $input) { received inserted duplicates } }`;
const ACTUALS = `mutation($input: RecordActualsInput!) { recordActuals(input: $input) { received matchedLogs unmatchedRequestIds } }`;
const LOGS = `query($id: ID!, $filter: PredictionLogFilter, $first: Int, $after: String) { model(id: $id) {
  predictionLogs(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { requestId prediction label confidence latencyMs shadow inputs metadata predictedAt model { id } actual { actual actualLabel observedAt } } } } } }`;
const SHADOW = `query($champion: ID!, $challenger: ID!, $from: DateTimeISO, $to: DateTimeISO, $tolerance: Float) {
  shadowComparison(championId: $champion, challengerId: $challenger, from: $from, to: $to, tolerance: $tolerance) {
    n championMae challengerMae championMape challengerMape mapeN agreement labelComparisons tolerance } }`;
const STATS = `query($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!, $bucket: StatsBucket, $shadow: Boolean) { model(id: $id) {
  predictionStats(from: $from, to: $to, bucket: $bucket, shadow: $shadow) { start count latencyP50 latencyP95 latencyP99 latencyMean meanConfidence withActual mae } } }`;
const IMPORTANCE = `mutation($input: RecordFeatureImportanceInput!) { recordFeatureImportance(input: $input) { id method scope requestId values { feature importance } model { id } run { id } } }`;

let api: TestApi;
let ws: string;
beforeAll(async () => {
  api = await startTestApi();
  ws = await api.newWorkspace('predictions');
});
afterAll(() => api?.close());

async function model(workspace = ws): Promise<string> {
  return (await approvedRecipeWithModel(api.orm, workspace, RecipeFamily.PRICING, ModelStatus.PRODUCTION)).modelId;
}

function prediction(requestId: string, extra: Record<string, unknown> = {}) {
  return { requestId, inputs: { price: 9.99, region: 'north' }, prediction: 1, latencyMs: 5, ...extra };
}

async function log(modelId: string, predictions: Record<string, unknown>[], workspace = ws) {
  return ok(await api.gql(LOG, { input: { modelId, predictions } }, workspace)).logPredictions;
}

async function logsOf(modelId: string, filter: Record<string, unknown> = {}, first = 100): Promise<{ totalCount: number; nodes: any[] }> {
  const { predictionLogs } = ok(await api.gql(LOGS, { id: modelId, filter, first }, ws)).model;
  return { totalCount: predictionLogs.totalCount, nodes: predictionLogs.edges.map((e: any) => e.node) };
}

/** percentile_cont: linear interpolation between the closest ranks (position p·(n − 1)). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

function expectClose(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('prediction logs', () => {
  it('are stored once per model and request id: a retried batch stores nothing new', async () => {
    const m = await model();
    const batch = [
      prediction('r-1', { label: 'buy', confidence: 0.8, metadata: { client: 'web' }, predictedAt: '2026-11-01T10:00:00.000Z' }),
      prediction('r-2', { shadow: true }),
      prediction('r-3'),
    ];
    expect(await log(m, batch)).toEqual({ received: 3, inserted: 3, duplicates: 0 });
    expect(await log(m, batch)).toEqual({ received: 3, inserted: 0, duplicates: 3 });
    expect(await log(m, [...batch, prediction('r-4')])).toEqual({ received: 4, inserted: 1, duplicates: 3 });
    const { totalCount, nodes } = await logsOf(m);
    expect(totalCount).toBe(4);
    expect(nodes.find((n) => n.requestId === 'r-1')).toMatchObject({
      prediction: 1, label: 'buy', confidence: 0.8, latencyMs: 5, shadow: false, inputs: { price: 9.99, region: 'north' }, metadata: { client: 'web' }, predictedAt: '2026-11-01T10:00:00.000Z', model: { id: m }, actual: null,
    });
    expect((await logsOf(m, { shadow: true })).nodes.map((n) => n.requestId)).toEqual(['r-2']);
    expect((await logsOf(m, { requestId: 'r-3' })).nodes.map((n) => n.requestId)).toEqual(['r-3']);
  });

  it('are paged newest first with keyset cursors', async () => {
    const m = await model();
    const at = (i: number) => new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString();
    await log(m, Array.from({ length: 5 }, (_, i) => prediction(`p-${i}`, { predictedAt: at(i) })));
    const first = ok(await api.gql(LOGS, { id: m, first: 2 }, ws)).model.predictionLogs;
    expect(first.edges.map((e: any) => e.node.requestId)).toEqual(['p-4', 'p-3']);
    const second = ok(await api.gql(LOGS, { id: m, first: 2, after: first.pageInfo.endCursor }, ws)).model.predictionLogs;
    expect(second.edges.map((e: any) => e.node.requestId)).toEqual(['p-2', 'p-1']);
    const window = await logsOf(m, { from: at(1), to: at(3) });
    expect(window.nodes.map((n) => n.requestId)).toEqual(['p-2', 'p-1']);
  });

  it('name every invalid prediction by path and store none of the batch', async () => {
    const m = await model();
    const res = await api.gql(LOG, { input: { modelId: m, predictions: [prediction('ok-1'), prediction('', { confidence: 1.5 }), prediction('ok-2', { latencyMs: -1 })] } }, ws);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.extensions!.problems.map((p: any) => p.path)).toEqual(['input.predictions[1].requestId', 'input.predictions[1].confidence', 'input.predictions[2].latencyMs']);
    expect((await logsOf(m)).totalCount).toBe(0);
    expect(codeOf(await api.gql(LOG, { input: { modelId: m, predictions: [] } }, ws))).toBe('VALIDATION_FAILED');
  });

  it('refuse a model of another workspace (NOT_FOUND)', async () => {
    const other = await api.newWorkspace('predictions-other');
    const foreign = await model(other);
    expect(codeOf(await api.gql(LOG, { input: { modelId: foreign, predictions: [prediction('x')] } }, ws))).toBe('NOT_FOUND');
    const mine = await model();
    expect(codeOf(await api.gql(SHADOW, { champion: mine, challenger: foreign }, ws))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(IMPORTANCE, { input: { modelId: foreign, method: 'GAIN', values: [{ feature: 'a', importance: 1 }] } }, ws))).toBe('NOT_FOUND');
  });
});

describe('actuals', () => {
  it('join every model’s log with the request id, including predictions logged after the actual', async () => {
    const champion = await model();
    const challenger = await model();
    await log(champion, [prediction('order-1'), prediction('order-2')]);
    await log(challenger, [prediction('order-1', { shadow: true })]);
    const recorded = ok(await api.gql(ACTUALS, {
      input: { actuals: [{ requestId: 'order-1', actual: 3, actualLabel: 'buy', observedAt: '2026-11-02T00:00:00.000Z' }, { requestId: 'order-9', actual: 7 }] },
    }, ws)).recordActuals;
    expect(recorded).toEqual({ received: 2, matchedLogs: 2, unmatchedRequestIds: 1 });
    expect((await logsOf(challenger)).nodes[0].actual).toEqual({ actual: 3, actualLabel: 'buy', observedAt: '2026-11-02T00:00:00.000Z' });

    // The outcome of order-9 arrived first: the prediction logged now is joined to it.
    await log(champion, [prediction('order-9')]);
    const withActual = await logsOf(champion, { hasActual: true });
    expect(withActual.nodes.map((n) => n.requestId).sort()).toEqual(['order-1', 'order-9']);
    expect(withActual.nodes.find((n) => n.requestId === 'order-9').actual.actual).toBe(7);
    expect((await logsOf(champion, { hasActual: false })).nodes.map((n) => n.requestId)).toEqual(['order-2']);

    // A later actual for a request id replaces the earlier one.
    ok(await api.gql(ACTUALS, { input: { actuals: [{ requestId: 'order-9', actual: 8 }] } }, ws));
    expect((await logsOf(champion, { requestId: 'order-9' })).nodes[0].actual.actual).toBe(8);
  });

  it('refuse a batch naming a request id twice, storing none of it', async () => {
    const m = await model();
    await log(m, [prediction('dup-1')]);
    const res = await api.gql(ACTUALS, { input: { actuals: [{ requestId: 'dup-1', actual: 1 }, { requestId: 'dup-1', actual: 2 }, { requestId: '', actual: 0 }] } }, ws);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.extensions!.problems.map((p: any) => p.path)).toEqual(['input.actuals[1].requestId', 'input.actuals[2].requestId']);
    expect((await logsOf(m)).nodes[0].actual).toBeNull();
  });
});

describe('shadow comparison', () => {
  it('compares champion and challenger on the requests both scored that have an actual', async () => {
    const champion = await model();
    const challenger = await model();
    // request: [actual, champion prediction, challenger prediction, champion label?, challenger label?]
    const rows: [string, number, number, number, string?, string?][] = [
      ['s-1', 10, 10.2, 10.6],
      ['s-2', 20, 18, 21],
      ['s-3', 0, 1, 0.5], // actual 0: in MAE, not in MAPE
      ['s-4', 5, 5, 5.2],
      ['s-5', 8, 6, 9, 'high', 'high'], // labels on both: compared by label
      ['s-6', 4, 4, 4, 'low', 'high'],
    ];
    const t0 = Date.UTC(2026, 10, 3, 12);
    await log(champion, rows.map(([id, , c, , lc], i) => prediction(id, { prediction: c, label: lc, predictedAt: new Date(t0 + i * 60_000).toISOString() })));
    await log(challenger, rows.map(([id, , , h, , lh]) => prediction(id, { prediction: h, label: lh, shadow: true })));
    await log(champion, [prediction('s-no-challenger', { prediction: 1 })]);
    await log(challenger, [prediction('s-no-actual', { prediction: 1, shadow: true })]);
    await log(champion, [prediction('s-no-actual', { prediction: 50 })]);
    ok(await api.gql(ACTUALS, { input: { actuals: [...rows.map(([id, actual]) => ({ requestId: id, actual })), { requestId: 's-no-challenger', actual: 1 }] } }, ws));

    const tolerance = 0.05;
    const agrees = ([, , c, h, lc, lh]: (typeof rows)[number]) => (lc !== undefined && lh !== undefined ? lc === lh : Math.abs(c - h) <= tolerance * Math.max(Math.abs(c), Math.abs(h), 1e-12));
    const nonZero = rows.filter(([, actual]) => actual !== 0);
    const result = ok(await api.gql(SHADOW, { champion, challenger }, ws)).shadowComparison;
    expect(result).toMatchObject({ n: 6, mapeN: 5, labelComparisons: 2, tolerance });
    expectClose(result.championMae, mean(rows.map(([, a, c]) => Math.abs(c - a))));
    expectClose(result.challengerMae, mean(rows.map(([, a, , h]) => Math.abs(h - a))));
    expectClose(result.championMape, mean(nonZero.map(([, a, c]) => Math.abs(c - a) / Math.abs(a))));
    expectClose(result.challengerMape, mean(nonZero.map(([, a, , h]) => Math.abs(h - a) / Math.abs(a))));
    // s-1 (10.2 vs 10.6, 3.8 %) and s-4 agree by value, s-5 by label; s-2, s-3 and s-6 do not.
    expect(rows.filter(agrees).map(([id]) => id)).toEqual(['s-1', 's-4', 's-5']);
    expectClose(result.agreement, 3 / 6);

    const strict = ok(await api.gql(SHADOW, { champion, challenger, tolerance: 0.01 }, ws)).shadowComparison;
    expectClose(strict.agreement, 1 / 6);
    const window = ok(await api.gql(SHADOW, { champion, challenger, from: new Date(t0 + 60_000).toISOString(), to: new Date(t0 + 3 * 60_000).toISOString() }, ws)).shadowComparison;
    expect(window.n).toBe(2); // s-2, s-3
    expectClose(window.championMae, (2 + 1) / 2);

    const empty = ok(await api.gql(SHADOW, { champion: challenger, challenger: await model() }, ws)).shadowComparison;
    expect(empty).toMatchObject({ n: 0, championMae: null, agreement: null, mapeN: 0 });
    expect(codeOf(await api.gql(SHADOW, { champion, challenger: champion }, ws))).toBe('BAD_USER_INPUT');
  });
});

describe('prediction statistics', () => {
  it('give per-bucket latency percentiles (percentile_cont), mean confidence and MAE against known actuals', async () => {
    const m = await model();
    const hour = Date.UTC(2026, 10, 4, 9);
    const latenciesA = Array.from({ length: 37 }, (_, i) => ((i * 7919) % 97) + 0.25 * i);
    const latenciesB = [12, 3, 48.5, 7];
    await log(m, latenciesA.map((latencyMs, i) => prediction(`h1-${i}`, { latencyMs, confidence: i % 2 ? 0.9 : undefined, prediction: i, predictedAt: new Date(hour + i * 60_000).toISOString() })));
    await log(m, latenciesB.map((latencyMs, i) => prediction(`h2-${i}`, { latencyMs, shadow: i === 0, predictedAt: new Date(hour + 3_600_000 + i * 1000).toISOString() })));
    await log(m, [prediction('outside', { latencyMs: 10_000, predictedAt: new Date(hour + 5 * 3_600_000).toISOString() })]);
    ok(await api.gql(ACTUALS, { input: { actuals: [{ requestId: 'h1-0', actual: 2 }, { requestId: 'h1-10', actual: 7 }] } }, ws));

    const from = new Date(hour).toISOString();
    const to = new Date(hour + 2 * 3_600_000).toISOString();
    const stats = ok(await api.gql(STATS, { id: m, from, to, bucket: 'HOUR' }, ws)).model.predictionStats;
    expect(stats.map((s: any) => s.start)).toEqual([from, new Date(hour + 3_600_000).toISOString()]);
    const [first, second] = stats;
    expect(first.count).toBe(37);
    expectClose(first.latencyP50, percentile(latenciesA, 0.5));
    expectClose(first.latencyP95, percentile(latenciesA, 0.95));
    expectClose(first.latencyP99, percentile(latenciesA, 0.99));
    expectClose(first.latencyMean, mean(latenciesA));
    expectClose(first.meanConfidence, 0.9);
    expect(first.withActual).toBe(2);
    expectClose(first.mae, (Math.abs(0 - 2) + Math.abs(10 - 7)) / 2);
    expect(second).toMatchObject({ count: 4, meanConfidence: null, withActual: 0, mae: null });
    expectClose(second.latencyP95, percentile(latenciesB, 0.95));

    const served = ok(await api.gql(STATS, { id: m, from, to, bucket: 'DAY', shadow: false }, ws)).model.predictionStats;
    expect(served).toHaveLength(1);
    expect(served[0].start).toBe(new Date(Date.UTC(2026, 10, 4)).toISOString());
    expect(served[0].count).toBe(37 + 3);
    expectClose(served[0].latencyP99, percentile([...latenciesA, ...latenciesB.slice(1)], 0.99));

    expect(codeOf(await api.gql(STATS, { id: m, from: to, to: from }, ws))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.gql(STATS, { id: m, from: '2000-01-01T00:00:00Z', to, bucket: 'HOUR' }, ws))).toBe('BAD_USER_INPUT');
  });

  it('are batched: the statements do not grow with the number of models', async () => {
    const w = await api.newWorkspace('predictions-batch');
    const ids = [await model(w), await model(w), await model(w)];
    for (const id of ids) {
      await log(id, [prediction(`${id}-1`, { latencyMs: 3 })], w);
      ok(await api.gql(IMPORTANCE, { input: { modelId: id, method: 'GAIN', values: [{ feature: 'a', importance: 1 }] } }, w));
    }
    const query = `query($from: DateTimeISO!, $to: DateTimeISO!) { models(first: 10) { edges { node { id
      predictionStats(from: $from, to: $to) { count latencyP50 }
      predictionLogs(first: 5) { totalCount edges { node { requestId actual { actual } } } }
      featureImportance { method values { feature } } abTests { id } } } } }`;
    const vars = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() };
    api.resetStatements();
    const data = ok(await api.gql(query, vars, w));
    const statements = api.statements.length;
    expect(data.models.edges).toHaveLength(3);
    for (const edge of data.models.edges) {
      expect(edge.node.predictionStats).toEqual([{ count: 1, latencyP50: 3 }]);
      expect(edge.node.predictionLogs.totalCount).toBe(1);
      expect(edge.node.featureImportance).toHaveLength(1);
    }
    const single = await api.newWorkspace('predictions-single');
    const one = await model(single);
    await log(one, [prediction('one', { latencyMs: 3 })], single);
    api.resetStatements();
    ok(await api.gql(query, vars, single));
    expect(statements).toBe(api.statements.length);
  });
});

describe('feature importance', () => {
  it('keeps the latest recording per method, features by |importance|, for models and runs', async () => {
    const m = await model();
    const runId = await finishedRun(api, ws, m, 'SUCCEEDED', { metrics: [] });
    const MODEL = `query($id: ID!, $method: FeatureImportanceMethod, $scope: FeatureImportanceScope, $requestId: String) { model(id: $id) {
      featureImportance(method: $method, scope: $scope, requestId: $requestId) { method scope requestId values { feature importance } run { id } } } }`;
    ok(await api.gql(IMPORTANCE, { input: { modelId: m, method: 'GAIN', values: [{ feature: 'price', importance: 0.2 }, { feature: 'promo', importance: 0.5 }] } }, ws));
    const newer = ok(await api.gql(IMPORTANCE, { input: { modelId: m, method: 'GAIN', values: [{ feature: 'price', importance: 0.7 }, { feature: 'promo', importance: 0.1 }, { feature: 'season', importance: 0.2 }] } }, ws)).recordFeatureImportance;
    expect(newer).toMatchObject({ method: 'GAIN', scope: 'GLOBAL', requestId: null, model: { id: m }, run: null });
    const shap = ok(await api.gql(IMPORTANCE, { input: { runId, method: 'SHAP', values: [{ feature: 'price', importance: 0.3 }, { feature: 'promo', importance: -0.6 }] } }, ws)).recordFeatureImportance;
    expect(shap).toMatchObject({ model: { id: m }, run: { id: runId } });
    ok(await api.gql(IMPORTANCE, { input: { modelId: m, method: 'SHAP', scope: 'PREDICTION', requestId: 'req-7', values: [{ feature: 'price', importance: 0.01 }, { feature: 'promo', importance: 0.02 }] } }, ws));

    const global = ok(await api.gql(MODEL, { id: m }, ws)).model.featureImportance;
    expect(global).toEqual([
      { method: 'GAIN', scope: 'GLOBAL', requestId: null, run: null, values: [{ feature: 'price', importance: 0.7 }, { feature: 'season', importance: 0.2 }, { feature: 'promo', importance: 0.1 }] },
      { method: 'SHAP', scope: 'GLOBAL', requestId: null, run: { id: runId }, values: [{ feature: 'promo', importance: -0.6 }, { feature: 'price', importance: 0.3 }] },
    ]);
    expect(ok(await api.gql(MODEL, { id: m, method: 'SHAP' }, ws)).model.featureImportance.map((f: any) => f.method)).toEqual(['SHAP']);
    const local = ok(await api.gql(MODEL, { id: m, scope: 'PREDICTION', requestId: 'req-7' }, ws)).model.featureImportance;
    expect(local).toMatchObject([{ method: 'SHAP', scope: 'PREDICTION', requestId: 'req-7', values: [{ feature: 'promo' }, { feature: 'price' }] }]);
    expect(codeOf(await api.gql(MODEL, { id: m, scope: 'PREDICTION' }, ws))).toBe('BAD_USER_INPUT');

    const run = ok(await api.gql(`query($id: ID!) { run(id: $id) { featureImportance { method values { feature } } } }`, { id: runId }, ws)).run;
    expect(run.featureImportance).toEqual([{ method: 'SHAP', values: [{ feature: 'promo' }, { feature: 'price' }] }]);
  });

  it('names every problem by path and stores nothing', async () => {
    const m = await model();
    const runId = await finishedRun(api, ws, m, 'SUCCEEDED', { metrics: [] });
    const both = await api.gql(IMPORTANCE, { input: { modelId: m, runId, method: 'GAIN', scope: 'PREDICTION', values: [{ feature: 'a', importance: 1 }, { feature: 'a', importance: 2 }, { feature: '', importance: 0 }] } }, ws);
    expect(codeOf(both)).toBe('VALIDATION_FAILED');
    expect(both.errors![0]!.extensions!.problems.map((p: any) => p.path)).toEqual(['input', 'input.requestId', 'input.values[1].feature', 'input.values[2].feature']);
    const neither = await api.gql(IMPORTANCE, { input: { method: 'GAIN', requestId: 'r', values: [] } }, ws);
    expect(neither.errors![0]!.extensions!.problems.map((p: any) => p.path)).toEqual(['input', 'input.requestId', 'input.values']);
    expect(ok(await api.gql(`query($id: ID!) { model(id: $id) { featureImportance { method } } }`, { id: m }, ws)).model.featureImportance).toEqual([]);
  });
});
