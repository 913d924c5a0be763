import DataLoader from 'dataloader';
import { type Context, workspaceOf } from '../../platform/context.js';
import { SortDirection, toConnection } from '../../platform/connection.js';
import { BadInputError, ValidationFailedError } from '../../platform/errors.js';
import { argsKey } from '../../platform/loaders.js';
import { materialize } from '../../platform/materialize.js';
import { countByParent, cursorFor, findPagesByParent, type PageRequest, type SortSpec, type Where } from '../../platform/pagination.js';
import { getOrNotFound } from '../../platform/repository.js';
import { refreshPredictionLogTests } from '../abtests/ab-test.service.js';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { executeBulk } from './bulk-statement.js';
import { FeatureImportance, type FeatureImportanceValue } from './feature-importance.entity.js';
import { PredictionActual } from './prediction-actual.entity.js';
import { PredictionLog } from './prediction-log.entity.js';
import { FeatureImportanceMethod, FeatureImportanceScope, StatsBucket } from './prediction.enums.js';
import {
  type LogPredictionsInput,
  logPredictionsProblems,
  type PredictionLogFilter,
  type RecordActualsInput,
  recordActualsProblems,
  type RecordFeatureImportanceInput,
  recordFeatureImportanceProblems,
} from './prediction.inputs.js';
import type { LogPredictionsResult, PredictionStatsBucket, RecordActualsResult, ShadowComparison } from './prediction.types.js';

// ---------------------------------------------------------------------------------------------
// Prediction logs

/**
 * The whole batch in one insert (one array parameter per column). `on conflict do nothing` makes a
 * retried batch write nothing new. Also counts the new served (non-shadow) logs whose actual is
 * already known, which changes the A/B tests reading prediction logs.
 */
const INSERT_PREDICTIONS = `with ins as (
    insert into prediction_log (workspace_id, model_id, request_id, inputs, prediction, label, confidence, latency_ms, shadow, metadata, predicted_at, created_at)
    select ?::uuid, ?::uuid, p.request_id, p.inputs, p.prediction, p.label, p.confidence, p.latency_ms, p.shadow, coalesce(p.metadata, '{}'::jsonb), coalesce(p.predicted_at, ?::timestamptz), ?::timestamptz
      from unnest(?::text[], ?::jsonb[], ?::float8[], ?::text[], ?::float8[], ?::float8[], ?::bool[], ?::jsonb[], ?::timestamptz[])
        as p(request_id, inputs, prediction, label, confidence, latency_ms, shadow, metadata, predicted_at)
    on conflict (model_id, request_id) do nothing
    returning request_id, shadow
  )
  select count(*)::int as inserted,
         (count(*) filter (where not ins.shadow and exists (select 1 from prediction_actual a where a.workspace_id = ? and a.request_id = ins.request_id)))::int as served_with_actual
    from ins`;

/** Stores a batch of a model's predictions; idempotent per (model, request id). */
export async function logPredictions(ctx: Context, input: LogPredictionsInput): Promise<LogPredictionsResult> {
  const workspaceId = workspaceOf(ctx);
  const problems = logPredictionsProblems(input);
  if (problems.length) throw new ValidationFailedError(problems);
  const model = await getOrNotFound(ctx, Model, input.modelId, 'Model');
  const n = input.predictions.length;
  const requestIds = new Array<string>(n);
  const inputs = new Array<string>(n);
  const predictions = new Array<number>(n);
  const labels = new Array<string | null>(n);
  const confidences = new Array<number | null>(n);
  const latencies = new Array<number>(n);
  const shadows = new Array<boolean>(n);
  const metadata = new Array<string | null>(n);
  const predictedAt = new Array<Date | null>(n);
  input.predictions.forEach((p, i) => {
    requestIds[i] = p.requestId;
    inputs[i] = JSON.stringify(p.inputs);
    predictions[i] = p.prediction;
    labels[i] = p.label ?? null;
    confidences[i] = p.confidence ?? null;
    latencies[i] = p.latencyMs;
    shadows[i] = p.shadow ?? false;
    metadata[i] = p.metadata ? JSON.stringify(p.metadata) : null;
    predictedAt[i] = p.predictedAt ?? null;
  });
  return ctx.em.transactional(async (em) => {
    const now = new Date();
    const { rows } = await executeBulk<{ inserted: number; served_with_actual: number }>(em, INSERT_PREDICTIONS, [
      workspaceId, model.id, now, now, requestIds, inputs, predictions, labels, confidences, latencies, shadows, metadata, predictedAt, workspaceId,
    ]);
    const { inserted, served_with_actual: servedWithActual } = rows[0]!;
    if (servedWithActual > 0) await refreshPredictionLogTests(em, ctx, [model.id], now);
    return { received: n, inserted, duplicates: n - inserted };
  });
}

/**
 * Stores the outcomes (a later actual for a request id replaces the earlier one) and, in the same
 * statement, finds the prediction logs of every model of the workspace with those request ids.
 */
const UPSERT_ACTUALS = `with input as (
    select * from unnest(?::text[], ?::float8[], ?::text[], ?::timestamptz[]) as p(request_id, actual, actual_label, observed_at)
  ),
  stored as (
    insert into prediction_actual (workspace_id, request_id, actual, actual_label, observed_at, recorded_at)
    select ?::uuid, i.request_id, i.actual, i.actual_label, coalesce(i.observed_at, ?::timestamptz), ?::timestamptz from input i
    on conflict (workspace_id, request_id) do update set actual = excluded.actual, actual_label = excluded.actual_label, observed_at = excluded.observed_at, recorded_at = excluded.recorded_at
    returning 1
  ),
  matched as (
    select l.model_id, l.request_id, l.shadow from prediction_log l join input i on l.workspace_id = ?::uuid and l.request_id = i.request_id
  )
  select (select count(*) from stored)::int as stored,
         (select count(*) from matched)::int as matched_logs,
         (select count(*) from input i where not exists (select 1 from matched m where m.request_id = i.request_id))::int as unmatched,
         (select coalesce(array_agg(distinct m.model_id::text), '{}') from matched m where not m.shadow) as served_models`;

/** Joins outcomes to the prediction logs by request id; unknown request ids are kept for later logs. */
export async function recordActuals(ctx: Context, input: RecordActualsInput): Promise<RecordActualsResult> {
  const workspaceId = workspaceOf(ctx);
  const problems = recordActualsProblems(input);
  if (problems.length) throw new ValidationFailedError(problems);
  const requestIds = input.actuals.map((a) => a.requestId);
  const actuals = input.actuals.map((a) => a.actual);
  const labels = input.actuals.map((a) => a.actualLabel ?? null);
  const observedAt = input.actuals.map((a) => a.observedAt ?? null);
  return ctx.em.transactional(async (em) => {
    const now = new Date();
    const { rows } = await executeBulk<{ matched_logs: number; unmatched: number; served_models: string[] }>(em, UPSERT_ACTUALS, [
      requestIds, actuals, labels, observedAt, workspaceId, now, now, workspaceId,
    ]);
    const row = rows[0]!;
    await refreshPredictionLogTests(em, ctx, row.served_models, now);
    return { received: input.actuals.length, matchedLogs: row.matched_logs, unmatchedRequestIds: row.unmatched };
  });
}

const NEWEST_FIRST: SortSpec = { field: 'PREDICTED_AT', property: 'predictedAt', column: 'predicted_at', direction: SortDirection.DESC, kind: 'date' };

function logWhere(workspaceId: string, filter: PredictionLogFilter | undefined): Where {
  return (qb) => {
    qb.where('t.workspace_id', workspaceId);
    if (filter?.requestId !== undefined && filter.requestId !== null) qb.where('t.request_id', filter.requestId);
    if (filter?.shadow !== undefined && filter.shadow !== null) qb.where('t.shadow', filter.shadow);
    if (filter?.from) qb.where('t.predicted_at', '>=', filter.from);
    if (filter?.to) qb.where('t.predicted_at', '<', filter.to);
    if (filter?.hasActual !== undefined && filter.hasActual !== null) {
      qb.whereRaw(`${filter.hasActual ? '' : 'not '}exists (select 1 from prediction_actual a where a.workspace_id = t.workspace_id and a.request_id = t.request_id)`);
    }
  };
}

/** A model's prediction logs, newest first, keyset-paginated (batched across models). */
export async function predictionLogsOfModel(ctx: Context, modelId: string, filter: PredictionLogFilter | undefined, page: PageRequest) {
  const where = logWhere(workspaceOf(ctx), filter);
  const pages = ctx.loaders.get(`modelPredictionLogs:${argsKey({ filter, page })}`, () => new DataLoader<string, PredictionLog[]>(async (ids) => {
    const byModel = await findPagesByParent(ctx.em, PredictionLog, 'model_id', ids, where, NEWEST_FIRST, page);
    return ids.map((id) => byModel.get(id) ?? []);
  }));
  const counts = ctx.loaders.get(`modelPredictionLogsCount:${argsKey(filter)}`, () => new DataLoader<string, number>(async (ids) => {
    const byModel = await countByParent(ctx.em, PredictionLog, 'model_id', ids, where);
    return ids.map((id) => byModel.get(id) ?? 0);
  }));
  const rows = await pages.load(modelId);
  return toConnection(rows, page.first, page.after, cursorFor(NEWEST_FIRST), () => counts.load(modelId));
}

/** The actual of a request id (one statement per batch of logs). */
export function actualOf(ctx: Context, requestId: string): Promise<PredictionActual | null> {
  const loader = ctx.loaders.get('predictionActuals', () => {
    const workspaceId = workspaceOf(ctx);
    return new DataLoader<string, PredictionActual | null>(async (requestIds) => {
      const knex = ctx.em.getKnex();
      const qb = knex.select('*').from('prediction_actual').where('workspace_id', workspaceId).whereIn('request_id', [...requestIds]);
      const rows = materialize(ctx.em, PredictionActual, (await ctx.em.execute(qb)) as Record<string, unknown>[]);
      const byRequest = new Map(rows.map((r) => [r.requestId, r]));
      return requestIds.map((id) => byRequest.get(id) ?? null);
    });
  });
  return loader.load(requestId);
}

// ---------------------------------------------------------------------------------------------
// Shadow comparison and statistics

/** Champion vs challenger on the requests both scored that have an actual, in one statement. */
const SHADOW_COMPARISON = `select count(*)::int as n,
    avg(abs(c.prediction - a.actual)) as champion_mae,
    avg(abs(h.prediction - a.actual)) as challenger_mae,
    avg(abs(c.prediction - a.actual) / abs(a.actual)) filter (where a.actual <> 0) as champion_mape,
    avg(abs(h.prediction - a.actual) / abs(a.actual)) filter (where a.actual <> 0) as challenger_mape,
    (count(*) filter (where a.actual <> 0))::int as mape_n,
    avg(case when c.label is not null and h.label is not null then (c.label = h.label)::int
             else (abs(c.prediction - h.prediction) <= ?::float8 * greatest(abs(c.prediction), abs(h.prediction), 1e-12))::int end) as agreement,
    (count(*) filter (where c.label is not null and h.label is not null))::int as label_comparisons
  from prediction_log c
  join prediction_log h on h.model_id = ?::uuid and h.request_id = c.request_id
  join prediction_actual a on a.workspace_id = c.workspace_id and a.request_id = c.request_id
  where c.model_id = ?::uuid and c.workspace_id = ?::uuid
    and (?::timestamptz is null or c.predicted_at >= ?::timestamptz)
    and (?::timestamptz is null or c.predicted_at < ?::timestamptz)`;

export interface ShadowComparisonArgs {
  championId: string;
  challengerId: string;
  from?: Date;
  to?: Date;
  tolerance: number;
}

export async function shadowComparison(ctx: Context, args: ShadowComparisonArgs): Promise<ShadowComparison> {
  const workspaceId = workspaceOf(ctx);
  if (!(args.tolerance >= 0)) throw new BadInputError('tolerance must not be negative', { argument: 'tolerance' });
  if (args.championId === args.challengerId) throw new BadInputError('championId and challengerId must be different models', { argument: 'challengerId' });
  if (args.from && args.to && args.from >= args.to) throw new BadInputError('from must be before to', { argument: 'from' });
  const [champion, challenger] = await Promise.all([getOrNotFound(ctx, Model, args.championId, 'Model'), getOrNotFound(ctx, Model, args.challengerId, 'Model')]);
  const from = args.from ?? null;
  const to = args.to ?? null;
  const { rows } = await executeBulk<Record<string, number | null>>(ctx.em, SHADOW_COMPARISON, [args.tolerance, challenger.id, champion.id, workspaceId, from, from, to, to]);
  const r = rows[0]!;
  const num = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    n: Number(r.n),
    championMae: num(r.champion_mae),
    challengerMae: num(r.challenger_mae),
    championMape: num(r.champion_mape),
    challengerMape: num(r.challenger_mape),
    mapeN: Number(r.mape_n),
    agreement: num(r.agreement),
    labelComparisons: Number(r.label_comparisons),
    tolerance: args.tolerance,
  };
}

const BUCKET_MS: Record<StatsBucket, number> = { [StatsBucket.HOUR]: 3_600_000, [StatsBucket.DAY]: 86_400_000 };
const MAX_BUCKETS = 10_000;

export interface PredictionStatsArgs {
  from: Date;
  to: Date;
  bucket: StatsBucket;
  shadow?: boolean;
}

const PREDICTION_STATS = `select l.model_id::text as model_id, date_trunc(?, l.predicted_at, 'UTC') as start, count(*)::int as count,
    percentile_cont(array[0.5, 0.95, 0.99]::float8[]) within group (order by l.latency_ms) as latency,
    avg(l.latency_ms) as latency_mean, avg(l.confidence) as mean_confidence,
    count(a.id)::int as with_actual, avg(abs(l.prediction - a.actual)) as mae
  from prediction_log l
  left join prediction_actual a on a.workspace_id = l.workspace_id and a.request_id = l.request_id
  where l.model_id = any(?::uuid[]) and l.workspace_id = ?::uuid and l.predicted_at >= ?::timestamptz and l.predicted_at < ?::timestamptz
    and (?::boolean is null or l.shadow = ?::boolean)
  group by 1, 2
  order by 1, 2`;

/** Per time bucket of [from, to): count, latency percentiles, confidence, MAE against known actuals (batched across models). */
export function predictionStatsOfModel(ctx: Context, modelId: string, args: PredictionStatsArgs): Promise<PredictionStatsBucket[]> {
  if (!(args.from < args.to)) throw new BadInputError('from must be before to', { argument: 'from' });
  if ((args.to.getTime() - args.from.getTime()) / BUCKET_MS[args.bucket] > MAX_BUCKETS) {
    throw new BadInputError(`at most ${MAX_BUCKETS} buckets: shorten the window or use a larger bucket`, { argument: 'bucket' });
  }
  const loader = ctx.loaders.get(`predictionStats:${argsKey(args)}`, () => {
    const workspaceId = workspaceOf(ctx);
    return new DataLoader<string, PredictionStatsBucket[]>(async (ids) => {
      const shadow = args.shadow ?? null;
      const { rows } = await executeBulk<Record<string, unknown>>(ctx.em, PREDICTION_STATS, [args.bucket.toLowerCase(), [...ids], workspaceId, args.from, args.to, shadow, shadow]);
      const byModel = new Map<string, PredictionStatsBucket[]>(ids.map((id) => [id, []]));
      for (const r of rows) {
        const [p50, p95, p99] = (r.latency as number[]).map(Number);
        byModel.get(String(r.model_id))?.push({
          start: new Date(r.start as string | Date),
          count: Number(r.count),
          latencyP50: p50!,
          latencyP95: p95!,
          latencyP99: p99!,
          latencyMean: Number(r.latency_mean),
          meanConfidence: r.mean_confidence === null ? null : Number(r.mean_confidence),
          withActual: Number(r.with_actual),
          mae: r.mae === null ? null : Number(r.mae),
        });
      }
      return ids.map((id) => byModel.get(id) ?? []);
    });
  });
  return loader.load(modelId);
}

// ---------------------------------------------------------------------------------------------
// Feature importance

/** Largest |importance| first; ties by feature name. */
function sortValues(values: readonly FeatureImportanceValue[]): FeatureImportanceValue[] {
  return values
    .map((v) => ({ feature: v.feature, importance: v.importance }))
    .sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance) || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
}

/** Stores one recording (all its values in one row) for a model, or a run and so its model. */
export async function recordFeatureImportance(ctx: Context, input: RecordFeatureImportanceInput): Promise<FeatureImportance> {
  const workspaceId = workspaceOf(ctx);
  const problems = recordFeatureImportanceProblems(input);
  if (problems.length) throw new ValidationFailedError(problems);
  const run = input.runId ? await getOrNotFound(ctx, Run, input.runId, 'Run') : null;
  const modelId = run ? run.model.id : (await getOrNotFound(ctx, Model, input.modelId!, 'Model')).id;
  return ctx.em.transactional(async (em) => {
    const recording = em.create(FeatureImportance, {
      workspace: em.getReference(Workspace, workspaceId),
      model: em.getReference(Model, modelId),
      run: run ? em.getReference(Run, run.id) : undefined,
      method: input.method,
      scope: input.scope,
      requestId: input.requestId ?? undefined,
      values: sortValues(input.values),
      recordedAt: new Date(),
    });
    await em.flush();
    return recording;
  });
}

export interface ModelImportanceArgs {
  method?: FeatureImportanceMethod;
  scope: FeatureImportanceScope;
  requestId?: string;
}

/** The latest recording per method (one statement per batch of parents). */
function latestPerMethod(ctx: Context, name: string, parentColumn: 'model_id' | 'run_id', where: Where): DataLoader<string, FeatureImportance[]> {
  return ctx.loaders.get(name, () => {
    const workspaceId = workspaceOf(ctx);
    return new DataLoader<string, FeatureImportance[]>(async (ids) => {
      const knex = ctx.em.getKnex();
      const qb = knex
        .select(knex.raw(`distinct on (t.??, t.method) t.*`, [parentColumn]))
        .from({ t: 'feature_importance' })
        .where('t.workspace_id', workspaceId)
        .whereIn(`t.${parentColumn}`, [...ids])
        .orderBy([{ column: `t.${parentColumn}` }, { column: 't.method' }, { column: 't.recorded_at', order: 'desc' }, { column: 't.id', order: 'desc' }]);
      where(qb);
      const rows = (await ctx.em.execute(qb)) as Record<string, unknown>[];
      const recordings = materialize(ctx.em, FeatureImportance, rows);
      const byParent = new Map<string, FeatureImportance[]>(ids.map((id) => [id, []]));
      rows.forEach((row, i) => byParent.get(String(row[parentColumn]))?.push(recordings[i]!));
      return ids.map((id) => byParent.get(id) ?? []);
    });
  });
}

/** A model's latest recording per method (its runs' recordings included), in method order. */
export function featureImportanceOfModel(ctx: Context, modelId: string, args: ModelImportanceArgs): Promise<FeatureImportance[]> {
  if (args.scope === FeatureImportanceScope.PREDICTION && !args.requestId) throw new BadInputError('PREDICTION scope needs a requestId', { argument: 'requestId' });
  const where: Where = (qb) => {
    qb.where('t.scope', args.scope);
    if (args.method) qb.where('t.method', args.method);
    if (args.scope === FeatureImportanceScope.PREDICTION) qb.where('t.request_id', args.requestId!);
  };
  return latestPerMethod(ctx, `modelImportance:${argsKey(args)}`, 'model_id', where).load(modelId);
}

/** A run's latest GLOBAL recording per method. */
export function featureImportanceOfRun(ctx: Context, runId: string, method: FeatureImportanceMethod | undefined): Promise<FeatureImportance[]> {
  const where: Where = (qb) => {
    qb.where('t.scope', FeatureImportanceScope.GLOBAL);
    if (method) qb.where('t.method', method);
  };
  return latestPerMethod(ctx, `runImportance:${method ?? ''}`, 'run_id', where).load(runId);
}
