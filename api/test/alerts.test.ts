import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStatus } from '../src/modules/models/model.enums.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { approvedRecipeWithModel, attachedPack, finishedRun, seededManifest } from './evaluation-fixtures.js';
import { codeOf, ok, startTestApi, type TestApi } from './harness.js';
import { subscribe } from './live-client.js';

const ALERT_FIELDS = `id type severity status title message count firstSeenAt lastSeenAt run { id }
  acknowledgedBy acknowledgedAt resolvedBy resolvedAt resolutionNote dismissedBy dismissedAt dismissalReason`;
const ALERTS = `query($filter: AlertFilter) { alerts(first: 100, filter: $filter) { totalCount edges { node { ${ALERT_FIELDS} } } } }`;
const COUNTS = `query($filter: AlertFilter) { alertCounts(filter: $filter) { total open bySeverity { severity count } } }`;
const RECORD = `mutation($input: RecordMonitorSnapshotInput!) { recordMonitorSnapshot(input: $input) { id evaluationResults { status } } }`;
const ACK = `mutation($id: ID!) { acknowledgeAlert(id: $id) { ${ALERT_FIELDS} } }`;
const RESOLVE = `mutation($id: ID!, $note: String) { resolveAlert(id: $id, note: $note) { ${ALERT_FIELDS} } }`;
const DISMISS = `mutation($id: ID!, $reason: String) { dismissAlert(id: $id, reason: $reason) { ${ALERT_FIELDS} } }`;

/** Forecasting metrics: MAPE decides the verdict (≤ 0.25 PASS, < 0.40 WARN, else FAIL); the rest pass. */
const metricsWith = (mape: number) => [{ key: 'MAPE', value: mape }, { key: 'MAE', value: 15 }, { key: 'forecast_bias', value: 0.02 }, { key: 'coverage_80', value: 0.82 }];
const WARN_MAPE = 0.3;
const FAIL_MAPE = 0.5;

let api: TestApi;
let ws: string;
beforeAll(async () => {
  api = await startTestApi();
  ws = await api.newWorkspace('alerts');
});
afterAll(() => api?.close());

/** A forecasting model (manifest freshness limit 30 h) in `status`, with the forecasting pack attached. */
async function forecastModel(status = ModelStatus.PRODUCTION, options: Parameters<typeof approvedRecipeWithModel>[4] = {}) {
  const fixture = await approvedRecipeWithModel(api.orm, ws, RecipeFamily.FORECASTING, status, options);
  const pack = await attachedPack(api, ws, fixture.recipeId);
  return { ...fixture, ...pack };
}

async function snapshot(modelId: string, options: { mape?: number; lagHours?: number; limitHours?: number; hoursAgo?: number } = {}) {
  const recordedAt = new Date(Date.now() - (options.hoursAgo ?? 0) * 3_600_000);
  const lastDataAt = new Date(recordedAt.getTime() - (options.lagHours ?? 1) * 3_600_000);
  const input = { modelId, recordedAt: recordedAt.toISOString(), performance: metricsWith(options.mape ?? 0.1), freshness: { lastDataAt: lastDataAt.toISOString(), limitHours: options.limitHours ?? 24 } };
  return ok(await api.gql(RECORD, { input }, ws)).recordMonitorSnapshot;
}

async function alertsOf(modelId: string, filter: Record<string, unknown> = {}): Promise<any[]> {
  return ok(await api.gql(ALERTS, { filter: { modelId, ...filter } }, ws)).alerts.edges.map((e: any) => e.node);
}

describe('RUN_FAILED', () => {
  it('is raised when a run fails: CRITICAL for a production model, WARNING otherwise', async () => {
    const prod = await forecastModel(ModelStatus.PRODUCTION);
    const staging = await forecastModel(ModelStatus.STAGING);
    const runId = await finishedRun(api, ws, prod.modelId, 'FAILED', { error: 'CUDA out of memory' });
    await finishedRun(api, ws, staging.modelId, 'FAILED', { type: 'BACKTEST' });
    await finishedRun(api, ws, prod.modelId, 'SUCCEEDED', { metrics: metricsWith(0.1) });
    const [alert] = await alertsOf(prod.modelId);
    expect(alert).toMatchObject({ type: 'RUN_FAILED', severity: 'CRITICAL', status: 'OPEN', count: 1, run: { id: runId }, title: 'TRAIN run failed: FORECASTING PRODUCTION model' });
    expect(alert.message).toBe(`Run ${runId} failed: CUDA out of memory`);
    expect(await alertsOf(prod.modelId)).toHaveLength(1);
    expect(await alertsOf(staging.modelId)).toEqual([expect.objectContaining({ type: 'RUN_FAILED', severity: 'WARNING' })]);
  });

  it('grows the open alert of the same model and run type instead of duplicating it, even under concurrency', async () => {
    const { modelId } = await forecastModel(ModelStatus.PRODUCTION);
    await finishedRun(api, ws, modelId, 'FAILED');
    const [before] = await alertsOf(modelId);
    await Promise.all(Array.from({ length: 5 }, () => finishedRun(api, ws, modelId, 'FAILED')));
    const last = await finishedRun(api, ws, modelId, 'FAILED', { error: 'disk full' });
    await finishedRun(api, ws, modelId, 'FAILED', { type: 'EVAL' });
    const alerts = await alertsOf(modelId, { types: ['RUN_FAILED'] });
    expect(alerts.map((a) => [a.title, a.count])).toEqual([['EVAL run failed: FORECASTING PRODUCTION model', 1], ['TRAIN run failed: FORECASTING PRODUCTION model', 7]]);
    const train = alerts[1];
    expect(train).toMatchObject({ id: before.id, firstSeenAt: before.firstSeenAt, run: { id: last }, message: `Run ${last} failed: disk full` });
    expect(Date.parse(train.lastSeenAt)).toBeGreaterThan(Date.parse(before.lastSeenAt));
  });
});

describe('PERFORMANCE_DEGRADED', () => {
  it('is CRITICAL for a FAIL monitor evaluation and WARNING for a WARN one; PASS raises nothing', async () => {
    const failing = await forecastModel();
    const warning = await forecastModel();
    await snapshot(failing.modelId, { mape: 0.1 });
    expect(await alertsOf(failing.modelId)).toEqual([]);
    expect((await snapshot(failing.modelId, { mape: FAIL_MAPE })).evaluationResults).toEqual([{ status: 'FAIL' }]);
    await snapshot(warning.modelId, { mape: WARN_MAPE });
    const [critical] = await alertsOf(failing.modelId);
    expect(critical).toMatchObject({ type: 'PERFORMANCE_DEGRADED', severity: 'CRITICAL', count: 1, title: 'Performance degraded: FORECASTING PRODUCTION model' });
    expect(critical.message).toBe('Monitor Evaluation FAIL: 3/4 metrics passed, 1 failed, 1 skipped (MAPE 0.5 FAIL)');
    expect(await alertsOf(warning.modelId)).toEqual([expect.objectContaining({ type: 'PERFORMANCE_DEGRADED', severity: 'WARNING' })]);
  });

  it('counts repeats on one alert per pack version, escalating severity but never lowering it', async () => {
    const { modelId, recipeId } = await forecastModel();
    await snapshot(modelId, { mape: WARN_MAPE, hoursAgo: 3 });
    await snapshot(modelId, { mape: WARN_MAPE, hoursAgo: 2 });
    expect(await alertsOf(modelId)).toEqual([expect.objectContaining({ severity: 'WARNING', count: 2 })]);
    await snapshot(modelId, { mape: FAIL_MAPE, hoursAgo: 1 });
    await snapshot(modelId, { mape: WARN_MAPE });
    const [alert] = await alertsOf(modelId);
    expect(alert).toMatchObject({ severity: 'CRITICAL', count: 4 });
    expect(alert.message).toMatch(/^Monitor Evaluation WARN/);
    // A second attached pack is a second condition.
    await attachedPack(api, ws, recipeId);
    await snapshot(modelId, { mape: WARN_MAPE });
    expect((await alertsOf(modelId)).map((a) => a.count).sort()).toEqual([1, 5]);
  });
});

describe('DATA_STALE', () => {
  it('is raised when the lag exceeds the manifest’s monitoring.freshness.max_lag_hours, whatever the snapshot’s own limit', async () => {
    const { modelId } = await forecastModel(); // manifest: max_lag_hours 30, data_stale severity CRITICAL
    await snapshot(modelId, { lagHours: 20, limitHours: 10 });
    await snapshot(modelId, { lagHours: 30, limitHours: 10 });
    expect(await alertsOf(modelId)).toEqual([]);
    await snapshot(modelId, { lagHours: 31, limitHours: 48 });
    await snapshot(modelId, { lagHours: 58.25, limitHours: 48 });
    const [alert] = await alertsOf(modelId);
    expect(alert).toMatchObject({ type: 'DATA_STALE', severity: 'CRITICAL', count: 2, title: 'Data is stale: FORECASTING PRODUCTION model' });
    expect(alert.message).toMatch(/^The newest data was 58\.3 h old at .* \(limit 30 h\)$/);
  });

  it('falls back to the snapshot’s limit, and to WARNING, when the manifest has no freshness rule', async () => {
    const { monitoring: _monitoring, ...manifest } = seededManifest(RecipeFamily.FORECASTING);
    const { modelId } = await forecastModel(ModelStatus.PRODUCTION, { manifest });
    await snapshot(modelId, { lagHours: 31, limitHours: 48 });
    expect(await alertsOf(modelId)).toEqual([]);
    await snapshot(modelId, { lagHours: 12, limitHours: 10 });
    expect(await alertsOf(modelId)).toEqual([expect.objectContaining({ type: 'DATA_STALE', severity: 'WARNING', message: expect.stringContaining('(limit 10 h)') })]);
  });

  it('reads the limit through a cloned recipe’s overlay, from the manifest it inherits', async () => {
    const baseline = await forecastModel(); // max_lag_hours 30
    const { modelId } = await forecastModel(ModelStatus.PRODUCTION, { parent: baseline, manifest: { metadata: { description: 'Grocery overlay' } } });
    await snapshot(modelId, { lagHours: 31, limitHours: 48 });
    expect(await alertsOf(modelId)).toEqual([expect.objectContaining({ type: 'DATA_STALE', severity: 'CRITICAL', message: expect.stringContaining('(limit 30 h)') })]);
  });
});

describe('the alert lifecycle', () => {
  async function openAlert(): Promise<{ id: string; modelId: string }> {
    const { modelId } = await forecastModel(ModelStatus.STAGING);
    await finishedRun(api, ws, modelId, 'FAILED');
    return { id: (await alertsOf(modelId))[0].id, modelId };
  }

  it('OPEN → ACKNOWLEDGED → RESOLVED records who and when, with audit events', async () => {
    const { id, modelId } = await openAlert();
    const acknowledged = ok(await api.gql(ACK, { id }, ws, 'ana')).acknowledgeAlert;
    expect(acknowledged).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: 'apikey:ana', resolvedBy: null });
    expect(Date.now() - Date.parse(acknowledged.acknowledgedAt)).toBeLessThan(60_000);
    // Still the open condition: a repeat counts on the acknowledged alert.
    await finishedRun(api, ws, modelId, 'FAILED');
    expect(await alertsOf(modelId)).toEqual([expect.objectContaining({ id, status: 'ACKNOWLEDGED', count: 2 })]);
    const resolved = ok(await api.gql(RESOLVE, { id, note: 'rolled back the feature store' }, ws, 'bo')).resolveAlert;
    expect(resolved).toMatchObject({ status: 'RESOLVED', acknowledgedBy: 'apikey:ana', resolvedBy: 'apikey:bo', resolutionNote: 'rolled back the feature store' });
    expect(Date.parse(resolved.resolvedAt)).toBeGreaterThanOrEqual(Date.parse(acknowledged.acknowledgedAt));
    const { auditEvents } = ok(await api.gql(`query($id: ID!) { auditEvents(filter: { subjectId: $id }) { edges { node { action actor before after reason } } } }`, { id }, ws));
    expect(auditEvents.edges.map((e: any) => e.node)).toEqual([
      { action: 'alert.resolve', actor: 'apikey:bo', before: { status: 'ACKNOWLEDGED' }, after: { status: 'RESOLVED' }, reason: 'rolled back the feature store' },
      { action: 'alert.acknowledge', actor: 'apikey:ana', before: { status: 'OPEN' }, after: { status: 'ACKNOWLEDGED' }, reason: null },
    ]);
    // Once resolved, the condition raises a new alert.
    await finishedRun(api, ws, modelId, 'FAILED');
    expect((await alertsOf(modelId)).map((a) => [a.status, a.count])).toEqual([['OPEN', 1], ['RESOLVED', 2]]);
  });

  it('OPEN → RESOLVED, OPEN → DISMISSED and ACKNOWLEDGED → DISMISSED are allowed', async () => {
    const direct = await openAlert();
    expect(ok(await api.gql(RESOLVE, { id: direct.id }, ws, 'cy')).resolveAlert).toMatchObject({ status: 'RESOLVED', resolvedBy: 'apikey:cy', resolutionNote: null, acknowledgedBy: null });
    const dismissed = await openAlert();
    expect(ok(await api.gql(DISMISS, { id: dismissed.id, reason: 'known flaky runner' }, ws, 'dee')).dismissAlert).toMatchObject({
      status: 'DISMISSED', dismissedBy: 'apikey:dee', dismissalReason: 'known flaky runner', dismissedAt: expect.any(String),
    });
    const acknowledged = await openAlert();
    ok(await api.gql(ACK, { id: acknowledged.id }, ws));
    expect(ok(await api.gql(DISMISS, { id: acknowledged.id }, ws)).dismissAlert).toMatchObject({ status: 'DISMISSED', dismissedBy: 'apikey:admin' });
  });

  it('refuses every other transition with CONFLICT naming both states, and unknown ids with NOT_FOUND', async () => {
    const { id } = await openAlert();
    ok(await api.gql(ACK, { id }, ws));
    const twice = await api.gql(ACK, { id }, ws);
    expect(codeOf(twice)).toBe('CONFLICT');
    expect(twice.errors![0]!.message).toBe(`Alert ${id} is ACKNOWLEDGED; it cannot become ACKNOWLEDGED`);
    ok(await api.gql(RESOLVE, { id }, ws));
    for (const [query, requested] of [[ACK, 'ACKNOWLEDGED'], [RESOLVE, 'RESOLVED'], [DISMISS, 'DISMISSED']] as const) {
      const res = await api.gql(query, { id }, ws);
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors![0]!.message).toBe(`Alert ${id} is RESOLVED; it cannot become ${requested}`);
      expect(res.errors![0]!.extensions).toMatchObject({ current: 'RESOLVED', requested });
    }
    const dismissed = await openAlert();
    ok(await api.gql(DISMISS, { id: dismissed.id }, ws));
    expect(codeOf(await api.gql(RESOLVE, { id: dismissed.id }, ws))).toBe('CONFLICT');
    expect(codeOf(await api.gql(ACK, { id: randomUUID() }, ws))).toBe('NOT_FOUND');
    const other = await api.newWorkspace('alerts-other');
    expect(codeOf(await api.gql(DISMISS, { id: dismissed.id }, other))).toBe('NOT_FOUND');
    expect((await api.gql(`query($id: ID!) { alert(id: $id) { status resolvedBy } }`, { id }, ws)).data!.alert).toEqual({ status: 'RESOLVED', resolvedBy: 'apikey:admin' });
  });

  it('pushes raised and updated alerts to subscribers', async () => {
    const { modelId } = await forecastModel(ModelStatus.PRODUCTION);
    const raised = await subscribe(api.wsUrl, `subscription($f: AlertEventFilter) { alertRaised(filter: $f) { alert { id type severity count } } }`, { f: { modelId, minSeverity: 'CRITICAL' } }, ws);
    const updated = await subscribe(api.wsUrl, `subscription($f: AlertEventFilter) { alertUpdated(filter: $f) { alert { id status count } } }`, { f: { modelId } }, ws);
    await finishedRun(api, ws, modelId, 'FAILED');
    const [{ alertRaised }] = (await raised.waitFor(1)) as any[];
    expect(alertRaised.alert).toMatchObject({ type: 'RUN_FAILED', severity: 'CRITICAL', count: 1 });
    await finishedRun(api, ws, modelId, 'FAILED');
    ok(await api.gql(ACK, { id: alertRaised.alert.id }, ws));
    const events = (await updated.waitFor(2)).map((d) => d.alertUpdated.alert);
    await Promise.all([raised.close(), updated.close()]);
    expect(events).toEqual([{ id: alertRaised.alert.id, status: 'OPEN', count: 2 }, { id: alertRaised.alert.id, status: 'ACKNOWLEDGED', count: 2 }]);
  });
});

describe('alert queries', () => {
  it('filter by status, severity, type, model and title, and count per severity for a badge', async () => {
    const slug = await api.newWorkspace('alert-queries');
    const gql = (query: string, filter: Record<string, unknown>) => api.gql(query, { filter }, slug);
    const prod = await approvedRecipeWithModel(api.orm, slug, RecipeFamily.FORECASTING, ModelStatus.PRODUCTION);
    const draft = await approvedRecipeWithModel(api.orm, slug, RecipeFamily.FORECASTING, ModelStatus.DRAFT);
    await attachedPack(api, slug, prod.recipeId);
    await finishedRun(api, slug, prod.modelId, 'FAILED'); // CRITICAL RUN_FAILED
    await finishedRun(api, slug, draft.modelId, 'FAILED'); // WARNING RUN_FAILED
    await finishedRun(api, slug, draft.modelId, 'FAILED', { type: 'EVAL' }); // WARNING RUN_FAILED
    const input = { modelId: prod.modelId, performance: metricsWith(WARN_MAPE), freshness: { lastDataAt: new Date().toISOString(), limitHours: 24 } };
    ok(await api.gql(RECORD, { input }, slug)); // WARNING PERFORMANCE_DEGRADED
    const all = ok(await gql(ALERTS, {})).alerts.edges.map((e: any) => e.node);
    expect(all).toHaveLength(4);
    ok(await api.gql(ACK, { id: all.find((a: any) => a.severity === 'CRITICAL').id }, slug));
    ok(await api.gql(DISMISS, { id: all.find((a: any) => a.title.startsWith('EVAL')).id }, slug));

    const count = async (filter: Record<string, unknown>) => ok(await gql(ALERTS, filter)).alerts.totalCount;
    expect(await count({ statuses: ['OPEN'] })).toBe(2);
    expect(await count({ statuses: ['OPEN', 'ACKNOWLEDGED'] })).toBe(3);
    expect(await count({ minSeverity: 'CRITICAL' })).toBe(1);
    expect(await count({ minSeverity: 'WARNING' })).toBe(4);
    expect(await count({ types: ['PERFORMANCE_DEGRADED'] })).toBe(1);
    expect(await count({ types: ['PERFORMANCE_DEGRADED', 'RUN_FAILED'] })).toBe(4);
    expect(await count({ modelId: draft.modelId })).toBe(2);
    expect(await count({ modelId: 'not-a-uuid' })).toBe(0);
    expect(await count({ search: 'eval RUN' })).toBe(1);
    expect(await count({ search: 'degraded', statuses: ['OPEN'], modelId: prod.modelId })).toBe(1);

    expect(ok(await gql(COUNTS, {})).alertCounts).toEqual({
      total: 4,
      open: 2,
      bySeverity: [{ severity: 'CRITICAL', count: 1 }, { severity: 'WARNING', count: 3 }, { severity: 'INFO', count: 0 }],
    });
    expect(ok(await gql(COUNTS, { statuses: ['OPEN', 'ACKNOWLEDGED'], modelId: prod.modelId })).alertCounts).toEqual({
      total: 2,
      open: 1,
      bySeverity: [{ severity: 'CRITICAL', count: 1 }, { severity: 'WARNING', count: 1 }, { severity: 'INFO', count: 0 }],
    });
    api.resetStatements();
    ok(await gql(COUNTS, { minSeverity: 'WARNING' }));
    expect(api.statements.filter((sql) => /from "alert"/.test(sql))).toHaveLength(1);
  });
});
