import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelWithEvaluatedRuns } from './fixtures.js';
import { codeOf, ok, startTestApi, type TestApi } from './harness.js';

const RECORD = `mutation($input: RecordMonitorSnapshotInput!) {
  recordMonitorSnapshot(input: $input) { id recordedAt driftShare freshness { lagHours limitHours stale } performance { key value }
    drift { feature method score pValue drifted } evaluationResults { kind status summary metrics { key status } } }
}`;

let api: TestApi;
let ws: string;
let modelId: string;
beforeAll(async () => {
  api = await startTestApi();
  ws = await api.newWorkspace('monitoring');
  modelId = await modelWithEvaluatedRuns(api.orm, ws, 1, 1);
});
afterAll(() => api?.close());

function snapshotInput(hoursAgo: number, mape: number, extra: Record<string, unknown> = {}) {
  const recordedAt = new Date(Date.now() - hoursAgo * 3_600_000);
  return {
    modelId,
    recordedAt: recordedAt.toISOString(),
    performance: [{ key: 'MAPE', value: mape }, { key: 'MAE', value: 9 }],
    drift: [
      { feature: 'price', method: 'PSI', score: 0.31, threshold: 0.25, drifted: true },
      { feature: 'promo_flag', method: 'CHI_SQUARE', score: 2.1, pValue: 0.35, threshold: 3.84, drifted: false },
    ],
    freshness: { lastDataAt: new Date(recordedAt.getTime() - 30 * 3_600_000).toISOString(), limitHours: 24 },
    rowCount: 12000,
    ...extra,
  };
}

describe('monitoring snapshots', () => {
  it('are stored with drift and freshness and evaluated by the attached packs', async () => {
    const { recordMonitorSnapshot: s } = ok(await api.gql(RECORD, { input: snapshotInput(2, 0.3) }, ws));
    expect(s.driftShare).toBe(0.5);
    expect(s.freshness).toEqual({ lagHours: 30, limitHours: 24, stale: true });
    expect(s.evaluationResults).toHaveLength(1);
    expect(s.evaluationResults[0]).toMatchObject({ kind: 'MONITOR', status: 'WARN' });
    expect(s.evaluationResults[0].metrics.find((m: any) => m.key === 'MAPE').status).toBe('WARN');
  });

  it('are returned oldest first, windowed by from/to/last', async () => {
    for (const h of [50, 40, 30]) ok(await api.gql(RECORD, { input: snapshotInput(h, 0.1) }, ws));
    const q = `query($id: ID!, $from: DateTimeISO, $last: Int) { model(id: $id) { monitorSnapshots(from: $from, last: $last) { recordedAt } } }`;
    const all = ok(await api.gql(q, { id: modelId }, ws)).model.monitorSnapshots.map((s: any) => Date.parse(s.recordedAt));
    expect(all).toHaveLength(4);
    expect([...all].sort((a, b) => a - b)).toEqual(all);
    const last2 = ok(await api.gql(q, { id: modelId, last: 2 }, ws)).model.monitorSnapshots;
    expect(last2.map((s: any) => Date.parse(s.recordedAt))).toEqual(all.slice(2));
    const recent = ok(await api.gql(q, { id: modelId, from: new Date(Date.now() - 35 * 3_600_000).toISOString() }, ws)).model.monitorSnapshots;
    expect(recent).toHaveLength(2);
  });

  it('name each invalid field by path and write nothing', async () => {
    const bad = snapshotInput(1, 0.2, { drift: [{ feature: '', method: 'KS', score: 0.2, pValue: 1.5, threshold: 0.05, drifted: true }], rowCount: -1 });
    const res = await api.gql(RECORD, { input: bad }, ws);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.extensions!.problems.map((p: any) => p.path).sort()).toEqual(['input.drift[0].feature', 'input.drift[0].pValue', 'input.rowCount']);
    const { model } = ok(await api.gql(`query($id: ID!) { model(id: $id) { monitorSnapshots { id } } }`, { id: modelId }, ws));
    expect(model.monitorSnapshots).toHaveLength(4);
  });

  it('are recorded once per idempotency key', async () => {
    const input = snapshotInput(0.5, 0.12, { idempotencyKey: 'collector-batch-7' });
    const first = ok(await api.gql(RECORD, { input }, ws)).recordMonitorSnapshot;
    const retry = ok(await api.gql(RECORD, { input }, ws)).recordMonitorSnapshot;
    expect(retry.id).toBe(first.id);
    expect(retry.evaluationResults).toHaveLength(1);
    const { model } = ok(await api.gql(`query($id: ID!) { model(id: $id) { monitorSnapshots { id } evaluationResults(kind: MONITOR) { id } } }`, { id: modelId }, ws));
    expect(model.monitorSnapshots).toHaveLength(5);
    expect(model.evaluationResults).toHaveLength(5);
  });
});

describe('metric batches', () => {
  it('are written once per idempotency key', async () => {
    const { createRun } = ok(await api.gql(`mutation($input: CreateRunInput!) { createRun(input: $input) { id } }`, { input: { modelId, type: 'TRAIN' } }, ws));
    const log = `mutation($input: LogRunMetricsInput!) { logRunMetrics(input: $input) { id metrics { key value } } }`;
    const points = Array.from({ length: 20 }, (_, step) => ({ key: 'loss', step, value: 1 / (step + 1) }));
    ok(await api.gql(log, { input: { runId: createRun.id, points, idempotencyKey: 'trainer-flush-1' } }, ws));
    ok(await api.gql(log, { input: { runId: createRun.id, points, idempotencyKey: 'trainer-flush-1' } }, ws));
    const { run } = ok(await api.gql(`query($id: ID!) { run(id: $id) { metricHistory(key: "loss") { step } } }`, { id: createRun.id }, ws));
    expect(run.metricHistory).toHaveLength(20);
    const other = ok(await api.gql(`mutation($input: CreateRunInput!) { createRun(input: $input) { id } }`, { input: { modelId, type: 'EVAL' } }, ws)).createRun;
    const misuse = await api.gql(log, { input: { runId: other.id, points, idempotencyKey: 'trainer-flush-1' } }, ws);
    expect(codeOf(misuse)).toBe('CONFLICT');
  });
});
