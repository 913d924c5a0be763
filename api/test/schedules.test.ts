import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../src/platform/events/bus.js';
import { JobQueue } from '../src/platform/jobs/queue.js';
import { createLogger } from '../src/platform/logger.js';
import { runDueSchedules } from '../src/modules/schedules/schedule.service.js';
import { ModelStatus } from '../src/modules/models/model.enums.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { approvedRecipeWithModel } from './evaluation-fixtures.js';
import { codeOf, ok, startTestApi, type TestApi } from './harness.js';

const SCHEDULES = `query($m: ID!) { model(id: $m) { schedules { id kind cron timezone paused nextRunAt lastRunAt lastRun { id type trigger status } } } }`;
const RETRAININGS = `query($m: ID!) { model(id: $m) { retrainingEvents { trigger outcome detail run { id type status } } } }`;

describe('schedules and retraining events', () => {
  let api: TestApi;
  let queue: JobQueue;
  let ws: string;
  const log = createLogger('silent');
  const bus = createEventBus({ log });
  /** One scheduler tick at `now` (what the worker's pg-boss cron job runs every minute). */
  // Scoped to this file's workspace: other test files share the database and its job queue, and a
  // tick in 2030 would otherwise queue full-size runs of their models for their workers.
  let workspaceId: string;
  const tick = (now: Date) => runDueSchedules(api.orm.em.fork(), queue, bus, now, { workspaceIds: [workspaceId] });

  beforeAll(async () => {
    api = await startTestApi({ queue: true });
    queue = await JobQueue.start({ url: inject('databaseUrl'), log });
    ws = await api.newWorkspace('sched');
    workspaceId = ok(await api.gql('{ workspace { id } }', {}, ws)).workspace.id;
  });
  afterAll(async () => {
    await queue?.stop();
    await bus.close();
    await api?.close();
  });

  it('gives a production forecasting model daily and weekly backtests and its manifest’s retrain, queues them when due, once, and lets a user pause one', async () => {
    const { modelId } = await approvedRecipeWithModel(api.orm, ws, RecipeFamily.FORECASTING, ModelStatus.PRODUCTION);
    const staging = await approvedRecipeWithModel(api.orm, ws, RecipeFamily.PRICING, ModelStatus.STAGING);
    const draft = await approvedRecipeWithModel(api.orm, ws, RecipeFamily.PRICING, ModelStatus.DRAFT);
    const now = new Date('2030-01-07T03:00:00Z'); // a Monday
    expect(await tick(now)).toEqual([]); // creates the schedules; nothing is due yet

    const schedules = ok(await api.gql(SCHEDULES, { m: modelId }, ws)).model.schedules;
    expect(schedules.map((s: any) => [s.kind, s.cron, s.paused, s.nextRunAt])).toEqual([
      ['DAILY_BACKTEST', '0 5 * * *', false, '2030-01-07T05:00:00.000Z'],
      ['WEEKLY_BACKTEST', '0 6 * * 1', false, '2030-01-07T06:00:00.000Z'],
      ['RETRAIN', '0 4 * * *', false, '2030-01-07T04:00:00.000Z'], // the seeded manifest's deployment.schedule
    ]);
    // A STAGING model retrains per its manifest; a DRAFT one has no schedule.
    expect(ok(await api.gql(SCHEDULES, { m: staging.modelId }, ws)).model.schedules.map((s: any) => s.kind)).toEqual(['RETRAIN']);
    expect(ok(await api.gql(SCHEDULES, { m: draft.modelId }, ws)).model.schedules).toEqual([]);

    const weekly = schedules.find((s: any) => s.kind === 'WEEKLY_BACKTEST');
    expect(ok(await api.gql(`mutation($id: ID!) { pauseSchedule(id: $id) { paused } }`, { id: weekly.id }, ws)).pauseSchedule.paused).toBe(true);
    expect(codeOf(await api.gql(`mutation($id: ID!) { pauseSchedule(id: $id) { paused } }`, { id: weekly.id }, ws))).toBe('CONFLICT');

    const later = new Date('2030-01-07T07:00:00Z');
    const queued = await tick(later);
    const ours = queued.filter((r) => r.model.id === modelId);
    expect(ours.map((r) => r.type).sort()).toEqual(['BACKTEST', 'TRAIN']); // daily backtest and retrain; the weekly one is paused
    expect(ours.every((r) => r.trigger === 'SCHEDULED' && r.status === 'QUEUED')).toBe(true);
    expect((await tick(later)).filter((r) => r.model.id === modelId)).toEqual([]); // a slot is queued once

    const after = ok(await api.gql(SCHEDULES, { m: modelId }, ws)).model.schedules;
    const daily = after.find((s: any) => s.kind === 'DAILY_BACKTEST');
    expect(daily.nextRunAt).toBe('2030-01-08T05:00:00.000Z');
    expect(daily.lastRun).toMatchObject({ type: 'BACKTEST', trigger: 'SCHEDULED', status: 'QUEUED' });
    expect(after.find((s: any) => s.kind === 'WEEKLY_BACKTEST').lastRun).toBeNull();

    // The retrain is on the model's retraining log, pending until its run ends.
    const events = ok(await api.gql(RETRAININGS, { m: modelId }, ws)).model.retrainingEvents;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ trigger: 'SCHEDULED', outcome: 'PENDING', run: { type: 'TRAIN', status: 'QUEUED' } });
    ok(await api.gql(`mutation($id: ID!) { cancelRun(runId: $id) { status } }`, { id: events[0].run.id }, ws));
    const settled = ok(await api.gql(RETRAININGS, { m: modelId }, ws)).model.retrainingEvents;
    expect(settled[0]).toMatchObject({ outcome: 'RUN_CANCELLED', run: { status: 'CANCELLED' } });

    // Run now queues without moving the slot; resuming moves a paused schedule to its next slot from now.
    const now2 = ok(await api.gql(`mutation($id: ID!) { runScheduleNow(id: $id) { type trigger status } }`, { id: weekly.id }, ws)).runScheduleNow;
    expect(now2).toEqual({ type: 'BACKTEST', trigger: 'SCHEDULED', status: 'QUEUED' });
    const ranNow = ok(await api.gql(SCHEDULES, { m: modelId }, ws)).model.schedules.find((s: any) => s.kind === 'WEEKLY_BACKTEST');
    expect(ranNow.lastRun).toMatchObject({ type: 'BACKTEST', trigger: 'SCHEDULED' });
    expect(ranNow.nextRunAt).toBe(weekly.nextRunAt);
    const resumed = ok(await api.gql(`mutation($id: ID!) { resumeSchedule(id: $id) { paused nextRunAt } }`, { id: weekly.id }, ws)).resumeSchedule;
    expect(resumed.paused).toBe(false);
    expect(new Date(resumed.nextRunAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('drops the schedules of a model that leaves production', async () => {
    const { modelId } = await approvedRecipeWithModel(api.orm, ws, RecipeFamily.FORECASTING, ModelStatus.PRODUCTION);
    await tick(new Date());
    expect(ok(await api.gql(SCHEDULES, { m: modelId }, ws)).model.schedules).toHaveLength(3);
    const { model } = ok(await api.gql(`query($m: ID!) { model(id: $m) { version } }`, { m: modelId }, ws));
    ok(await api.gql(`mutation($input: TransitionModelInput!) { transitionModel(input: $input) { status } }`, { input: { id: modelId, status: 'RETIRED', expectedVersion: model.version } }, ws));
    await tick(new Date());
    expect(ok(await api.gql(SCHEDULES, { m: modelId }, ws)).model.schedules).toEqual([]);
  });
});
