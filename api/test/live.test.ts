import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvent } from '../src/platform/events/outbox.js';
import { Workspace } from '../src/modules/workspaces/workspace.entity.js';
import { modelWithEvaluatedRuns } from './fixtures.js';
import { ok, startTestApi, type TestApi } from './harness.js';
import { sleep, subscribe } from './live-client.js';

const RUN_UPDATED = `subscription($filter: RunUpdatedFilter, $since: ID) {
  runUpdated(filter: $filter, since: $since) { eventId occurredAt run { id status progress metrics { key value } } }
}`;
const CREATE_RUN = `mutation($input: CreateRunInput!) { createRun(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdateRunStatusInput!) { updateRunStatus(input: $input) { id status } }`;

let api: TestApi;
let ws: string;
let modelId: string;
beforeAll(async () => {
  api = await startTestApi({ corsOrigins: ['http://localhost:3000'], connectionInitWaitTimeoutMs: 500 });
  ws = await api.newWorkspace('live');
  modelId = await modelWithEvaluatedRuns(api.orm, ws, 1, 1);
});
afterAll(() => api?.close());

async function newRun(workspace = ws, model = modelId): Promise<string> {
  return ok(await api.gql(CREATE_RUN, { input: { modelId: model, type: 'TRAIN' } }, workspace)).createRun.id;
}

describe('live subscriptions', () => {
  it('push run status changes as they commit, each with its event id', async () => {
    const sub = await subscribe(api.wsUrl, RUN_UPDATED, { filter: { modelId } }, ws);
    const runId = await newRun();
    ok(await api.gql(UPDATE, { input: { runId, status: 'RUNNING', progress: 0.25 } }, ws));
    ok(await api.gql(UPDATE, { input: { runId, status: 'SUCCEEDED', metrics: [{ key: 'MAPE', value: 0.12 }] } }, ws));
    const events = (await sub.waitFor(3)).map((d) => d.runUpdated);
    await sub.close();
    expect(events.map((e) => e.run.id)).toEqual([runId, runId, runId]);
    expect(events.at(-1).run.status).toBe('SUCCEEDED');
    const ids = events.map((e) => BigInt(e.eventId));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    expect(events.at(-1).run.metrics).toEqual([{ key: 'MAPE', value: 0.12 }]);
  });

  it('apply filters on the server', async () => {
    const sub = await subscribe(api.wsUrl, RUN_UPDATED, { filter: { modelId, statuses: ['FAILED'] } }, ws);
    const ok1 = await newRun();
    ok(await api.gql(UPDATE, { input: { runId: ok1, status: 'RUNNING' } }, ws));
    const bad = await newRun();
    ok(await api.gql(UPDATE, { input: { runId: bad, status: 'FAILED', error: 'OOM' } }, ws));
    const [first] = await sub.waitFor(1);
    await sleep(300);
    await sub.close();
    expect(sub.received).toHaveLength(1);
    expect(first!.runUpdated.run).toMatchObject({ id: bad, status: 'FAILED' });
  });

  it('resume with since: exactly the missed events, then live ones', async () => {
    const first = await subscribe(api.wsUrl, RUN_UPDATED, { filter: { modelId } }, ws);
    const runId = await newRun();
    const [seen] = await first.waitFor(1);
    await first.close();
    const lastSeen = seen!.runUpdated.eventId;

    const missed = [await newRun(), await newRun(), await newRun()];
    const resumed = await subscribe(api.wsUrl, RUN_UPDATED, { filter: { modelId }, since: lastSeen }, ws);
    const replayed = await resumed.waitFor(3);
    expect(replayed.map((d) => d.runUpdated.run.id)).toEqual(missed);
    ok(await api.gql(UPDATE, { input: { runId, status: 'RUNNING' } }, ws));
    const all = await resumed.waitFor(4);
    await sleep(200);
    await resumed.close();
    expect(all).toHaveLength(4);
    expect(all[3]!.runUpdated.run).toMatchObject({ id: runId, status: 'RUNNING' });
  });

  it('publish nothing for a rolled-back write', async () => {
    const sub = await subscribe(api.wsUrl, RUN_UPDATED, { filter: { modelId } }, ws);
    const workspace = await api.orm.em.fork().findOneOrFail(Workspace, { slug: ws });
    const ghost = '00000000-0000-4000-8000-00000000dead';
    await expect(
      api.orm.em.fork().transactional(async (em) => {
        await emitEvent(em, workspace.id, 'RUN_UPDATED', { modelId, subjectId: ghost }, { runId: ghost, status: 'RUNNING', run: { id: ghost } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const real = await newRun();
    const [event] = await sub.waitFor(1);
    await sleep(200);
    await sub.close();
    expect(sub.received).toHaveLength(1);
    expect(event!.runUpdated.run.id).toBe(real);
    const replay = await subscribe(api.wsUrl, RUN_UPDATED, { filter: { modelId }, since: '0' }, ws);
    await sleep(300);
    await replay.close();
    expect(replay.received.every((d) => d.runUpdated.run.id !== ghost)).toBe(true);
  });

  it('never deliver another workspace’s events', async () => {
    const other = await api.newWorkspace('live-other');
    const otherModel = await modelWithEvaluatedRuns(api.orm, other, 1, 1);
    const sub = await subscribe(api.wsUrl, RUN_UPDATED, {}, ws);
    await newRun(other, otherModel);
    const mine = await newRun();
    const [event] = await sub.waitFor(1);
    await sleep(200);
    await sub.close();
    expect(sub.received).toHaveLength(1);
    expect(event!.runUpdated.run.id).toBe(mine);
  });

  it('stream log lines of a run and snapshots of a model', async () => {
    const runId = await newRun();
    const logs = await subscribe(api.wsUrl, `subscription($runId: ID!) { runLogAppended(runId: $runId) { eventId runId lines { seq level message } } }`, { runId }, ws);
    const snaps = await subscribe(api.wsUrl, `subscription($modelId: ID!) { monitorSnapshotRecorded(modelId: $modelId) { eventId snapshot { id driftShare evaluationResults { status } } } }`, { modelId }, ws);
    ok(await api.gql(`mutation($input: AppendRunLogsInput!) { appendRunLogs(input: $input) { seq } }`, { input: { runId, lines: [{ message: 'loading data' }, { level: 'WARN', message: 'slow shard' }] } }, ws));
    ok(await api.gql(`mutation($input: RecordMonitorSnapshotInput!) { recordMonitorSnapshot(input: $input) { id } }`, {
      input: { modelId, performance: [{ key: 'MAPE', value: 0.5 }], drift: [{ feature: 'price', method: 'PSI', score: 0.4, threshold: 0.25, drifted: true }], freshness: { lastDataAt: new Date().toISOString(), limitHours: 24 } },
    }, ws));
    const [log] = await logs.waitFor(1);
    const [snap] = await snaps.waitFor(1);
    await logs.close();
    await snaps.close();
    expect(log!.runLogAppended.lines).toEqual([{ seq: 1, level: 'INFO', message: 'loading data' }, { seq: 2, level: 'WARN', message: 'slow shard' }]);
    expect(snap!.monitorSnapshotRecorded.snapshot).toMatchObject({ driftShare: 1, evaluationResults: [{ status: 'FAIL' }] });
  });

  it('refuse a bad since value and unknown origins, and close connections that never initialise', async () => {
    const sub = await subscribe(api.wsUrl, RUN_UPDATED, { since: 'yesterday' }, ws);
    const error = await sub.waitForError();
    await sub.close();
    expect(JSON.stringify(error)).toContain('since must be the id of a received event');
    expect(JSON.stringify(error)).toContain('BAD_USER_INPUT');

    const WebSocket = (await import('ws')).default;
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(api.wsUrl, 'graphql-transport-ws', { headers: { origin: 'https://evil.example' } });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);

    const idle = await new Promise<number>((resolve) => {
      const socket = new WebSocket(api.wsUrl, 'graphql-transport-ws', { headers: { origin: 'http://localhost:3000' } });
      socket.on('close', (code) => resolve(code));
    });
    expect(idle).toBe(4408);
  });
});
