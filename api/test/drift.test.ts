import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/ml/common/random.js';
import { categoricalDrift, numericDrift, sketchNumeric } from '../src/ml/stats/index.js';
import { ModelStatus } from '../src/modules/models/model.enums.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { approvedRecipeWithModel, attachedPack, seededManifest } from './evaluation-fixtures.js';
import { codeOf, ok, startTestApi, type TestApi } from './harness.js';
import { sleep, subscribe } from './live-client.js';
import { startWorkerProcess } from './processes.js';

const PROFILE_FIELDS = `feature kind source rowCount sampleSize mean std min max quantiles capturedAt run { id }
  histogram { edges labels shares } categories { value count share }`;
const UPLOAD = `mutation($input: UploadReferenceProfileInput!) { uploadReferenceProfile(input: $input) { id ${PROFILE_FIELDS} } }`;
const DRIFT_FIELDS = `feature method score pValue threshold drifted kind psi psiLevel ksStatistic ksPValue wasserstein wassersteinNormed jensenShannon
  chiSquare chiSquarePValue referenceRows currentRows histogram { edges labels reference current }`;
const SNAPSHOT_FIELDS = `id recordedAt rowCount driftShare datasetDrifted freshness { lagHours limitHours stale } performance { key value }
  drift { ${DRIFT_FIELDS} } evaluationResults { status } triggeredRun { id type trigger status params { key value } dataset { size } }`;
const SAMPLE = `mutation($input: RecordMonitorSampleInput!) { recordMonitorSample(input: $input) { ${SNAPSHOT_FIELDS} } }`;
const PROFILES = `query($id: ID!) { model(id: $id) { referenceProfiles { ${PROFILE_FIELDS} } monitorSnapshots { id } } }`;
const DRIFT_ALERTS = `query($id: ID!) { alerts(first: 50, filter: { modelId: $id, types: [DRIFT_DETECTED] }) { edges { node { severity title count status } } } }`;

/** Deterministic normal draws (Box–Muller over mulberry32). */
function normals(seed: number, n: number, mean: number, sd: number): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

/** `n` categories drawn with the given weights. */
function draws(seed: number, n: number, weights: Record<string, number>): string[] {
  const random = mulberry32(seed);
  const entries = Object.entries(weights);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  return Array.from({ length: n }, () => {
    let u = random() * total;
    for (const [value, w] of entries) if ((u -= w) < 0) return value;
    return entries.at(-1)![0];
  });
}

const base64 = (values: Float64Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
const counts = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
const close = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
};
const closeAll = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => close(a, expected[i]!));
};

let api: TestApi;
let ws: string;

/** A PRODUCTION forecasting model whose manifest's monitoring.drift is replaced by `drift` (the seeded rest kept). */
async function monitoredModel(drift: Record<string, unknown> = {}, options: { pack?: boolean } = {}) {
  const manifest = seededManifest(RecipeFamily.FORECASTING) as Record<string, any>;
  manifest.monitoring.drift = { ...manifest.monitoring.drift, feature_methods: {}, ...drift };
  const fixture = await approvedRecipeWithModel(api.orm, ws, RecipeFamily.FORECASTING, ModelStatus.PRODUCTION, { manifest });
  if (options.pack) await attachedPack(api, ws, fixture.recipeId);
  return fixture.modelId;
}

const upload = async (modelId: string, features: unknown[]) => ok(await api.gql(UPLOAD, { input: { modelId, features } }, ws)).uploadReferenceProfile;
const sample = async (modelId: string, input: Record<string, unknown>) => ok(await api.gql(SAMPLE, { input: { modelId, ...input } }, ws)).recordMonitorSample;
const driftOf = (snapshot: any, feature: string) => snapshot.drift.find((d: any) => d.feature === feature);

beforeAll(async () => {
  api = await startTestApi({ queue: true });
  ws = await api.newWorkspace('drift');
});
afterAll(() => api?.close());

// Small reference (≤ 1,000 rows): tests. Numeric x ~ N(10, 2), categorical c over a/b/c.
const smallRef = normals(1, 500, 10, 2);
const smallCur = normals(2, 400, 11, 2);
const refCats = draws(3, 600, { a: 5, b: 3, c: 2 });
const curCats = draws(4, 300, { a: 2, b: 3, c: 4, d: 1 });

describe('reference profiles', () => {
  it('are uploaded with exact sketches, decile histograms and counts, and replaced by a new upload', async () => {
    const modelId = await monitoredModel();
    const [x, c] = await upload(modelId, [{ feature: 'x', values: Array.from(smallRef) }, { feature: 'c', categories: refCats }]);
    const sketch = sketchNumeric(smallRef);
    expect(x).toMatchObject({ feature: 'x', kind: 'NUMERIC', source: 'UPLOAD', rowCount: 500, sampleSize: 500, run: null, categories: null });
    close(x.mean, sketch.mean);
    close(x.std, sketch.std);
    expect([x.min, x.max]).toEqual([sketch.min, sketch.max]);
    closeAll(x.quantiles, sketch.quantiles);
    expect(x.histogram.edges).toEqual(sketch.quantiles.filter((_, i) => i % 10 === 0));
    expect(x.histogram.shares).toHaveLength(10);
    close(x.histogram.shares.reduce((s: number, v: number) => s + v, 0), 1);
    // Decile bins hold a tenth of the rows each (no ties in continuous data).
    for (const share of x.histogram.shares) expect(Math.abs(share - 0.1)).toBeLessThanOrEqual(0.004);
    const refCounts = counts(refCats);
    expect(c).toMatchObject({ feature: 'c', kind: 'CATEGORICAL', rowCount: 600, sampleSize: 0, quantiles: null, mean: null });
    expect(c.categories).toEqual(Object.entries(refCounts).sort((a, b) => b[1] - a[1]).map(([value, count]) => ({ value, count, share: count / 600 })));
    expect(c.histogram).toEqual({ edges: null, labels: c.categories.map((k: any) => k.value), shares: c.categories.map((k: any) => k.share) });

    // A second upload of x replaces it (same id); c stays.
    const [again] = await upload(modelId, [{ feature: 'x', valuesBase64: base64(normals(9, 2_000, 0, 1)) }]);
    expect(again.rowCount).toBe(2_000);
    expect(again.id).toBe(x.id);
    const { model } = ok(await api.gql(PROFILES, { id: modelId }, ws));
    expect(model.referenceProfiles.map((p: any) => [p.feature, p.rowCount])).toEqual([['c', 600], ['x', 2_000]]);
  });

  it('keep a reservoir sample of 100,000 values of a larger reference, with the sketch of all of it', async () => {
    const modelId = await monitoredModel();
    const values = normals(11, 150_000, 5, 1);
    const [profile] = await upload(modelId, [{ feature: 'big', valuesBase64: base64(values) }]);
    expect(profile).toMatchObject({ rowCount: 150_000, sampleSize: 100_000 });
    closeAll(profile.quantiles, sketchNumeric(values).quantiles);
  });

  it('refuse bad uploads by path and write nothing', async () => {
    const modelId = await monitoredModel();
    const res = await api.gql(UPLOAD, { input: { modelId, features: [
      { feature: 'a', values: [] },
      { feature: 'b', values: [1], categories: ['x'] },
      { feature: 'c', valuesBase64: base64(new Float64Array([1, Number.NaN])) },
      { feature: 'ok', values: [1, 2, 3] },
    ] } }, ws);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.extensions!.problems.map((p: any) => p.path)).toEqual(['input.features[0].values', 'input.features[1]', 'input.features[2].valuesBase64']);
    expect(ok(await api.gql(PROFILES, { id: modelId }, ws)).model.referenceProfiles).toEqual([]);
    const other = await api.newWorkspace('drift-other');
    expect(codeOf(await api.gql(UPLOAD, { input: { modelId, features: [{ feature: 'x', values: [1] }] } }, other))).toBe('NOT_FOUND');
  });
});

describe('recordMonitorSample', () => {
  it('computes every statistic as the stats functions do on the same data (KS and chi-square for small references)', async () => {
    const modelId = await monitoredModel();
    await upload(modelId, [{ feature: 'x', values: Array.from(smallRef) }, { feature: 'c', categories: refCats }]);
    const snapshot = await sample(modelId, { columns: [{ feature: 'x', valuesBase64: base64(smallCur) }, { feature: 'c', categories: curCats }] });

    const numeric = numericDrift({ sample: smallRef, sketch: sketchNumeric(smallRef) }, smallCur);
    const x = driftOf(snapshot, 'x');
    expect(x).toMatchObject({ kind: 'NUMERIC', method: 'KS', threshold: 0.05, referenceRows: 500, currentRows: 400, chiSquare: null, chiSquarePValue: null });
    close(x.score, numeric.ks.statistic);
    close(x.pValue, numeric.ks.pValue);
    close(x.ksStatistic, numeric.ks.statistic);
    close(x.ksPValue, numeric.ks.pValue);
    close(x.psi, numeric.psi);
    close(x.wasserstein, numeric.wasserstein);
    close(x.wassersteinNormed, numeric.wassersteinNormed);
    close(x.jensenShannon, numeric.jensenShannon);
    expect(x.drifted).toBe(numeric.ks.pValue < 0.05);
    expect(x.drifted).toBe(true);
    expect(x.psiLevel).toBe(numeric.psi >= 0.25 ? 'SIGNIFICANT' : numeric.psi >= 0.1 ? 'MODERATE' : 'NONE');
    closeAll(x.histogram.reference, numeric.bins.reference);
    closeAll(x.histogram.current, numeric.bins.current);
    expect(x.histogram.edges).toHaveLength(numeric.bins.reference.length + 1);
    expect(x.histogram.labels).toHaveLength(numeric.bins.reference.length);

    const categorical = categoricalDrift(counts(refCats), counts(curCats));
    const c = driftOf(snapshot, 'c');
    expect(c).toMatchObject({ kind: 'CATEGORICAL', method: 'CHI_SQUARE', threshold: 0.05, referenceRows: 600, currentRows: 300, ksStatistic: null, wasserstein: null });
    close(c.score, categorical.chiSquare.statistic);
    close(c.chiSquare, categorical.chiSquare.statistic);
    close(c.chiSquarePValue, categorical.chiSquare.pValue);
    close(c.pValue, categorical.chiSquare.pValue);
    close(c.psi, categorical.psi);
    close(c.jensenShannon, categorical.jensenShannon);
    expect(c.drifted).toBe(true);
    expect(c.histogram.labels).toEqual(categorical.categories.map((k) => k.value));
    expect(c.histogram.edges).toBeNull();
    close(c.histogram.current.reduce((s: number, v: number) => s + v, 0), 1);

    expect(snapshot).toMatchObject({ rowCount: 400, driftShare: 1, datasetDrifted: true, triggeredRun: null, performance: [], evaluationResults: [] });
    expect(snapshot.freshness).toEqual({ lagHours: 0, limitHours: 30, stale: false });
  });

  it('uses normed Wasserstein and Jensen–Shannon above 1,000 reference rows, and takes rows as well as columns', async () => {
    const modelId = await monitoredModel();
    const ref = normals(21, 5_000, 100, 10);
    const refC = draws(22, 5_000, { web: 6, app: 4 });
    await upload(modelId, [{ feature: 'x', valuesBase64: base64(ref) }, { feature: 'channel', categories: refC }]);
    const cur = normals(23, 50, 100.5, 10);
    const curC = draws(24, 50, { web: 6, app: 4 });
    const snapshot = await sample(modelId, { rows: Array.from(cur, (v, i) => ({ x: v, channel: curC[i] })) });
    const numeric = numericDrift({ sample: ref, sketch: sketchNumeric(ref) }, cur);
    const categorical = categoricalDrift(counts(refC), counts(curC));
    const x = driftOf(snapshot, 'x');
    expect(x).toMatchObject({ method: 'WASSERSTEIN', threshold: 0.1, referenceRows: 5_000, currentRows: 50 });
    close(x.score, numeric.wassersteinNormed);
    expect(x.pValue).toBeNull();
    expect(x.drifted).toBe(numeric.wassersteinNormed >= 0.1);
    const channel = driftOf(snapshot, 'channel');
    expect(channel).toMatchObject({ method: 'JENSEN_SHANNON', threshold: 0.1 });
    close(channel.score, categorical.jensenShannon);
    expect(snapshot.rowCount).toBe(50);
  });

  it('follows the manifest: per-feature method and threshold, PSI levels', async () => {
    const modelId = await monitoredModel({
      thresholds: { psi_moderate: 0.01, psi_significant: 0.02 },
      feature_methods: { x: { method: 'PSI', threshold: 0.5 }, y: { method: 'KS', threshold: 0.2 }, c: { method: 'JENSEN_SHANNON', threshold: 0.05 } },
    });
    const ref = normals(31, 3_000, 0, 1);
    await upload(modelId, [{ feature: 'x', valuesBase64: base64(ref) }, { feature: 'y', valuesBase64: base64(ref) }, { feature: 'c', categories: refCats }]);
    const cur = normals(32, 2_000, 0.3, 1);
    const snapshot = await sample(modelId, { columns: [{ feature: 'x', valuesBase64: base64(cur) }, { feature: 'y', valuesBase64: base64(cur) }, { feature: 'c', categories: curCats }] });
    const numeric = numericDrift({ sample: ref, sketch: sketchNumeric(ref) }, cur);
    const x = driftOf(snapshot, 'x');
    expect(x).toMatchObject({ method: 'PSI', threshold: 0.5, drifted: numeric.psi >= 0.5, psiLevel: numeric.psi >= 0.02 ? 'SIGNIFICANT' : numeric.psi >= 0.01 ? 'MODERATE' : 'NONE' });
    close(x.score, numeric.psi);
    const y = driftOf(snapshot, 'y');
    expect(y).toMatchObject({ method: 'KS', threshold: 0.2, drifted: numeric.ks.pValue < 0.2 });
    close(y.score, numeric.ks.statistic);
    expect(driftOf(snapshot, 'c')).toMatchObject({ method: 'JENSEN_SHANNON', threshold: 0.05 });

    // A method that does not apply to the feature's kind is refused, naming the column.
    const strict = await monitoredModel({ feature_methods: { c: { method: 'KS', threshold: 0.05 } } });
    await upload(strict, [{ feature: 'c', categories: refCats }]);
    const res = await api.gql(SAMPLE, { input: { modelId: strict, columns: [{ feature: 'c', categories: curCats }] } }, ws);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.extensions!.problems).toEqual([{ path: 'input.columns[0]', message: expect.stringMatching(/KS.*categorical/) }]);
  });

  it('raises DRIFT_DETECTED: WARNING per drifted feature, CRITICAL once per model when the data set drifts, counting repeats', async () => {
    const modelId = await monitoredModel();
    const ref = normals(41, 3_000, 0, 1);
    await upload(modelId, [{ feature: 'a', valuesBase64: base64(ref) }, { feature: 'b', valuesBase64: base64(ref) }, { feature: 'c', valuesBase64: base64(ref) }]);
    const same = normals(42, 3_000, 0, 1);
    const shifted = normals(43, 3_000, 1, 1);
    const alertsNow = async () => ok(await api.gql(DRIFT_ALERTS, { id: modelId }, ws)).alerts.edges.map((e: any) => e.node);

    // One of three features drifts: a feature warning, no data set drift.
    const oneOfThree = { columns: [{ feature: 'a', valuesBase64: base64(shifted) }, { feature: 'b', valuesBase64: base64(same) }, { feature: 'c', valuesBase64: base64(same) }] };
    const first = await sample(modelId, oneOfThree);
    expect(first.drift.map((d: any) => d.drifted)).toEqual([true, false, false]);
    expect(first.datasetDrifted).toBe(false);
    await sample(modelId, oneOfThree);
    expect(await alertsNow()).toEqual([{ severity: 'WARNING', title: expect.stringContaining('a of'), count: 2, status: 'OPEN' }]);

    // Two of three: the data set drifts (≥ 50 %): one CRITICAL alert for the model, counted again on the next sample.
    const twoOfThree = { columns: [{ feature: 'a', valuesBase64: base64(shifted) }, { feature: 'b', valuesBase64: base64(shifted) }, { feature: 'c', valuesBase64: base64(same) }] };
    const drifted = await sample(modelId, twoOfThree);
    expect(drifted).toMatchObject({ datasetDrifted: true, triggeredRun: null });
    await sample(modelId, twoOfThree);
    const alerts = await alertsNow();
    expect(alerts).toHaveLength(2);
    expect(alerts.find((a: any) => a.severity === 'CRITICAL')).toMatchObject({ count: 2, title: expect.stringContaining('Data drift') });
    expect(alerts.find((a: any) => a.severity === 'WARNING')).toMatchObject({ count: 2 });
  });

  it('publishes the drifted snapshot on monitorSnapshotRecorded', async () => {
    const modelId = await monitoredModel();
    await upload(modelId, [{ feature: 'x', values: Array.from(smallRef) }]);
    const sub = await subscribe(api.wsUrl, `subscription($m: ID!) { monitorSnapshotRecorded(modelId: $m) { eventId snapshot { ${SNAPSHOT_FIELDS} } } }`, { m: modelId }, ws);
    const recorded = await sample(modelId, { columns: [{ feature: 'x', values: Array.from(smallCur) }] });
    const [event] = await sub.waitFor(1);
    await sub.close();
    expect(event!.monitorSnapshotRecorded.snapshot).toEqual(recorded);
    expect(recorded.datasetDrifted).toBe(true);
    expect(driftOf(recorded, 'x').histogram.reference.length).toBeGreaterThan(1);
  });

  it('evaluates performance with the attached packs and keeps DATA_STALE, like recordMonitorSnapshot', async () => {
    const modelId = await monitoredModel({}, { pack: true });
    await upload(modelId, [{ feature: 'x', values: Array.from(smallRef) }]);
    const recordedAt = new Date();
    const snapshot = await sample(modelId, {
      recordedAt: recordedAt.toISOString(),
      columns: [{ feature: 'x', values: Array.from(smallRef) }],
      performance: [{ key: 'MAPE', value: 0.3 }, { key: 'MAE', value: 9 }, { key: 'forecast_bias', value: 0.01 }, { key: 'coverage_80', value: 0.8 }],
      freshness: { lastDataAt: new Date(recordedAt.getTime() - 40 * 3_600_000).toISOString(), limitHours: 48 },
    });
    expect(snapshot.evaluationResults).toEqual([{ status: 'WARN' }]);
    // Identical samples do not drift.
    expect(driftOf(snapshot, 'x')).toMatchObject({ drifted: false, score: 0 });
    expect(snapshot.datasetDrifted).toBe(false);
    // The manifest's max_lag_hours (30) decides staleness, as for recordMonitorSnapshot.
    const { alerts } = ok(await api.gql(`query($id: ID!) { alerts(first: 10, filter: { modelId: $id }) { edges { node { type severity } } } }`, { id: modelId }, ws));
    expect(alerts.edges.map((e: any) => e.node.type).sort()).toEqual(['DATA_STALE', 'PERFORMANCE_DEGRADED']);
  });

  it('can be listed apart from reported snapshots: monitorSnapshots(computed: true, last: 1) is the newest computed one', async () => {
    const modelId = await monitoredModel();
    await upload(modelId, [{ feature: 'x', values: Array.from(smallRef) }]);
    const t0 = Date.now() - 10 * 3_600_000;
    const computed = await sample(modelId, { recordedAt: new Date(t0).toISOString(), columns: [{ feature: 'x', values: Array.from(smallCur) }] });
    // Newer snapshots with drift the client reported.
    for (let i = 1; i <= 3; i++) {
      const at = new Date(t0 + i * 3_600_000).toISOString();
      ok(await api.gql(`mutation($input: RecordMonitorSnapshotInput!) { recordMonitorSnapshot(input: $input) { id } }`, {
        input: { modelId, recordedAt: at, performance: [{ key: 'MAPE', value: 0.2 }], drift: [{ feature: 'x', method: 'PSI', score: 0.01, threshold: 0.2, drifted: false }], freshness: { lastDataAt: at, limitHours: 48 } },
      }, ws));
    }
    const query = `query($id: ID!) { model(id: $id) { all: monitorSnapshots { id } computed: monitorSnapshots(computed: true, last: 1) { id datasetDrifted } reported: monitorSnapshots(computed: false, last: 2) { id datasetDrifted } } }`;
    const { model } = ok(await api.gql(query, { id: modelId }, ws));
    expect(model.all).toHaveLength(4);
    expect(model.computed).toEqual([{ id: computed.id, datasetDrifted: computed.datasetDrifted }]);
    expect(model.reported).toHaveLength(2);
    expect(model.reported.map((s: any) => s.datasetDrifted)).toEqual([null, null]);
    expect(model.reported.map((s: any) => s.id)).toEqual(model.all.slice(2).map((s: any) => s.id));
  });

  it('is idempotent per key', async () => {
    const modelId = await monitoredModel();
    await upload(modelId, [{ feature: 'x', values: Array.from(smallRef) }]);
    const input = { columns: [{ feature: 'x', values: Array.from(smallCur) }], idempotencyKey: 'batch-1' };
    const first = await sample(modelId, input);
    const retry = await sample(modelId, input);
    expect(retry.id).toBe(first.id);
    expect(ok(await api.gql(PROFILES, { id: modelId }, ws)).model.monitorSnapshots).toHaveLength(1);
    const alerts = ok(await api.gql(DRIFT_ALERTS, { id: modelId }, ws)).alerts.edges;
    expect(alerts.map((e: any) => e.node.count)).toEqual([1]);
  });

  it('refuses bad samples by path and writes nothing', async () => {
    const modelId = await monitoredModel();
    await upload(modelId, [{ feature: 'x', values: Array.from(smallRef) }, { feature: 'c', categories: refCats }]);
    const res = await api.gql(SAMPLE, { input: { modelId, columns: [
      { feature: 'unknown', values: [1, 2] },
      { feature: 'x', values: [] },
      { feature: 'x2', valuesBase64: base64(new Float64Array([1, Number.NaN])) },
      { feature: 'd', values: [1], categories: ['a'] },
      { feature: 'c', values: [1, 2] },
      { feature: 'x', categories: ['a'] },
    ] } }, ws);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    // Column checks first (empty, NaN, both given, twice), then the checks against the profiles (unknown feature, wrong kind).
    expect(res.errors![0]!.extensions!.problems.map((p: any) => p.path)).toEqual([
      'input.columns[1].values',
      'input.columns[2].valuesBase64',
      'input.columns[3]',
      'input.columns[5].feature',
      'input.columns[0].feature',
      'input.columns[4]',
    ]);
    const rows = await api.gql(SAMPLE, { input: { modelId, rows: [{ x: 'high', c: 'a' }, { request_id: 'r1', x: 1 }] } }, ws);
    expect(codeOf(rows)).toBe('VALIDATION_FAILED');
    expect(rows.errors![0]!.extensions!.problems.map((p: any) => p.path)).toEqual(['input.rows[0].x', 'input.rows[1].request_id']);
    const neither = await api.gql(SAMPLE, { input: { modelId } }, ws);
    expect(neither.errors![0]!.extensions!.problems.map((p: any) => p.path)).toEqual(['input']);
    const { model } = ok(await api.gql(PROFILES, { id: modelId }, ws));
    expect(model.monitorSnapshots).toEqual([]);
    expect(ok(await api.gql(DRIFT_ALERTS, { id: modelId }, ws)).alerts.edges).toEqual([]);
  });

  it('computes drift of 1,000,000 current values sent as base64', async () => {
    const modelId = await monitoredModel();
    await upload(modelId, [{ feature: 'x', valuesBase64: base64(normals(51, 100_000, 0, 1)) }]);
    const snapshot = await sample(modelId, { columns: [{ feature: 'x', valuesBase64: base64(normals(52, 1_000_000, 0.05, 1)) }] });
    expect(snapshot.rowCount).toBe(1_000_000);
    expect(driftOf(snapshot, 'x')).toMatchObject({ method: 'WASSERSTEIN', currentRows: 1_000_000, referenceRows: 100_000, drifted: false });
  });
});

describe('drift-triggered retraining', () => {
  it('queues one TRAIN run with trigger DRIFT when the manifest asks for it and the data set drifts', async () => {
    const modelId = await monitoredModel({ retrain_on_drift: true });
    await upload(modelId, [{ feature: 'x', values: Array.from(smallRef) }]);
    const calm = await sample(modelId, { columns: [{ feature: 'x', values: Array.from(smallRef) }] });
    expect(calm.triggeredRun).toBeNull();
    const drifted = await sample(modelId, { columns: [{ feature: 'x', values: Array.from(smallCur) }] });
    expect(drifted.triggeredRun).toMatchObject({ type: 'TRAIN', trigger: 'DRIFT', params: [{ key: 'reason', value: `data set drift in snapshot ${drifted.id}` }] });
    // While that retrain is pending, more drift queues no second one.
    const again = await sample(modelId, { columns: [{ feature: 'x', values: Array.from(smallCur) }] });
    expect(again.triggeredRun).toBeNull();
    const { model } = ok(await api.gql(`query($id: ID!) { model(id: $id) { runs(first: 10) { edges { node { id trigger } } } retrainingEvents { trigger run { id } } } }`, { id: modelId }, ws));
    expect(model.runs.edges.map((e: any) => e.node)).toEqual([{ id: drifted.triggeredRun.id, trigger: 'DRIFT' }]);
    expect(model.retrainingEvents).toEqual([{ trigger: 'DRIFT', run: { id: drifted.triggeredRun.id } }]);
    // The snapshot query returns it too.
    const read = ok(await api.gql(`query($id: ID!) { monitorSnapshot(id: $id) { triggeredRun { id } } }`, { id: drifted.id }, ws));
    expect(read.monitorSnapshot.triggeredRun.id).toBe(drifted.triggeredRun.id);
    ok(await api.gql(`mutation($id: ID!) { cancelRun(runId: $id) { id } }`, { id: drifted.triggeredRun.id }, ws));
  });

  it('queues nothing without retrain_on_drift', async () => {
    const modelId = await monitoredModel();
    await upload(modelId, [{ feature: 'x', values: Array.from(smallRef) }]);
    const drifted = await sample(modelId, { columns: [{ feature: 'x', values: Array.from(smallCur) }] });
    expect(drifted).toMatchObject({ datasetDrifted: true, triggeredRun: null });
  });
});

describe('training runs of the worker', () => {
  it('capture reference profiles of the drift features the learner has, warn about the others, and drift is measured against them', async () => {
    const artifactDir = mkdtempSync(path.join(tmpdir(), 'modelyard-drift-'));
    const worker = await startWorkerProcess({ ARTIFACT_DIR: artifactDir, RUN_RETRY_DELAY_SECONDS: '1' });
    try {
      const manifest = seededManifest(RecipeFamily.PRICING) as Record<string, any>;
      const features: string[] = manifest.monitoring.drift.features;
      manifest.monitoring.drift.features = [...features, 'not_a_column'];
      const { modelId } = await approvedRecipeWithModel(api.orm, ws, RecipeFamily.PRICING, ModelStatus.DRAFT, { manifest });
      const queued = ok(await api.gql(`mutation($input: QueueRunInput!) { queueRun(input: $input) { id } }`, { input: { modelId, type: 'TRAIN', dataset: { size: 'SMALL' } } }, ws)).queueRun;
      let run: any;
      for (const deadline = Date.now() + 120_000; ; await sleep(250)) {
        run = ok(await api.gql(`query($id: ID!) { run(id: $id) { id status error logs(afterSeq: 0) { level message } } }`, { id: queued.id }, ws)).run;
        if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status) || Date.now() > deadline) break;
      }
      expect(run.status, run.error).toBe('SUCCEEDED');
      expect(run.logs).toContainEqual({ level: 'WARN', message: expect.stringContaining('drift feature not_a_column is not in the data set') });

      const { model } = ok(await api.gql(PROFILES, { id: modelId }, ws));
      const profiles = model.referenceProfiles;
      expect(profiles.map((p: any) => p.feature)).toEqual([...features].sort());
      for (const p of profiles) expect(p).toMatchObject({ source: 'TRAINING_RUN', run: { id: run.id } });
      // Every feature is profiled over the same training rows.
      const rows = profiles[0].rowCount;
      expect(rows).toBeGreaterThan(1_000);
      for (const p of profiles) expect(p.rowCount).toBe(rows);
      const category = profiles.find((p: any) => p.feature === 'category_id');
      expect(category).toMatchObject({ kind: 'CATEGORICAL', sampleSize: 0 });
      expect(category.categories).toHaveLength(6);
      const logPrice = profiles.find((p: any) => p.feature === 'log_price');
      expect(logPrice).toMatchObject({ kind: 'NUMERIC', sampleSize: rows });

      // A sample with one category only and log prices a standard deviation higher: both drift. log_price has the default
      // for > 1,000 reference rows (normed Wasserstein); the seeded manifest names CHI_SQUARE for category_id with its
      // critical value at 5 degrees of freedom (11.07), which is compared with the statistic.
      const shifted = Float64Array.from({ length: 500 }, (_, i) => logPrice.mean + logPrice.std * (1 + (i % 7) / 10));
      const snapshot = await sample(modelId, { columns: [{ feature: 'log_price', valuesBase64: base64(shifted) }, { feature: 'category_id', categories: Array(500).fill(category.categories[0].value) }] });
      expect(snapshot.drift.map((d: any) => [d.feature, d.method, d.drifted])).toEqual([['log_price', 'WASSERSTEIN', true], ['category_id', 'CHI_SQUARE', true]]);
      const chi = driftOf(snapshot, 'category_id');
      expect(chi.threshold).toBe(manifest.monitoring.drift.feature_methods.category_id.threshold);
      expect(chi.score).toBeGreaterThan(chi.threshold);
      expect(snapshot.datasetDrifted).toBe(true);
    } finally {
      await worker.stop('SIGKILL');
      rmSync(artifactDir, { recursive: true, force: true });
    }
  }, 180_000);
});
