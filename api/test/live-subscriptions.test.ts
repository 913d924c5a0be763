import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { TransactionEventArgs } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStatus } from '../src/modules/models/model.enums.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { Workspace } from '../src/modules/workspaces/workspace.entity.js';
import { emitEvent } from '../src/platform/events/outbox.js';
import { approvedRecipeVersion, FORECASTING_RULES, registerModel } from './arena-fixtures.js';
import { approvedRecipeWithModel, attachedPack, finishedRun } from './evaluation-fixtures.js';
import { ok, startTestApi, type TestApi } from './harness.js';
import { sleep, subscribe, type Subscriber } from './live-client.js';

/**
 * Every subscription through a real graphql-ws client: delivery, the server-side filters (what a
 * subscriber must NOT get), `since` replays, and the guarantees of the outbox (ids in commit order,
 * rolled-back savepoints publish nothing, fresh reads per event).
 */

const ALERT_RAISED = `subscription($f: AlertEventFilter, $since: ID) { alertRaised(filter: $f, since: $since) { eventId occurredAt alert { id type severity status count model { id } } } }`;
const ALERT_UPDATED = `subscription($f: AlertEventFilter, $since: ID) { alertUpdated(filter: $f, since: $since) { eventId alert { id type severity status count } } }`;
const MODEL_UPDATED = `subscription($m: ID!, $since: ID) { modelUpdated(modelId: $m, since: $since) { eventId occurredAt change model { id status version arenaEntry { role trafficWeight } } } }`;
const EVALUATION_COMPLETED = `subscription($m: ID!, $since: ID) { evaluationCompleted(modelId: $m, since: $since) { eventId results { kind status summary model { id } run { id status } snapshot { id } } } }`;
const RUN_UPDATED = `subscription($f: RunUpdatedFilter, $since: ID) { runUpdated(filter: $f, since: $since) { eventId run { id status model { id status } } } }`;
const RUN_LOG = `subscription($r: ID!, $since: ID) { runLogAppended(runId: $r, since: $since) { eventId runId lines { seq level message } } }`;
const SNAPSHOTS = `subscription($m: ID!) { monitorSnapshotRecorded(modelId: $m) { eventId snapshot { id model { id } } } }`;

const ACK = `mutation($id: ID!) { acknowledgeAlert(id: $id) { id status } }`;
const RESOLVE = `mutation($id: ID!) { resolveAlert(id: $id, note: "fixed") { id status } }`;
const RECORD = `mutation($input: RecordMonitorSnapshotInput!) { recordMonitorSnapshot(input: $input) { id } }`;
const TRANSITION = `mutation($input: TransitionModelInput!) { transitionModel(input: $input) { id status version } }`;
const CREATE_RUN = `mutation($input: CreateRunInput!) { createRun(input: $input) { id } }`;
const APPEND_LOGS = `mutation($input: AppendRunLogsInput!) { appendRunLogs(input: $input) { seq } }`;

/** Forecasting metrics that pass the seeded forecasting pack. */
const GOOD_METRICS = [{ key: 'MAPE', value: 0.1 }, { key: 'MAE', value: 8 }, { key: 'forecast_bias', value: 0.01 }, { key: 'coverage_80', value: 0.85 }];

let api: TestApi;
let ws: string;
const open: Subscriber[] = [];
beforeAll(async () => {
  api = await startTestApi();
  ws = await api.newWorkspace('live-subs');
});
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  await api?.close();
});

async function sub(query: string, variables: Record<string, unknown>, workspace = ws): Promise<Subscriber> {
  const s = await subscribe(api.wsUrl, query, variables, workspace);
  open.push(s);
  return s;
}

/** A forecasting model (seeded manifest: data is stale after 30 h, DATA_STALE is CRITICAL) in `status`. */
const forecastModel = (status: ModelStatus, workspace = ws) => approvedRecipeWithModel(api.orm, workspace, RecipeFamily.FORECASTING, status);

/** Records a snapshot whose newest data is `lagHours` old (DATA_STALE beyond 30 h). */
async function snapshot(modelId: string, lagHours = 1, workspace = ws) {
  const input = { modelId, performance: GOOD_METRICS, freshness: { lastDataAt: new Date(Date.now() - lagHours * 3_600_000).toISOString(), limitHours: 48 } };
  return ok(await api.gql(RECORD, { input }, workspace)).recordMonitorSnapshot.id as string;
}

const gql = async (query: string, variables: Record<string, unknown>, workspace = ws) => ok(await api.gql(query, variables, workspace));
const ids = (events: Record<string, any>[], field: string) => events.map((e) => e[field].eventId as string);
const ascending = (xs: string[]) => xs.every((x, i) => i === 0 || BigInt(xs[i - 1]!) < BigInt(x));

describe('alertRaised', () => {
  it('delivers new alerts only, filtered on the server by minSeverity, types and modelId (all conditions must hold)', async () => {
    const prod = await forecastModel(ModelStatus.PRODUCTION);
    const staging = await forecastModel(ModelStatus.STAGING);
    const filters = {
      all: { modelId: undefined as string | undefined },
      critical: { minSeverity: 'CRITICAL' },
      warning: { minSeverity: 'WARNING' },
      stale: { types: ['DATA_STALE'] },
      failures: { types: ['RUN_FAILED', 'PERFORMANCE_DEGRADED'] },
      prodOnly: { modelId: prod.modelId },
      stagingFailures: { modelId: staging.modelId, types: ['RUN_FAILED'], minSeverity: 'WARNING' },
      stagingCritical: { modelId: staging.modelId, minSeverity: 'CRITICAL', types: ['RUN_FAILED'] },
    };
    // Every filter constrains to the two models of this test (other tests raise alerts in the workspace too).
    const subs = Object.fromEntries(await Promise.all(Object.entries(filters).map(async ([name, f]) => [name, await sub(ALERT_RAISED, { f })] as const)));
    await finishedRun(api, ws, staging.modelId, 'FAILED'); // 1. RUN_FAILED WARNING (staging)
    await finishedRun(api, ws, prod.modelId, 'FAILED'); // 2. RUN_FAILED CRITICAL (production)
    await snapshot(staging.modelId, 31); // 3. DATA_STALE CRITICAL (staging; the manifest's severity)
    await finishedRun(api, ws, prod.modelId, 'FAILED'); // the same condition again: alertUpdated, not alertRaised

    const mine = (s: Subscriber) => s.received.map((d) => d.alertRaised.alert).filter((a) => [prod.modelId, staging.modelId].includes(a.model.id));
    await subs.all!.waitFor(3);
    await sleep(400);
    const seen = (name: string) => mine(subs[name]!).map((a) => `${a.type}/${a.severity}/${a.model.id === prod.modelId ? 'prod' : 'staging'}`);
    expect(seen('all')).toEqual(['RUN_FAILED/WARNING/staging', 'RUN_FAILED/CRITICAL/prod', 'DATA_STALE/CRITICAL/staging']);
    expect(seen('critical')).toEqual(['RUN_FAILED/CRITICAL/prod', 'DATA_STALE/CRITICAL/staging']);
    expect(seen('warning')).toEqual(['RUN_FAILED/WARNING/staging', 'RUN_FAILED/CRITICAL/prod', 'DATA_STALE/CRITICAL/staging']);
    expect(seen('stale')).toEqual(['DATA_STALE/CRITICAL/staging']);
    expect(seen('failures')).toEqual(['RUN_FAILED/WARNING/staging', 'RUN_FAILED/CRITICAL/prod']);
    expect(subs.prodOnly!.received.map((d) => d.alertRaised.alert.model.id)).toEqual([prod.modelId]);
    expect(seen('stagingFailures')).toEqual(['RUN_FAILED/WARNING/staging']);
    expect(subs.stagingCritical!.received).toEqual([]);
    // Each payload carries its event id and the alert as committed (a new alert: OPEN, count 1).
    expect(mine(subs.all!).every((a) => a.status === 'OPEN' && a.count === 1)).toBe(true);
    expect(ascending(ids(subs.all!.received, 'alertRaised'))).toBe(true);
    for (const s of Object.values(subs)) expect(s.errors).toEqual([]);
  });

  it('replays the matching alerts after `since`, in order, then continues live without duplicates', async () => {
    const prod = await forecastModel(ModelStatus.PRODUCTION);
    const staging = await forecastModel(ModelStatus.STAGING);
    const first = await sub(ALERT_RAISED, { f: { modelId: prod.modelId } });
    await finishedRun(api, ws, prod.modelId, 'FAILED', { type: 'TRAIN' });
    const [seen] = await first.waitFor(1);
    await first.close();
    const since = seen!.alertRaised.eventId;

    // Missed while disconnected: two CRITICAL alerts of the production model, one WARNING of the other.
    await finishedRun(api, ws, prod.modelId, 'FAILED', { type: 'EVAL' });
    await finishedRun(api, ws, staging.modelId, 'FAILED');
    await finishedRun(api, ws, prod.modelId, 'FAILED', { type: 'BACKTEST' });

    const resumed = await sub(ALERT_RAISED, { f: { minSeverity: 'CRITICAL', modelId: prod.modelId }, since });
    const replayed = await resumed.waitFor(2);
    expect(replayed.map((d) => d.alertRaised.alert.type)).toEqual(['RUN_FAILED', 'RUN_FAILED']);
    await snapshot(prod.modelId, 40); // live: DATA_STALE CRITICAL
    const all = await resumed.waitFor(3);
    await sleep(300);
    expect(resumed.received).toHaveLength(3);
    expect(all[2]!.alertRaised.alert.type).toBe('DATA_STALE');
    const eventIds = ids(resumed.received, 'alertRaised');
    expect(ascending([since, ...eventIds])).toBe(true);
    expect(new Set(resumed.received.map((d) => d.alertRaised.alert.id)).size).toBe(3);
  });

  it('shares one execution between identical subscribers, but never across different payload variables', async () => {
    const prod = await forecastModel(ModelStatus.PRODUCTION);
    const query = `subscription($f: AlertEventFilter, $withCount: Boolean!) { alertRaised(filter: $f) { eventId alert { id count @include(if: $withCount) } } }`;
    const [a, b, c] = await Promise.all([
      sub(query, { f: { modelId: prod.modelId }, withCount: true }),
      sub(query, { f: { modelId: prod.modelId, minSeverity: 'INFO' }, withCount: true }),
      sub(query, { f: { modelId: prod.modelId }, withCount: false }),
    ]);
    await finishedRun(api, ws, prod.modelId, 'FAILED');
    const [[x], [y], [z]] = await Promise.all([a.waitFor(1), b.waitFor(1), c.waitFor(1)]);
    expect(x!.alertRaised.alert).toEqual({ id: expect.any(String), count: 1 });
    expect(y).toEqual(x);
    expect(z!.alertRaised).toEqual({ eventId: x!.alertRaised.eventId, alert: { id: x!.alertRaised.alert.id } });
  });
});

describe('alertUpdated', () => {
  it('delivers count growth, acknowledgement and resolution, filtered by modelId and minSeverity; alertRaised subscribers get none of them', async () => {
    const prod = await forecastModel(ModelStatus.PRODUCTION);
    const staging = await forecastModel(ModelStatus.STAGING);
    const raised = await sub(ALERT_RAISED, { f: { modelId: staging.modelId } });
    await finishedRun(api, ws, staging.modelId, 'FAILED');
    await finishedRun(api, ws, prod.modelId, 'FAILED');
    const [{ alertRaised: { alert } }] = (await raised.waitFor(1)) as any[];

    const updStaging = await sub(ALERT_UPDATED, { f: { modelId: staging.modelId } });
    const updCritical = await sub(ALERT_UPDATED, { f: { minSeverity: 'CRITICAL', modelId: prod.modelId } });
    const updStale = await sub(ALERT_UPDATED, { f: { types: ['DATA_STALE'], modelId: staging.modelId } });
    await finishedRun(api, ws, staging.modelId, 'FAILED'); // count 2
    await finishedRun(api, ws, prod.modelId, 'FAILED'); // production's alert: count 2 (CRITICAL)
    ok(await api.gql(ACK, { id: alert.id }, ws, 'ana'));
    ok(await api.gql(RESOLVE, { id: alert.id }, ws, 'bo'));

    const staged = (await updStaging.waitFor(3)).map((d) => d.alertUpdated.alert);
    expect(staged).toEqual([
      { id: alert.id, type: 'RUN_FAILED', severity: 'WARNING', status: 'OPEN', count: 2 },
      { id: alert.id, type: 'RUN_FAILED', severity: 'WARNING', status: 'ACKNOWLEDGED', count: 2 },
      { id: alert.id, type: 'RUN_FAILED', severity: 'WARNING', status: 'RESOLVED', count: 2 },
    ]);
    const [critical] = await updCritical.waitFor(1);
    await sleep(400);
    expect(critical!.alertUpdated.alert).toMatchObject({ severity: 'CRITICAL', status: 'OPEN', count: 2 });
    expect(updCritical.received).toHaveLength(1);
    expect(updStaging.received).toHaveLength(3);
    expect(updStale.received).toEqual([]);
    expect(raised.received).toHaveLength(1);
    expect(ascending(ids(updStaging.received, 'alertUpdated'))).toBe(true);
  });

  it('replays missed updates with since', async () => {
    const staging = await forecastModel(ModelStatus.STAGING);
    await finishedRun(api, ws, staging.modelId, 'FAILED');
    const watch = await sub(ALERT_UPDATED, { f: { modelId: staging.modelId } });
    await finishedRun(api, ws, staging.modelId, 'FAILED');
    const [first] = await watch.waitFor(1);
    await watch.close();
    const alertId = first!.alertUpdated.alert.id;
    ok(await api.gql(ACK, { id: alertId }, ws));
    ok(await api.gql(RESOLVE, { id: alertId }, ws));
    const resumed = await sub(ALERT_UPDATED, { f: { modelId: staging.modelId }, since: first!.alertUpdated.eventId });
    expect((await resumed.waitFor(2)).map((d) => d.alertUpdated.alert.status)).toEqual(['ACKNOWLEDGED', 'RESOLVED']);
  });
});

describe('modelUpdated', () => {
  it('delivers status transitions and arena role changes of one model only, each read fresh', async () => {
    const versionId = await approvedRecipeVersion(api, ws, RecipeFamily.FORECASTING, FORECASTING_RULES);
    const champion = await registerModel(api, ws, versionId, 'Champion');
    const challenger = await registerModel(api, ws, versionId, 'Challenger');
    const other = await registerModel(api, ws, versionId, 'Bystander');
    const watchChallenger = await sub(MODEL_UPDATED, { m: challenger.id });
    const watchChampion = await sub(MODEL_UPDATED, { m: champion.id });

    let version = challenger.version;
    for (const status of ['STAGING', 'PRODUCTION']) version = (await gql(TRANSITION, { input: { id: challenger.id, status, expectedVersion: version } })).transitionModel.version;
    await gql(TRANSITION, { input: { id: other.id, status: 'STAGING', expectedVersion: other.version } });
    const arena = (await gql(`mutation($input: CreateArenaInput!) { createArena(input: $input) { id } }`, { input: { name: `Live ${randomUUID().slice(0, 6)}`, championModelId: champion.id } })).createArena;
    await gql(`mutation($input: AddArenaEntryInput!) { addArenaEntry(input: $input) { id } }`, { input: { arenaId: arena.id, modelId: challenger.id, role: 'CHALLENGER' } });
    await watchChallenger.waitFor(3); // nested fields are read when the event is delivered: before the promotion
    await gql(`mutation($input: PromoteInput!) { promote(input: $input) { champion { id } } }`, { input: { arenaId: arena.id, challengerId: challenger.id, override: true, reason: 'live test' } });

    const events = (await watchChallenger.waitFor(4)).map((d) => d.modelUpdated);
    expect(events.map((e) => [e.change, e.model.status, e.model.arenaEntry?.role ?? null])).toEqual([
      ['status', 'STAGING', null],
      ['status', 'PRODUCTION', null],
      ['arena.role', 'PRODUCTION', 'CHALLENGER'],
      ['arena.role', 'PRODUCTION', 'CHAMPION'], // promoted: already PRODUCTION, so the role change is the news
    ]);
    expect(events.at(-1)!.model.arenaEntry).toEqual({ role: 'CHAMPION', trafficWeight: 1 });
    expect(events.every((e) => e.model.id === challenger.id)).toBe(true);
    expect(ascending(ids(watchChallenger.received, 'modelUpdated'))).toBe(true);

    const championEvents = (await watchChampion.waitFor(2)).map((d) => d.modelUpdated);
    expect(championEvents.map((e) => [e.change, e.model.status, e.model.arenaEntry?.role ?? null])).toEqual([
      ['arena.role', 'DRAFT', 'CHAMPION'],
      ['status', 'RETIRED', null],
    ]);
    await sleep(300);
    expect(watchChallenger.received).toHaveLength(4);
    expect(watchChampion.received).toHaveLength(2);

    // Resume: the changes after the first one, again.
    const resumed = await sub(MODEL_UPDATED, { m: challenger.id, since: watchChallenger.received[0]!.modelUpdated.eventId });
    expect((await resumed.waitFor(3)).map((d) => d.modelUpdated.change)).toEqual(['status', 'arena.role', 'arena.role']);
  });
});

describe('evaluationCompleted', () => {
  it('delivers the results of a SUCCEEDED run (and of a snapshot) of one model only', async () => {
    const mine = await forecastModel(ModelStatus.PRODUCTION);
    const theirs = await forecastModel(ModelStatus.PRODUCTION);
    await attachedPack(api, ws, mine.recipeId);
    await attachedPack(api, ws, theirs.recipeId);
    const watch = await sub(EVALUATION_COMPLETED, { m: mine.modelId });
    await finishedRun(api, ws, theirs.modelId, 'SUCCEEDED', { metrics: GOOD_METRICS });
    await finishedRun(api, ws, mine.modelId, 'FAILED'); // a failed run is not evaluated
    const runId = await finishedRun(api, ws, mine.modelId, 'SUCCEEDED', { metrics: GOOD_METRICS });
    const snapshotId = await snapshot(mine.modelId);
    const [run, snap] = (await watch.waitFor(2)).map((d) => d.evaluationCompleted);
    expect(run.results).toEqual([{ kind: 'RUN', status: 'PASS', summary: expect.stringMatching(/^Evaluation PASS/), model: { id: mine.modelId }, run: { id: runId, status: 'SUCCEEDED' }, snapshot: null }]);
    expect(snap.results).toEqual([{ kind: 'MONITOR', status: 'PASS', summary: expect.any(String), model: { id: mine.modelId }, run: null, snapshot: { id: snapshotId } }]);
    await sleep(300);
    expect(watch.received).toHaveLength(2);
    expect(ascending(ids(watch.received, 'evaluationCompleted'))).toBe(true);
  });
});

describe('runUpdated, runLogAppended and monitorSnapshotRecorded filters', () => {
  it('runUpdated by runId and statuses; nested fields are read fresh for every event', async () => {
    const { modelId } = await forecastModel(ModelStatus.STAGING);
    const runId = ok(await api.gql(CREATE_RUN, { input: { modelId, type: 'TRAIN' } }, ws)).createRun.id;
    const byRun = await sub(RUN_UPDATED, { f: { runId } });
    const byModel = await sub(RUN_UPDATED, { f: { modelId, statuses: ['RUNNING'] } });
    const other = ok(await api.gql(CREATE_RUN, { input: { modelId, type: 'EVAL' } }, ws)).createRun.id;
    await gql(`mutation($input: UpdateRunStatusInput!) { updateRunStatus(input: $input) { id } }`, { input: { runId: other, status: 'RUNNING' } });
    await gql(`mutation($input: UpdateRunStatusInput!) { updateRunStatus(input: $input) { id } }`, { input: { runId, status: 'RUNNING' } });
    await byRun.waitFor(1);
    // The model changes between two events: the second event must show it (no per-subscription cache).
    const model = ok(await api.gql(`query($id: ID!) { model(id: $id) { version } }`, { id: modelId }, ws)).model;
    await gql(TRANSITION, { input: { id: modelId, status: 'PRODUCTION', expectedVersion: model.version } });
    await gql(`mutation($input: UpdateRunStatusInput!) { updateRunStatus(input: $input) { id } }`, { input: { runId, status: 'FAILED', error: 'x' } });

    const events = (await byRun.waitFor(2)).map((d) => d.runUpdated.run);
    expect(events).toEqual([
      { id: runId, status: 'RUNNING', model: { id: modelId, status: 'STAGING' } },
      { id: runId, status: 'FAILED', model: { id: modelId, status: 'PRODUCTION' } },
    ]);
    const running = (await byModel.waitFor(2)).map((d) => d.runUpdated.run.id);
    await sleep(300);
    expect(running).toEqual([other, runId]);
    expect(byRun.received).toHaveLength(2);
    expect(byModel.received).toHaveLength(2);
  });

  it('runLogAppended only for its run, monitorSnapshotRecorded only for its model', async () => {
    const a = await forecastModel(ModelStatus.STAGING);
    const b = await forecastModel(ModelStatus.STAGING);
    const [runA, runB] = await Promise.all([a, b].map(async (m) => ok(await api.gql(CREATE_RUN, { input: { modelId: m.modelId, type: 'TRAIN' } }, ws)).createRun.id as string));
    const logs = await sub(RUN_LOG, { r: runA });
    const snaps = await sub(SNAPSHOTS, { m: a.modelId });
    await gql(APPEND_LOGS, { input: { runId: runB, lines: [{ message: 'not mine' }] } });
    await gql(APPEND_LOGS, { input: { runId: runA, lines: [{ message: 'mine', level: 'WARN' }] } });
    await snapshot(b.modelId);
    const snapA = await snapshot(a.modelId);
    const [log] = await logs.waitFor(1);
    const [snap] = await snaps.waitFor(1);
    await sleep(300);
    expect(log!.runLogAppended).toMatchObject({ runId: runA, lines: [{ seq: 1, level: 'WARN', message: 'mine' }] });
    expect(snap!.monitorSnapshotRecorded.snapshot).toEqual({ id: snapA, model: { id: a.modelId } });
    expect(logs.received).toHaveLength(1);
    expect(snaps.received).toHaveLength(1);
  });
});

describe('subscription documents', () => {
  it('answers an invalid or unparsable document as the client’s error, with Apollo’s codes', async () => {
    const invalid = await sub(`subscription { modelUpdatd(modelId: "x") { eventId } }`, {});
    await invalid.waitForError();
    expect(JSON.stringify(invalid.errors)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(invalid.errors)).toContain('Cannot query field');
    const unparsable = await sub(`subscription { modelUpdated(`, {});
    await unparsable.waitForError();
    expect(JSON.stringify(unparsable.errors)).toContain('GRAPHQL_PARSE_FAILED');
  });
});

describe('the outbox', () => {
  const lines = (runId: string, message: string) => ({ runId, lines: [{ seq: 1, level: 'INFO', message, loggedAt: new Date().toISOString() }] });
  const workspaceId = async () => (await api.orm.em.fork().findOneOrFail(Workspace, { slug: ws })).id;

  it('numbers events in commit order, so `since` never skips an event that committed later with a smaller id', async () => {
    const runId = randomUUID();
    const wid = await workspaceId();
    const watch = await sub(RUN_LOG, { r: runId });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let emitted!: () => void;
    const firstEmitted = new Promise<void>((resolve) => (emitted = resolve));
    // The slow transaction writes its event first…
    const slow = api.orm.em.fork().transactional(async (em) => {
      await emitEvent(em, wid, 'RUN_LOG_APPENDED', { subjectId: runId }, lines(runId, 'slow'));
      emitted();
      await gate;
    });
    await firstEmitted;
    // …the fast one writes and commits after it, and is delivered first.
    await api.orm.em.fork().transactional((em) => emitEvent(em, wid, 'RUN_LOG_APPENDED', { subjectId: runId }, lines(runId, 'fast')));
    const [fast] = await watch.waitFor(1);
    release();
    await slow;
    const both = (await watch.waitFor(2)).map((d) => d.runLogAppended);
    expect(both.map((e) => e.lines[0].message)).toEqual(['fast', 'slow']);
    expect(ascending(both.map((e) => e.eventId))).toBe(true);
    // A client that saw only the fast event resumes from it and still gets the slow one.
    const resumed = await sub(RUN_LOG, { r: runId, since: fast!.runLogAppended.eventId });
    expect((await resumed.waitFor(1)).map((d) => d.runLogAppended.lines[0].message)).toEqual(['slow']);
  });

  it('serialises the commits of one workspace’s events: a later commit waits for the renumbered one to commit', async () => {
    const runId = randomUUID();
    const wid = await workspaceId();
    // Holds a marked transaction after the outbox renumbered its events (lock held), before COMMIT.
    const held = new WeakSet<object>();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reachedCommit!: () => void;
    const atCommit = new Promise<void>((resolve) => (reachedCommit = resolve));
    api.orm.em.getEventManager().registerSubscriber({
      async beforeTransactionCommit(args: TransactionEventArgs) {
        if (!args.transaction || !held.has(args.transaction as object)) return;
        reachedCommit();
        await gate;
      },
    });
    const first = api.orm.em.fork().transactional(async (em) => {
      held.add(em.getTransactionContext() as object);
      await emitEvent(em, wid, 'RUN_LOG_APPENDED', { subjectId: runId }, lines(runId, 'first'));
    });
    await atCommit;
    let secondDone = false;
    const second = api.orm.em
      .fork()
      .transactional((em) => emitEvent(em, wid, 'RUN_LOG_APPENDED', { subjectId: runId }, lines(runId, 'second')))
      .then(() => (secondDone = true));
    await sleep(400);
    expect(secondDone).toBe(false); // waiting for the first transaction's lock
    release();
    await Promise.all([first, second]);
    const rows = (await api.orm.em.fork().execute(`select payload->'lines'->0->>'message' as message from event_outbox where subject_id = ? order by id`, [runId])) as { message: string }[];
    expect(rows.map((r) => r.message)).toEqual(['first', 'second']);
  });

  it('publishes nothing that a rolled-back savepoint removed, and what the transaction kept', async () => {
    const runId = randomUUID();
    const wid = await workspaceId();
    const watch = await sub(RUN_LOG, { r: runId });
    await api.orm.em.fork().transactional(async (em) => {
      await emitEvent(em, wid, 'RUN_LOG_APPENDED', { subjectId: runId }, lines(runId, 'kept'));
      await em
        .transactional(async (nested) => {
          await emitEvent(nested, wid, 'RUN_LOG_APPENDED', { subjectId: runId }, lines(runId, 'rolled back'));
          throw new Error('undo the savepoint');
        })
        .catch(() => undefined);
    });
    await watch.waitFor(1);
    await sleep(300);
    expect(watch.received.map((d) => d.runLogAppended.lines[0].message)).toEqual(['kept']);
    const replay = await sub(RUN_LOG, { r: runId, since: '0' });
    await replay.waitFor(1);
    await sleep(300);
    expect(replay.received.map((d) => d.runLogAppended.lines[0].message)).toEqual(['kept']);
  });

  it('replays more than one page of stored events, in order, then goes live', async () => {
    const runId = randomUUID();
    const wid = await workspaceId();
    const mark = (await api.orm.em.fork().execute(`select coalesce(max(id), 0)::text as id from event_outbox`))[0].id as string;
    await api.orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < 1_100; i++) await emitEvent(em, wid, 'RUN_LOG_APPENDED', { subjectId: runId }, lines(runId, `line ${i}`));
    });
    const replay = await sub(RUN_LOG, { r: runId, since: mark });
    await replay.waitFor(1_100, 20_000);
    await api.orm.em.fork().transactional((em) => emitEvent(em, wid, 'RUN_LOG_APPENDED', { subjectId: runId }, lines(runId, 'live')));
    const all = await replay.waitFor(1_101);
    expect(all.map((d) => d.runLogAppended.lines[0].message)).toEqual([...Array.from({ length: 1_100 }, (_, i) => `line ${i}`), 'live']);
    expect(ascending(ids(all, 'runLogAppended'))).toBe(true);
  });
});
