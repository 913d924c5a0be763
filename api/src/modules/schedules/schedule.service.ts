import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import cronParser from 'cron-parser';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../platform/context.js';
import { workspaceOf } from '../../platform/context.js';
import { ConflictError, ValidationFailedError } from '../../platform/errors.js';
import { Loaders } from '../../platform/loaders.js';
import { childrenLoader, getOrNotFound } from '../../platform/repository.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueRun } from '../jobs/job.service.js';
import { Model } from '../models/model.entity.js';
import { ModelStatus } from '../models/model.enums.js';
import { RecipeFamily } from '../recipes/recipe.enums.js';
import { RecipeVersion } from '../recipes/recipe-version.entity.js';
import { resolvedManifest } from '../recipes/recipe.service.js';
import { Run } from '../runs/run.entity.js';
import { RunTrigger, RunType } from '../runs/run.enums.js';
import { RetrainingEvent, Schedule } from './schedule.entity.js';
import { ScheduleKind } from './schedule.enums.js';

/** The backtests every PRODUCTION forecasting model gets: yesterday, daily at 05:00 UTC; the full walk-forward, Mondays at 06:00 UTC. */
const BACKTESTS: { kind: ScheduleKind; cron: string; params: { key: string; value: string }[] }[] = [
  // One window of one day: yesterday, forecast from the data before it.
  { kind: ScheduleKind.DAILY_BACKTEST, cron: '0 5 * * *', params: [{ key: 'windows', value: '1' }, { key: 'horizon_days', value: '1' }, { key: 'step_days', value: '1' }] },
  // The manifest's walk-forward validation (windows, horizon, step).
  { kind: ScheduleKind.WEEKLY_BACKTEST, cron: '0 6 * * 1', params: [] },
];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The next time `cron` fires after `after` (in `timezone`); VALIDATION_FAILED for an expression cron-parser refuses. */
export function nextFire(cron: string, timezone: string, after: Date): Date {
  try {
    return cronParser.parseExpression(cron, { currentDate: after, tz: timezone }).next().toDate();
  } catch (err) {
    throw new ValidationFailedError([{ path: 'cron', message: `${JSON.stringify(cron)} is not a cron expression (${(err as Error).message})` }]);
  }
}

/** The retrain schedule a manifest asks for (`deployment.schedule`, `deployment.timezone`), if it is a valid cron expression. */
function retrainSchedule(manifest: Json): { cron: string; timezone: string } | null {
  const deployment = isObject(manifest.deployment) ? manifest.deployment : {};
  if (typeof deployment.schedule !== 'string') return null;
  const timezone = typeof deployment.timezone === 'string' ? deployment.timezone : 'UTC';
  try {
    cronParser.parseExpression(deployment.schedule, { tz: timezone });
    return { cron: deployment.schedule, timezone };
  } catch {
    return null;
  }
}

/** Which workspaces a scheduler pass looks at (all of them by default; the worker's tick uses all). */
export interface ScheduleScope {
  workspaceIds?: string[];
}

/**
 * Makes the schedules match the models: daily and weekly backtests for PRODUCTION forecasting
 * models, a retrain per `deployment.schedule` for STAGING and PRODUCTION models. Schedules of models
 * that no longer qualify are removed; existing ones keep their pause state. Every workspace at once,
 * or only those of `scope`.
 */
export async function reconcileSchedules(em: EntityManager, now: Date, scope: ScheduleScope = {}): Promise<void> {
  const inScope: Json = scope.workspaceIds ? { workspace: { $in: scope.workspaceIds } } : {};
  const models = await em.find(Model, { ...inScope, status: { $in: [ModelStatus.STAGING, ModelStatus.PRODUCTION] } });
  const versions = await em.find(RecipeVersion, { id: { $in: [...new Set(models.map((m) => m.recipeVersion.id))] } });
  const versionById = new Map(versions.map((v) => [v.id, v]));
  const wanted: { model: Model; kind: ScheduleKind; cron: string; timezone: string }[] = [];
  const loadersByWorkspace = new Map<string, Loaders>();
  const loadersOf = (workspaceId: string) => {
    if (!loadersByWorkspace.has(workspaceId)) loadersByWorkspace.set(workspaceId, new Loaders());
    return loadersByWorkspace.get(workspaceId)!;
  };
  // Every manifest is asked for before any is awaited, so each workspace's resolution is batched.
  const manifests = await Promise.all(models.map((model) => {
    const version = versionById.get(model.recipeVersion.id);
    if (!version) return null;
    const ctx = { em, loaders: loadersOf(model.workspace.id), caller: { workspaceSlug: model.workspace.id, workspaceId: model.workspace.id, actor: 'system:scheduler' } } as unknown as Context;
    return resolvedManifest(ctx, version);
  }));
  models.forEach((model, i) => {
    if (model.status === ModelStatus.PRODUCTION && model.family === RecipeFamily.FORECASTING) {
      for (const b of BACKTESTS) wanted.push({ model, kind: b.kind, cron: b.cron, timezone: 'UTC' });
    }
    const manifest = manifests[i];
    const retrain = manifest ? retrainSchedule(manifest as Json) : null;
    if (retrain) wanted.push({ model, kind: ScheduleKind.RETRAIN, ...retrain });
  });
  const existing = await em.find(Schedule, inScope);
  const key = (modelId: string, kind: string) => `${modelId}:${kind}`;
  const wantedKeys = new Set(wanted.map((w) => key(w.model.id, w.kind)));
  const stale = existing.filter((s) => !wantedKeys.has(key(s.model.id, s.kind)));
  if (stale.length) await em.nativeDelete(Schedule, { id: { $in: stale.map((s) => s.id) } });
  const have = new Map(existing.map((s) => [key(s.model.id, s.kind), s]));
  const rows: Json[] = [];
  for (const w of wanted) {
    const current = have.get(key(w.model.id, w.kind));
    if (current && current.cron === w.cron && current.timezone === w.timezone) continue;
    if (current) {
      current.cron = w.cron;
      current.timezone = w.timezone;
      current.nextRunAt = nextFire(w.cron, w.timezone, now);
      continue;
    }
    rows.push({ id: randomUUID(), workspace_id: w.model.workspace.id, model_id: w.model.id, kind: w.kind, cron: w.cron, timezone: w.timezone, next_run_at: nextFire(w.cron, w.timezone, now), created_at: now });
  }
  await em.flush();
  if (rows.length) {
    // Concurrent reconcilers (several workers) may insert the same schedule: the first one wins.
    await em.getKnex().insert(rows).into('schedule').onConflict(['model_id', 'kind']).ignore();
  }
}

/** The run a schedule queues (trigger SCHEDULED, the family's data set). */
async function queueFor(ctx: Context, schedule: Schedule, slot: Date): Promise<Run> {
  const backtest = BACKTESTS.find((b) => b.kind === schedule.kind);
  return queueRun(ctx, {
    modelId: schedule.model.id,
    type: backtest ? RunType.BACKTEST : RunType.TRAIN,
    params: backtest ? backtest.params : [],
    trigger: RunTrigger.SCHEDULED,
    // One run per schedule and slot, whichever worker gets there first.
    idempotencyKey: `schedule:${schedule.id}:${slot.toISOString()}`,
  });
}

/**
 * Queues the runs of every due, unpaused schedule and moves it to its next slot (missed slots are
 * not caught up: one run, then the next future slot). Rows are taken with SKIP LOCKED, so several
 * workers ticking at once never queue a slot twice. Returns the runs queued.
 */
export async function runDueSchedules(em: EntityManager, queue: Context['queue'], bus: Context['bus'], now: Date, scope: ScheduleScope = {}): Promise<Run[]> {
  await reconcileSchedules(em.fork(), now, scope);
  const inScope: Json = scope.workspaceIds ? { workspace: { $in: scope.workspaceIds } } : {};
  const queued: Run[] = [];
  for (;;) {
    const run = await em.fork().transactional(async (tem) => {
      const [schedule] = await tem.find(Schedule, { ...inScope, paused: false, nextRunAt: { $lte: now } }, { orderBy: { nextRunAt: 'ASC' }, limit: 1, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
      if (!schedule) return null;
      const ctx: Context = { em: tem, loaders: new Loaders(), bus, queue, caller: { workspaceSlug: schedule.workspace.id, workspaceId: schedule.workspace.id, actor: 'system:scheduler', authenticated: true } };
      const slot = schedule.nextRunAt;
      const created = await queueFor(ctx, schedule, slot);
      schedule.lastRunAt = now;
      schedule.lastRun = tem.getReference(Run, created.id);
      schedule.nextRunAt = nextFire(schedule.cron, schedule.timezone, now);
      return created;
    });
    if (!run) return queued;
    queued.push(run);
  }
}

export function schedulesOfModel(ctx: Context, modelId: string) {
  return childrenLoader(ctx, Schedule, 'model', { kind: 'ASC' }).load(modelId);
}

export function listSchedules(ctx: Context, filter: { modelId?: string; kind?: ScheduleKind; paused?: boolean }) {
  const where: Json = { workspace: workspaceOf(ctx) };
  if (filter.modelId) where.model = filter.modelId;
  if (filter.kind) where.kind = filter.kind;
  if (filter.paused !== undefined) where.paused = filter.paused;
  return ctx.em.find(Schedule, where, { orderBy: { nextRunAt: 'ASC', id: 'ASC' }, limit: 1000 });
}

/** Newest first; `Model.retrainingEvents` for many models is one statement. */
export async function retrainingEventsOfModel(ctx: Context, modelId: string, first: number) {
  const events = await childrenLoader(ctx, RetrainingEvent, 'model', { occurredAt: 'DESC' }).load(modelId);
  return events.slice(0, first);
}

/** Pauses or resumes a schedule; resuming moves it to its next slot from now (slots missed while paused are skipped). */
export async function setSchedulePaused(ctx: Context, id: string, paused: boolean): Promise<Schedule> {
  const workspaceId = workspaceOf(ctx);
  await getOrNotFound(ctx, Schedule, id, 'Schedule');
  return ctx.em.transactional(async (em) => {
    const schedule = await em.findOneOrFail(Schedule, { id, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (schedule.paused === paused) {
      throw new ConflictError(`Schedule ${id} is already ${paused ? 'paused' : 'active'}`, { current: paused ? 'PAUSED' : 'ACTIVE' });
    }
    schedule.paused = paused;
    if (!paused) schedule.nextRunAt = nextFire(schedule.cron, schedule.timezone, new Date());
    recordAudit(em, ctx, { action: paused ? 'schedule.pause' : 'schedule.resume', subjectType: 'Schedule', subjectId: id, before: { paused: !paused }, after: { paused, nextRunAt: schedule.nextRunAt.toISOString() } });
    return schedule;
  });
}

/** Queues the schedule's run now (trigger SCHEDULED) and records it as its last run; the next slot stays as it is. */
export async function runScheduleNow(ctx: Context, id: string): Promise<Run> {
  const workspaceId = workspaceOf(ctx);
  await getOrNotFound(ctx, Schedule, id, 'Schedule');
  return ctx.em.transactional(async (em) => {
    const schedule = await em.findOneOrFail(Schedule, { id, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const now = new Date();
    const run = await queueFor({ ...ctx, em, loaders: new Loaders() }, schedule, now);
    schedule.lastRunAt = now;
    schedule.lastRun = em.getReference(Run, run.id);
    return run;
  });
}
