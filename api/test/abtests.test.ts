import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiredSampleSizePerArm, requiredSampleSizes, twoProportionZTest, welchTTest } from '../src/ml/stats/index.js';
import { ModelStatus } from '../src/modules/models/model.enums.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { approvedRecipeWithModel } from './evaluation-fixtures.js';
import { codeOf, ok, startTestApi, type TestApi } from './harness.js';
import { subscribe } from './live-client.js';

const RESULT = `result { armA { arm n estimate standardDeviation successes } armB { arm n estimate standardDeviation successes }
  difference ciLow ciHigh confidenceLevel pValue statistic df winner confidence requiredSampleSizeA requiredSampleSizeB requiredSampleSizePerArm sampleSizeReached computedAt }`;
const TEST = `id name status kind source split alpha power minimumDetectableEffect direction startedAt concludedAt stoppedAt modelA { id } modelB { id } ${RESULT}`;
const START = `mutation($input: StartAbTestInput!) { startAbTest(input: $input) { ${TEST} } }`;
const OBSERVE = `mutation($input: RecordAbObservationsInput!) { recordAbObservations(input: $input) { ${TEST} } }`;
const GET = `query($id: ID!) { abTest(id: $id) { ${TEST} } }`;
const CONCLUDE = `mutation($id: ID!, $reason: String) { concludeAbTest(id: $id, reason: $reason) { ${TEST} } }`;
const STOP = `mutation($id: ID!, $reason: String) { stopAbTest(id: $id, reason: $reason) { ${TEST} } }`;
const ALERTS = `query($filter: AlertFilter) { alerts(first: 100, filter: $filter) { edges { node { id type severity title message model { id } } } } }`;
const LOG = `mutation($input: LogPredictionsInput!) { logPredictions(input: $input) { received inserted duplicates } }`;
const ACTUALS = `mutation($input: RecordActualsInput!) { recordActuals(input: $input) { received matchedLogs unmatchedRequestIds } }`;

let api: TestApi;
let ws: string;
beforeAll(async () => {
  api = await startTestApi();
  ws = await api.newWorkspace('abtests');
});
afterAll(() => api?.close());

async function model(status = ModelStatus.PRODUCTION, workspace = ws): Promise<string> {
  return (await approvedRecipeWithModel(api.orm, workspace, RecipeFamily.PRICING, status)).modelId;
}

async function pair(): Promise<{ a: string; b: string }> {
  return { a: await model(ModelStatus.PRODUCTION), b: await model(ModelStatus.STAGING) };
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normals(seed: number, n: number, mean: number, sd: number): number[] {
  const next = rng(seed);
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()));
}

function bernoulli(seed: number, n: number, p: number): number[] {
  const next = rng(seed);
  return Array.from({ length: n }, () => (next() < p ? 1 : 0));
}

function meanVar(values: number[]): { mean: number; variance: number; n: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, variance, n };
}

function expectClose(actual: number | null, expected: number, tolerance = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

function expectResultMatches(result: any, expected: ReturnType<typeof welchTTest>): void {
  expectClose(result.armA.estimate, expected.estimateA);
  expectClose(result.armB.estimate, expected.estimateB);
  expectClose(result.difference, expected.difference);
  expectClose(result.ciLow, expected.ciLow);
  expectClose(result.ciHigh, expected.ciHigh);
  expectClose(result.pValue, expected.pValue);
  expectClose(result.statistic, expected.statistic);
  expectClose(result.confidence, 1 - expected.pValue);
  expectClose(result.confidenceLevel, expected.confidenceLevel);
  if (expected.df === null) expect(result.df).toBeNull();
  else expectClose(result.df, expected.df);
}

async function start(input: Record<string, unknown>) {
  return ok(await api.gql(START, { input: { name: 'checkout button', metric: 'conversion', split: 0.5, ...input } }, ws)).startAbTest;
}

async function observe(abTestId: string, arm: 'A' | 'B', values: number[]) {
  return ok(await api.gql(OBSERVE, { input: { abTestId, arm, values } }, ws)).recordAbObservations;
}

async function abTestAlerts(modelId: string): Promise<any[]> {
  return ok(await api.gql(ALERTS, { filter: { modelId, types: ['AB_TEST_COMPLETE'] } }, ws)).alerts.edges.map((e: any) => e.node);
}

describe('A/B test results', () => {
  it('MEAN: Welch’s t-test on the recorded observations, as the statistics functions compute it', async () => {
    const { a, b } = await pair();
    const test = await start({ modelAId: a, modelBId: b, kind: 'MEAN', metric: 'revenue_per_visit', minimumDetectableEffect: 0.5, standardDeviation: 20, alpha: 0.1 });
    expect(test).toMatchObject({ status: 'RUNNING', kind: 'MEAN', source: 'OBSERVATIONS', alpha: 0.1, power: 0.8, direction: 'HIGHER_IS_BETTER', modelA: { id: a }, modelB: { id: b } });
    expect(test.result).toMatchObject({ armA: { n: 0, estimate: null }, armB: { n: 0, estimate: null }, pValue: null, winner: null, sampleSizeReached: false });

    const valuesA = normals(1, 400, 10, 3);
    const valuesB = [...normals(2, 250, 10.6, 4), ...normals(3, 250, 10.6, 4)];
    await observe(test.id, 'A', valuesA);
    await observe(test.id, 'B', valuesB.slice(0, 250));
    const after = await observe(test.id, 'B', valuesB.slice(250));
    const { result } = ok(await api.gql(GET, { id: test.id }, ws)).abTest;
    expect(after.result).toEqual(result === null ? null : { ...result, computedAt: after.result.computedAt });

    const expected = welchTTest(meanVar(valuesA), meanVar(valuesB), 0.1);
    expectResultMatches(result, expected);
    expect(result.armA).toMatchObject({ arm: 'A', n: 400, successes: null });
    expect(result.armB).toMatchObject({ arm: 'B', n: 500 });
    expectClose(result.armA.standardDeviation, Math.sqrt(meanVar(valuesA).variance));
    expect(result.winner).toBe(expected.pValue < 0.1 ? (expected.difference > 0 ? 'B' : 'A') : null);
    const required = requiredSampleSizePerArm('MEAN', { baseline: meanVar(valuesA).mean, minimumDetectableEffect: 0.5, standardDeviation: 20, alpha: 0.1, power: 0.8 });
    expect(result.requiredSampleSizePerArm).toBe(Math.ceil(required));
    expect(result.sampleSizeReached).toBe(false);
  });

  it('PROPORTION: the two-proportion z-test; the sample size uses arm A’s observed rate when no baseline is given', async () => {
    const { a, b } = await pair();
    const test = await start({ modelAId: a, modelBId: b, kind: 'PROPORTION', minimumDetectableEffect: 0.01 });
    const valuesA = bernoulli(4, 3000, 0.1);
    const valuesB = bernoulli(5, 2000, 0.14);
    await observe(test.id, 'A', valuesA);
    await observe(test.id, 'B', valuesB);
    const { result } = ok(await api.gql(GET, { id: test.id }, ws)).abTest;
    const successesA = valuesA.filter((v) => v === 1).length;
    const successesB = valuesB.filter((v) => v === 1).length;
    expect(result.armA).toMatchObject({ n: 3000, successes: successesA });
    expect(result.armB).toMatchObject({ n: 2000, successes: successesB });
    const expected = twoProportionZTest({ successes: successesA, n: 3000 }, { successes: successesB, n: 2000 }, 0.05);
    expectResultMatches(result, expected);
    expect(result.df).toBeNull();
    expect(result.pValue).toBeLessThan(0.05);
    expect(result.winner).toBe('B');
    const required = requiredSampleSizePerArm('PROPORTION', { baseline: successesA / 3000, minimumDetectableEffect: 0.01, alpha: 0.05, power: 0.8 });
    expect(result.requiredSampleSizePerArm).toBe(Math.ceil(required));
    expect(result.requiredSampleSizePerArm).toBeGreaterThan(3000);
    expect(result.sampleSizeReached).toBe(false);
  });

  it('LOWER_IS_BETTER: the arm with the significantly lower mean wins', async () => {
    const { a, b } = await pair();
    const test = await start({ modelAId: a, modelBId: b, kind: 'MEAN', metric: 'latency_ms', direction: 'LOWER_IS_BETTER', minimumDetectableEffect: 1, standardDeviation: 100 });
    await observe(test.id, 'A', normals(6, 200, 50, 5));
    const after = await observe(test.id, 'B', normals(7, 200, 40, 5));
    expect(after.result.difference).toBeLessThan(0);
    expect(after.result.pValue).toBeLessThan(0.05);
    expect(after.result.winner).toBe('B');
  });
});

describe('A/B test conclusion', () => {
  it('sizes the arms for an unequal split and completes when each one has its own size', async () => {
    const { a, b } = await pair();
    const design = { kind: 'MEAN', minimumDetectableEffect: 2, standardDeviation: 5, baseline: 10, alpha: 0.05, power: 0.8 };
    // B gets 30 % of the traffic: n_B / n_A = 0.3 / 0.7.
    const sizes = requiredSampleSizes('MEAN', { baseline: 10, minimumDetectableEffect: 2, standardDeviation: 5, alpha: 0.05, power: 0.8, ratio: 0.3 / 0.7 });
    expect(sizes).toEqual({ a: 164, b: 71 });
    const test = await start({ modelAId: a, modelBId: b, ...design, split: 0.3, name: 'thirty percent' });
    expect(test.result).toMatchObject({ requiredSampleSizeA: 164, requiredSampleSizeB: 71, requiredSampleSizePerArm: 164, sampleSizeReached: false });
    await observe(test.id, 'A', normals(21, 164, 10, 5));
    const almost = await observe(test.id, 'B', normals(22, 70, 14, 5));
    expect(almost).toMatchObject({ status: 'RUNNING', result: { sampleSizeReached: false, armA: { n: 164 }, armB: { n: 70 } } });
    const done = await observe(test.id, 'B', normals(23, 1, 14, 5));
    expect(done).toMatchObject({ status: 'COMPLETED', result: { sampleSizeReached: true, requiredSampleSizeA: 164, requiredSampleSizeB: 71, armB: { n: 71 } } });
  });

  it('completes when both arms reach the required size, freezes the result and raises AB_TEST_COMPLETE on model B', async () => {
    const { a, b } = await pair();
    const design = { kind: 'MEAN', minimumDetectableEffect: 2, standardDeviation: 5, baseline: 10, alpha: 0.05, power: 0.8 };
    const required = Math.ceil(requiredSampleSizePerArm('MEAN', { baseline: 10, minimumDetectableEffect: 2, standardDeviation: 5, alpha: 0.05, power: 0.8 }));
    const test = await start({ modelAId: a, modelBId: b, ...design, name: 'new ranker' });
    expect(test.result.requiredSampleSizePerArm).toBe(required);
    const events = await subscribe(api.wsUrl, `subscription($id: ID) { abTestUpdated(id: $id) { eventId abTest { id status concludedAt } result { winner sampleSizeReached armA { n } armB { n } } } }`, { id: test.id }, ws);
    try {
      const valuesA = normals(8, required, 10, 5);
      const valuesB = normals(9, required, 14, 5);
      await observe(test.id, 'A', valuesA);
      const almost = await observe(test.id, 'B', valuesB.slice(0, required - 1));
      expect(almost.status).toBe('RUNNING');
      expect(almost.result.sampleSizeReached).toBe(false);
      expect(await abTestAlerts(b)).toHaveLength(0);

      const done = await observe(test.id, 'B', valuesB.slice(required - 1));
      expect(done.status).toBe('COMPLETED');
      expect(done.concludedAt).not.toBeNull();
      expect(done.result).toMatchObject({ sampleSizeReached: true, winner: 'B', armA: { n: required }, armB: { n: required } });
      expectResultMatches(done.result, welchTTest(meanVar(valuesA), meanVar(valuesB), 0.05));

      const [alert] = await abTestAlerts(b);
      expect(alert).toMatchObject({ type: 'AB_TEST_COMPLETE', severity: 'INFO', title: 'A/B test complete: new ranker (winner B)', model: { id: b } });
      expect(alert.message).toContain('B (');

      const received = await events.waitFor(3);
      expect(received.map((e) => e.abTestUpdated.abTest.status)).toEqual(['RUNNING', 'RUNNING', 'COMPLETED']);
      expect(received[2]!.abTestUpdated.result).toMatchObject({ winner: 'B', sampleSizeReached: true, armB: { n: required } });
    } finally {
      await events.close();
    }

    // The result stays as it was at completion; a completed test takes no more observations and cannot change state.
    const late = await api.gql(OBSERVE, { input: { abTestId: test.id, arm: 'A', values: [100] } }, ws);
    expect(codeOf(late)).toBe('CONFLICT');
    expect(codeOf(await api.gql(CONCLUDE, { id: test.id }, ws))).toBe('CONFLICT');
    expect(codeOf(await api.gql(STOP, { id: test.id }, ws))).toBe('CONFLICT');
    const { abTest } = ok(await api.gql(GET, { id: test.id }, ws));
    expect(abTest.result.armA.n).toBe(required);
    expect(await abTestAlerts(b)).toHaveLength(1);
  });

  it('concludeAbTest completes early with the alert; stopAbTest ends without one; both audited', async () => {
    const { a, b } = await pair();
    const early = await start({ modelAId: a, modelBId: b, kind: 'PROPORTION', minimumDetectableEffect: 0.02, baseline: 0.1 });
    await observe(early.id, 'A', bernoulli(10, 100, 0.1));
    await observe(early.id, 'B', bernoulli(11, 100, 0.12));
    const concluded = ok(await api.gql(CONCLUDE, { id: early.id, reason: 'launch window' }, ws)).concludeAbTest;
    expect(concluded.status).toBe('COMPLETED');
    expect(concluded.result.sampleSizeReached).toBe(false);
    expect(concluded.result.armA.n).toBe(100);
    const [alert] = await abTestAlerts(b);
    expect(alert).toMatchObject({ type: 'AB_TEST_COMPLETE', severity: 'INFO' });

    const { a: c, b: d } = await pair();
    const abandoned = await start({ modelAId: c, modelBId: d, kind: 'MEAN', minimumDetectableEffect: 1 });
    const stopped = ok(await api.gql(STOP, { id: abandoned.id, reason: 'bad traffic split' }, ws)).stopAbTest;
    expect(stopped).toMatchObject({ status: 'STOPPED', concludedAt: null });
    expect(stopped.stoppedAt).not.toBeNull();
    expect(await abTestAlerts(d)).toHaveLength(0);
    expect(codeOf(await api.gql(CONCLUDE, { id: abandoned.id }, ws))).toBe('CONFLICT');
    expect(codeOf(await api.gql(OBSERVE, { input: { abTestId: abandoned.id, arm: 'A', values: [1] } }, ws))).toBe('CONFLICT');

    const audit = ok(await api.gql(`query($id: ID) { auditEvents(first: 10, filter: { subjectId: $id }) { edges { node { action reason } } } }`, { id: early.id }, ws));
    expect(audit.auditEvents.edges.map((e: any) => e.node.action).sort()).toEqual(['abTest.complete', 'abTest.start']);
    expect(audit.auditEvents.edges.find((e: any) => e.node.action === 'abTest.complete').node.reason).toBe('launch window');
  });
});

describe('A/B tests on prediction logs', () => {
  it('take each arm’s served predictions logged since the start that have an actual', async () => {
    const { a, b } = await pair();
    const before = new Date(Date.now() - 3_600_000).toISOString();
    // Logged before the test started: not part of it.
    ok(await api.gql(LOG, { input: { modelId: a, predictions: [{ requestId: 'old-1', inputs: {}, prediction: 1, latencyMs: 3, predictedAt: before }] } }, ws));
    // An outcome that arrives before its prediction is joined when the prediction is logged.
    ok(await api.gql(ACTUALS, { input: { actuals: [{ requestId: 'early-1', actual: 1 }, { requestId: 'old-1', actual: 1 }] } }, ws));

    const test = await start({ modelAId: a, modelBId: b, kind: 'PROPORTION', source: 'PREDICTION_LOGS', minimumDetectableEffect: 0.2, baseline: 0.3, metric: 'converted' });
    const outcomesA = [1, 0, 0, 1, 0, 0, 0, 1, 0, 0];
    const outcomesB = [1, 1, 0, 1, 1, 0, 1, 1];
    const log = (modelId: string, prefix: string, n: number, shadow = false) =>
      api.gql(LOG, { input: { modelId, predictions: Array.from({ length: n }, (_, i) => ({ requestId: `${prefix}-${i}`, inputs: { i }, prediction: 0.5, latencyMs: 10, shadow })) } }, ws);
    ok(await log(a, 'a', outcomesA.length + 2)); // two of them never get an actual
    ok(await log(b, 'b', outcomesB.length));
    ok(await log(b, 'a', 3, true)); // B scoring A's traffic in shadow: not B's arm
    ok(await api.gql(LOG, { input: { modelId: a, predictions: [{ requestId: 'early-1', inputs: {}, prediction: 0.9, latencyMs: 4 }] } }, ws));
    const recorded = ok(await api.gql(ACTUALS, {
      input: { actuals: [...outcomesA.map((v, i) => ({ requestId: `a-${i}`, actual: v })), ...outcomesB.map((v, i) => ({ requestId: `b-${i}`, actual: v })), { requestId: 'nobody', actual: 1 }] },
    }, ws)).recordActuals;
    expect(recorded).toEqual({ received: outcomesA.length + outcomesB.length + 1, matchedLogs: outcomesA.length + 3 + outcomesB.length, unmatchedRequestIds: 1 });

    const { result } = ok(await api.gql(GET, { id: test.id }, ws)).abTest;
    const successesA = outcomesA.filter(Boolean).length + 1; // + early-1
    const successesB = outcomesB.filter(Boolean).length;
    expect(result.armA).toMatchObject({ n: outcomesA.length + 1, successes: successesA });
    expect(result.armB).toMatchObject({ n: outcomesB.length, successes: successesB });
    expectResultMatches(result, twoProportionZTest({ successes: successesA, n: outcomesA.length + 1 }, { successes: successesB, n: outcomesB.length }, 0.05));

    const refused = await api.gql(OBSERVE, { input: { abTestId: test.id, arm: 'A', values: [1] } }, ws);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
  });

  it('complete when the actuals bring both arms to the required size', async () => {
    const { a, b } = await pair();
    const required = Math.ceil(requiredSampleSizePerArm('MEAN', { baseline: 100, minimumDetectableEffect: 10, standardDeviation: 10, alpha: 0.05, power: 0.8 }));
    const test = await start({ modelAId: a, modelBId: b, kind: 'MEAN', source: 'PREDICTION_LOGS', minimumDetectableEffect: 10, standardDeviation: 10, baseline: 100, metric: 'basket_value' });
    const predictions = (prefix: string) => Array.from({ length: required }, (_, i) => ({ requestId: `${prefix}-${i}`, inputs: {}, prediction: 1, latencyMs: 1 }));
    ok(await api.gql(LOG, { input: { modelId: a, predictions: predictions('pa') } }, ws));
    ok(await api.gql(LOG, { input: { modelId: b, predictions: predictions('pb') } }, ws));
    const valuesA = normals(12, required, 100, 10);
    const valuesB = normals(13, required, 120, 10);
    ok(await api.gql(ACTUALS, { input: { actuals: valuesA.map((actual, i) => ({ requestId: `pa-${i}`, actual })) } }, ws));
    expect(ok(await api.gql(GET, { id: test.id }, ws)).abTest.status).toBe('RUNNING');
    ok(await api.gql(ACTUALS, { input: { actuals: valuesB.map((actual, i) => ({ requestId: `pb-${i}`, actual })) } }, ws));
    const { abTest } = ok(await api.gql(GET, { id: test.id }, ws));
    expect(abTest.status).toBe('COMPLETED');
    expect(abTest.result).toMatchObject({ winner: 'B', sampleSizeReached: true });
    expectResultMatches(abTest.result, welchTTest(meanVar(valuesA), meanVar(valuesB), 0.05));
    expect(await abTestAlerts(b)).toHaveLength(1);
  });
});

describe('A/B test input and access', () => {
  it('names every invalid field by path and writes nothing', async () => {
    const { a } = await pair();
    const count = async () => ok(await api.gql(`{ abTests(first: 0) { totalCount } }`, {}, ws)).abTests.totalCount;
    const before = await count();
    const res = await api.gql(START, { input: { name: '', metric: 'm', modelAId: a, modelBId: a, kind: 'PROPORTION', split: 1.5, alpha: 0, minimumDetectableEffect: 0, standardDeviation: 2 } }, ws);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.extensions!.problems.map((p: any) => p.path).sort()).toEqual(['input.alpha', 'input.minimumDetectableEffect', 'input.modelBId', 'input.name', 'input.split', 'input.standardDeviation']);
    expect(await count()).toBe(before);

    const { b } = await pair();
    const test = await start({ modelAId: a, modelBId: b, kind: 'PROPORTION', minimumDetectableEffect: 0.05 });
    const bad = await api.gql(OBSERVE, { input: { abTestId: test.id, arm: 'A', values: [1, 0.5, 0, 2] } }, ws);
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect(bad.errors![0]!.extensions!.problems.map((p: any) => p.path)).toEqual(['input.values[1]', 'input.values[3]']);
    expect(ok(await api.gql(GET, { id: test.id }, ws)).abTest.result.armA.n).toBe(0);
    expect(codeOf(await api.gql(OBSERVE, { input: { abTestId: test.id, arm: 'A', values: [] } }, ws))).toBe('VALIDATION_FAILED');
  });

  it('refuses RETIRED models (CONFLICT), and models and tests of another workspace (NOT_FOUND)', async () => {
    const retired = await model(ModelStatus.RETIRED);
    const { a, b } = await pair();
    expect(codeOf(await api.gql(START, { input: { name: 't', metric: 'm', modelAId: a, modelBId: retired, kind: 'MEAN', split: 0.5, minimumDetectableEffect: 1 } }, ws))).toBe('CONFLICT');

    const other = await api.newWorkspace('abtests-other');
    const foreign = await model(ModelStatus.PRODUCTION, other);
    expect(codeOf(await api.gql(START, { input: { name: 't', metric: 'm', modelAId: a, modelBId: foreign, kind: 'MEAN', split: 0.5, minimumDetectableEffect: 1 } }, ws))).toBe('NOT_FOUND');
    const test = await start({ modelAId: a, modelBId: b, kind: 'MEAN', minimumDetectableEffect: 1 });
    expect(codeOf(await api.gql(GET, { id: test.id }, other))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(OBSERVE, { input: { abTestId: test.id, arm: 'A', values: [1] } }, other))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(STOP, { id: test.id }, other))).toBe('NOT_FOUND');
    expect(ok(await api.gql(`{ abTests(first: 10) { totalCount } }`, {}, other)).abTests.totalCount).toBe(0);
  });

  it('are listed newest first with keyset pages, filtered by status and model, and on each model', async () => {
    const { a, b } = await pair();
    const c = await model();
    const first = await start({ modelAId: a, modelBId: b, kind: 'MEAN', minimumDetectableEffect: 1, name: 'first' });
    const second = await start({ modelAId: c, modelBId: a, kind: 'MEAN', minimumDetectableEffect: 1, name: 'second' });
    const third = await start({ modelAId: b, modelBId: c, kind: 'MEAN', minimumDetectableEffect: 1, name: 'third' });
    ok(await api.gql(STOP, { id: second.id }, ws));
    const LIST = `query($after: String, $filter: AbTestFilter) { abTests(first: 1, after: $after, filter: $filter) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const page1 = ok(await api.gql(LIST, { filter: { modelId: a } }, ws)).abTests;
    expect(page1.totalCount).toBe(2);
    expect(page1.edges.map((e: any) => e.node.id)).toEqual([second.id]);
    const page2 = ok(await api.gql(LIST, { filter: { modelId: a }, after: page1.pageInfo.endCursor }, ws)).abTests;
    expect(page2.edges.map((e: any) => e.node.id)).toEqual([first.id]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const stopped = ok(await api.gql(LIST, { filter: { modelId: a, status: 'STOPPED' } }, ws)).abTests;
    expect(stopped.edges.map((e: any) => e.node.id)).toEqual([second.id]);

    const nested = ok(await api.gql(`query($a: ID!, $c: ID!) { a: model(id: $a) { abTests { id } running: abTests(status: RUNNING) { id } } c: model(id: $c) { abTests { id } } }`, { a, c }, ws));
    expect(nested.a.abTests.map((t: any) => t.id)).toEqual([second.id, first.id]);
    expect(nested.a.running.map((t: any) => t.id)).toEqual([first.id]);
    expect(nested.c.abTests.map((t: any) => t.id)).toEqual([third.id, second.id]);
  });
});
