import DataLoader from 'dataloader';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { ConflictError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { dehydrate } from '../../platform/materialize.js';
import { EvaluationResult } from '../evaluation/evaluation-result.entity.js';
import { claimIdempotencyKey } from '../../platform/idempotency.js';
import { argsKey } from '../../platform/loaders.js';
import { countAll, countByParent, cursorFor, findPage, findPagesByParent, type PageRequest, type SortSpec, type Where } from '../../platform/pagination.js';
import { childrenLoader, getOrNotFound, isUuid } from '../../platform/repository.js';
import { raiseRunFailedAlert } from '../alerts/alert.rules.js';
import { onRunSucceeded } from '../arena/arena.hooks.js';
import { evaluateRunIn } from '../evaluation/evaluation.service.js';
import { Model } from '../models/model.entity.js';
import { RetrainingEvent } from '../schedules/schedule.entity.js';
import { RetrainingOutcome } from '../schedules/schedule.enums.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import type { MetricValue } from './key-value.types.js';
import { RunArtifact, RunLogLine, RunMetricPoint } from './run-detail.entities.js';
import { Run } from './run.entity.js';
import { RUN_TRANSITIONS, RunStatus } from './run.enums.js';
import { type AppendRunLogsInput, type CreateRunInput, type LogRunMetricsInput, type ReportRunProgressInput, type RunFilter, type RunOrder, RunSortField, type UpdateRunStatusInput } from './run.inputs.js';

const TERMINAL = new Set([RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED]);

/** Outbox event for subscribers of `runUpdated` (published after commit). */
export function emitRunUpdated(em: EntityManager, workspaceId: string, run: Run) {
  return emitEvent(em, workspaceId, 'RUN_UPDATED', { modelId: run.model.id, subjectId: run.id }, { runId: run.id, status: run.status, run: dehydrate(em, Run, run) });
}

function runSort(order: RunOrder): SortSpec {
  return order.field === RunSortField.UPDATED_AT
    ? { field: order.field, property: 'updatedAt', column: 'updated_at', direction: order.direction, kind: 'date' }
    : { field: order.field, property: 'createdAt', column: 'created_at', direction: order.direction, kind: 'date' };
}

function runWhere(workspaceId: string, filter: RunFilter | undefined): Where {
  return (qb) => {
    qb.where('t.workspace_id', workspaceId);
    for (const [column, id] of [['model_id', filter?.modelId], ['recipe_id', filter?.recipeId]] as const) {
      if (id === undefined || id === null) continue;
      if (isUuid(id)) qb.where(`t.${column}`, id);
      else qb.whereRaw('false');
    }
    if (filter?.ids) {
      // Malformed ids match nothing, like an unknown id.
      const ids = filter.ids.filter(isUuid);
      if (ids.length) qb.whereIn('t.id', ids);
      else qb.whereRaw('false');
    }
    if (filter?.type) qb.where('t.type', filter.type);
    if (filter?.statuses?.length) qb.whereIn('t.status', filter.statuses);
  };
}

export async function listRuns(ctx: Context, filter: RunFilter | undefined, order: RunOrder, page: PageRequest) {
  const where = runWhere(workspaceOf(ctx), filter);
  const sort = runSort(order);
  const rows = await findPage(ctx.em, Run, where, sort, page);
  return toConnection(rows, page.first, page.after, cursorFor(sort), () => countAll(ctx.em, Run, where));
}

/** `Model.runs(…)`: one statement for the pages of every model in the request, one for their counts. */
export async function runsOfModel(ctx: Context, modelId: string, filter: RunFilter | undefined, order: RunOrder, page: PageRequest) {
  const workspaceId = workspaceOf(ctx);
  const sort = runSort(order);
  const where = runWhere(workspaceId, { ...filter, modelId: undefined });
  const key = argsKey({ filter, order, page });
  const pages = ctx.loaders.get(`modelRuns:${key}`, () => new DataLoader<string, Run[]>(async (ids) => {
    const byModel = await findPagesByParent(ctx.em, Run, 'model_id', ids, where, sort, page);
    return ids.map((id) => byModel.get(id) ?? []);
  }));
  const counts = ctx.loaders.get(`modelRunsCount:${argsKey(filter)}`, () => new DataLoader<string, number>(async (ids) => {
    const byModel = await countByParent(ctx.em, Run, 'model_id', ids, where);
    return ids.map((id) => byModel.get(id) ?? 0);
  }));
  const rows = await pages.load(modelId);
  return toConnection(rows, page.first, page.after, cursorFor(sort), () => counts.load(modelId));
}

export function getRun(ctx: Context, id: string) {
  return getOrNotFound(ctx, Run, id, 'Run');
}

export function metricHistory(ctx: Context, runId: string, key: string | undefined) {
  return childrenLoader(ctx, RunMetricPoint, 'run', { key: 'ASC', step: 'ASC' }, key ? { key } : {}).load(runId);
}

export function artifactsOfRun(ctx: Context, runId: string) {
  return childrenLoader(ctx, RunArtifact, 'run', { createdAt: 'ASC' }).load(runId);
}

export function logsOfRun(ctx: Context, runId: string, afterSeq: number) {
  return childrenLoader(ctx, RunLogLine, 'run', { seq: 'ASC' }, afterSeq > 0 ? { seq: { $gt: afterSeq } } : {}).load(runId);
}

export async function lockRun(em: EntityManager, workspaceId: string, runId: string): Promise<Run> {
  const run = await em.findOne(Run, { id: runId, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!run) throw new ConflictError(`Run ${runId} disappeared`);
  return run;
}

/** A QUEUED run; a retry with the same idempotency key returns the first run instead of a duplicate. */
export async function createRun(ctx: Context, input: CreateRunInput): Promise<Run> {
  const workspaceId = workspaceOf(ctx);
  const model = await getOrNotFound(ctx, Model, input.modelId, 'Model');
  const existing = async () => {
    if (!input.idempotencyKey) return null;
    const run = await ctx.em.fork({ keepTransactionContext: true }).findOne(Run, { workspace: workspaceId, idempotencyKey: input.idempotencyKey });
    if (run && run.model.id !== model.id) {
      throw new ConflictError(`Idempotency key ${input.idempotencyKey} was already used for a run of another model`, { runId: run.id });
    }
    return run;
  };
  const previous = await existing();
  if (previous) return previous;
  try {
    return await ctx.em.transactional(async (em) => {
      const run = em.create(Run, {
        workspace: em.getReference(Workspace, workspaceId),
        model: em.getReference(Model, model.id),
        recipe: model.recipe,
        recipeVersion: model.recipeVersion,
        type: input.type,
        status: RunStatus.QUEUED,
        trigger: input.trigger,
        params: input.params.map((p) => ({ key: p.key, value: p.value })),
        idempotencyKey: input.idempotencyKey,
      });
      await em.flush();
      await emitRunUpdated(em, workspaceId, run);
      return run;
    });
  } catch (error) {
    // A concurrent request with the same key won the race: return its run.
    if (error instanceof UniqueConstraintViolationException) {
      const winner = await existing();
      if (winner) return winner;
    }
    throw error;
  }
}

/** Records what came of a retraining once its run ends (no-op for runs that are not retrainings). */
export async function settleRetraining(em: EntityManager, runId: string, outcome: RetrainingOutcome, detail: string): Promise<void> {
  await em.nativeUpdate(RetrainingEvent, { run: runId, outcome: RetrainingOutcome.PENDING }, { outcome, detail: detail.slice(0, 2000) });
}

function mergeMetrics(current: MetricValue[], updates: MetricValue[]): MetricValue[] {
  const map = new Map(current.map((m) => [m.key, m.value]));
  for (const m of updates) map.set(m.key, m.value);
  return [...map].map(([key, value]) => ({ key, value }));
}

/**
 * Moves a run along QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED. On SUCCEEDED, every pack
 * version attached to the recipe evaluates the final metrics in the same transaction.
 */
export async function updateRunStatus(ctx: Context, input: UpdateRunStatusInput): Promise<Run> {
  const workspaceId = workspaceOf(ctx);
  await getRun(ctx, input.runId);
  return ctx.em.transactional(async (em) => {
    const run = await lockRun(em, workspaceId, input.runId);
    if (!RUN_TRANSITIONS[run.status].includes(input.status)) {
      throw new ConflictError(`Run ${run.id} is ${run.status}; it cannot become ${input.status}`, { current: run.status, requested: input.status });
    }
    const now = new Date();
    run.status = input.status;
    if (input.metrics) run.metrics = mergeMetrics(run.metrics, input.metrics);
    if (input.progress !== undefined) run.progress = input.progress;
    if (input.status === RunStatus.RUNNING) run.startedAt ??= now;
    if (TERMINAL.has(input.status)) run.finishedAt = now;
    if (input.status === RunStatus.SUCCEEDED) run.progress = 1;
    if (input.error !== undefined) run.error = input.error;
    if (input.status === RunStatus.SUCCEEDED) {
      const model = await em.findOneOrFail(Model, run.model.id);
      const results = await evaluateRunIn(em, run, model, now);
      await em.flush();
      if (results.length) {
        await emitEvent(em, workspaceId, 'EVALUATION_COMPLETED', { modelId: model.id, subjectId: run.id }, { runId: run.id, snapshotId: null, results: results.map((r) => dehydrate(em, EvaluationResult, r)) });
      }
      const reaction = await onRunSucceeded(em, ctx, run, model, results);
      await settleRetraining(em, run.id, reaction.outcome, reaction.detail);
    }
    if (input.status === RunStatus.FAILED) {
      const model = await em.findOneOrFail(Model, run.model.id);
      await raiseRunFailedAlert(em, ctx, run, model, now);
      await settleRetraining(em, run.id, RetrainingOutcome.RUN_FAILED, run.error ?? '');
    }
    if (input.status === RunStatus.CANCELLED) await settleRetraining(em, run.id, RetrainingOutcome.RUN_CANCELLED, '');
    await em.flush();
    await emitRunUpdated(em, workspaceId, run);
    return run;
  });
}

/** Records how far a RUNNING run is (0–1); subscribers of `runUpdated` see it live. Not a status transition. */
export async function reportRunProgress(ctx: Context, input: ReportRunProgressInput): Promise<Run> {
  const workspaceId = workspaceOf(ctx);
  await getRun(ctx, input.runId);
  return ctx.em.transactional(async (em) => {
    const run = await lockRun(em, workspaceId, input.runId);
    if (run.status !== RunStatus.RUNNING) {
      throw new ConflictError(`Run ${run.id} is ${run.status}; progress can only be reported while it is RUNNING`, { current: run.status });
    }
    run.progress = input.progress;
    await em.flush();
    await emitRunUpdated(em, workspaceId, run);
    return run;
  });
}

const INSERT_METRIC_POINTS = `insert into run_metric_point (workspace_id, run_id, key, step, value, recorded_at)
  select ?::uuid, ?::uuid, p.key, p.step, p.value, coalesce(p.recorded_at, ?::timestamptz)
  from unnest(?::text[], ?::int[], ?::float8[], ?::timestamptz[]) as p(key, step, value, recorded_at)`;

/**
 * One statement for the whole batch with one array parameter per column, bound natively: `em.execute`
 * (and `em.insertMany`) would inline the 10,000 × 6 values into the SQL text, which costs more than
 * the insert itself. Runs on the transaction's connection and is logged like the ORM's statements.
 */
async function insertMetricPoints(em: EntityManager, workspaceId: string, runId: string, points: LogRunMetricsInput['points'], now: Date): Promise<void> {
  const keys = new Array<string>(points.length);
  const steps = new Array<number>(points.length);
  const values = new Array<number>(points.length);
  let recordedAt: (Date | null)[] | null = null;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    keys[i] = p.key;
    steps[i] = p.step;
    values[i] = p.value;
    if (p.recordedAt) (recordedAt ??= new Array<Date | null>(points.length).fill(null))[i] = p.recordedAt;
  }
  // A null recorded_at array: unnest pads it with nulls, so every point gets `now`.
  const started = Date.now();
  try {
    // (pg sends the null elements of recorded_at as NULL; knex's binding type does not list nullable arrays.)
    const bindings = [workspaceId, runId, now, keys, steps, values, recordedAt as Date[] | null];
    const res = (await em.getKnex().raw(INSERT_METRIC_POINTS, bindings).transacting(em.getTransactionContext()!)) as { rowCount: number };
    em.config.getLogger().logQuery({ query: INSERT_METRIC_POINTS, took: Date.now() - started, affected: res.rowCount, level: 'info' });
  } catch (error) {
    em.config.getLogger().logQuery({ query: INSERT_METRIC_POINTS, took: Date.now() - started, level: 'error' });
    throw em.getDriver().convertException(error as Error);
  }
}

/**
 * The value at the highest step (ties: the point written last) of each key the run has points for, in
 * key order. Walks the (run_id, key, step) index: one probe for the next key and one for its last point,
 * per key (a loose index scan), instead of reading every point of the run, which made each batch of a
 * long run slower than the one before.
 */
const LATEST_METRIC_POINTS = `with recursive keys(key) as (
    (select key from run_metric_point where run_id = ? order by key limit 1)
    union all
    select (select m.key from run_metric_point m where m.run_id = ? and m.key > keys.key order by m.key limit 1) from keys where keys.key is not null
  )
  select keys.key, p.value from keys
  cross join lateral (select value from run_metric_point where run_id = ? and key = keys.key order by step desc, id desc limit 1) p
  order by keys.key`;

/** Appends a batch of metric points (one multi-row insert) and refreshes the final metrics from the highest step per key. */
export async function logRunMetrics(ctx: Context, input: LogRunMetricsInput): Promise<Run> {
  const workspaceId = workspaceOf(ctx);
  await getRun(ctx, input.runId);
  return ctx.em.transactional(async (em) => {
    const run = await lockRun(em, workspaceId, input.runId);
    if (input.idempotencyKey) {
      const first = await claimIdempotencyKey(em, workspaceId, 'logRunMetrics', input.idempotencyKey, run.id);
      if (first && first !== run.id) throw new ConflictError(`Idempotency key ${input.idempotencyKey} was already used for run ${first}`, { runId: first });
      if (first) return run;
    }
    if (TERMINAL.has(run.status)) {
      throw new ConflictError(`Run ${run.id} is ${run.status}; metrics can only be logged while it is QUEUED or RUNNING`, { current: run.status });
    }
    if (input.points.length) await insertMetricPoints(em, workspaceId, run.id, input.points, new Date());
    const latest = (await em.execute(LATEST_METRIC_POINTS, [run.id, run.id, run.id])) as { key: string; value: number }[];
    run.metrics = mergeMetrics(run.metrics, latest.map((r) => ({ key: r.key, value: Number(r.value) })));
    await emitRunUpdated(em, workspaceId, run);
    return run;
  });
}

/** Appends log lines after the current last line (sequence numbers continue). */
export async function appendRunLogs(ctx: Context, input: AppendRunLogsInput): Promise<RunLogLine[]> {
  const workspaceId = workspaceOf(ctx);
  await getRun(ctx, input.runId);
  return ctx.em.transactional(async (em) => {
    const run = await lockRun(em, workspaceId, input.runId);
    const [{ max }] = (await em.execute('select coalesce(max(seq), 0)::int as max from run_log_line where run_id = ?', [run.id])) as { max: number }[];
    const now = new Date();
    const lines = input.lines.map((line, i) =>
      em.create(RunLogLine, { workspace: em.getReference(Workspace, workspaceId), run, seq: max + i + 1, level: line.level, message: line.message, loggedAt: line.loggedAt ?? now }),
    );
    await emitEvent(em, workspaceId, 'RUN_LOG_APPENDED', { modelId: run.model.id, subjectId: run.id }, {
      runId: run.id,
      lines: lines.map((l) => ({ seq: l.seq, level: l.level, message: l.message, loggedAt: l.loggedAt.toISOString() })),
    });
    return lines;
  });
}
