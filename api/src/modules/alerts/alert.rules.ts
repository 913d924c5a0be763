import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { Loaders } from '../../platform/loaders.js';
import { materialize } from '../../platform/materialize.js';
import { EvaluationStatus, MetricEvaluationStatus } from '../evaluation/evaluation.enums.js';
import type { EvaluationResult } from '../evaluation/evaluation-result.entity.js';
import type { Model } from '../models/model.entity.js';
import { ModelStatus } from '../models/model.enums.js';
import type { MonitorSnapshot } from '../monitoring/monitor-snapshot.entity.js';
import { resolvedManifest } from '../recipes/recipe.service.js';
import { type Manifest, RecipeVersion } from '../recipes/recipe-version.entity.js';
import type { Run } from '../runs/run.entity.js';
import { Alert } from './alert.entity.js';
import { AlertSeverity, AlertType, SEVERITY_RANK } from './alert.enums.js';
import { emitAlertEvent } from './alert.service.js';

/** One observation of a condition; `dedupKey` names the condition (model, type and what is wrong). */
export interface AlertSignal {
  type: AlertType;
  severity: AlertSeverity;
  dedupKey: string;
  title: string;
  message: string;
  run?: Run;
}

/**
 * Raises an alert, or counts the condition again when an OPEN or ACKNOWLEDGED alert for it exists:
 * `count` grows, `lastSeenAt` moves forward, severity only escalates, and the message and run follow
 * the newest observation. One `insert … on conflict … do update` on the partial unique index
 * `alert_open_dedup_unique`, so concurrent writers never duplicate an alert. Runs in the caller's
 * transaction and emits ALERT_RAISED (new alert) or ALERT_UPDATED (seen again).
 */
/** `model` is null for conditions that belong to no single model (an experiment, say). */
export async function raiseAlert(em: EntityManager, ctx: Context, model: Model | null, signal: AlertSignal, at: Date): Promise<Alert> {
  const workspaceId = workspaceOf(ctx);
  const rows = (await em.execute(
    `insert into alert (id, workspace_id, model_id, run_id, type, severity, status, title, message, dedup_key, count, first_seen_at, last_seen_at, created_at)
     values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, 1, ?, ?, ?)
     on conflict (workspace_id, dedup_key) where status in ('OPEN', 'ACKNOWLEDGED') do update set
       count = alert.count + 1,
       severity = greatest(alert.severity, excluded.severity),
       last_seen_at = greatest(alert.last_seen_at, excluded.last_seen_at),
       title = case when excluded.last_seen_at >= alert.last_seen_at then excluded.title else alert.title end,
       message = case when excluded.last_seen_at >= alert.last_seen_at then excluded.message else alert.message end,
       run_id = case when excluded.last_seen_at >= alert.last_seen_at then coalesce(excluded.run_id, alert.run_id) else alert.run_id end
     returning *`,
    [randomUUID(), workspaceId, model?.id ?? null, signal.run?.id ?? null, signal.type, signal.severity, signal.title, signal.message, signal.dedupKey, at, at, at],
  )) as Record<string, unknown>[];
  const [alert] = materialize(em, Alert, rows);
  await emitAlertEvent(em, workspaceId, alert!, alert!.count === 1 ? 'ALERT_RAISED' : 'ALERT_UPDATED');
  return alert!;
}

/** RUN_FAILED when a run fails: WARNING, CRITICAL for a PRODUCTION model. One open alert per model and run type. */
export async function raiseRunFailedAlert(em: EntityManager, ctx: Context, run: Run, model: Model, at: Date): Promise<Alert | null> {
  return raiseAlert(em, ctx, model, {
    type: AlertType.RUN_FAILED,
    severity: model.status === ModelStatus.PRODUCTION ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
    dedupKey: `${AlertType.RUN_FAILED}:${model.id}:${run.type}`,
    title: `${run.type} run failed: ${model.name}`,
    message: `Run ${run.id} failed: ${run.error ?? 'no reason was reported'}`,
    run,
  }, at);
}

const DEGRADED_SEVERITY: Partial<Record<EvaluationStatus, AlertSeverity>> = {
  [EvaluationStatus.FAIL]: AlertSeverity.CRITICAL,
  [EvaluationStatus.WARN]: AlertSeverity.WARNING,
};

function degradedSignal(model: Model, result: EvaluationResult, severity: AlertSeverity): AlertSignal {
  const offenders = result.metrics
    .filter((m) => m.status === MetricEvaluationStatus.FAIL || m.status === MetricEvaluationStatus.WARN)
    .map((m) => `${m.key} ${m.actual ?? 'missing'} ${m.status}`);
  return {
    type: AlertType.PERFORMANCE_DEGRADED,
    severity,
    dedupKey: `${AlertType.PERFORMANCE_DEGRADED}:${model.id}:${result.packVersion.id}`,
    title: `Performance degraded: ${model.name}`,
    message: `Monitor ${result.summary} (${offenders.join(', ')})`,
  };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The manifest's freshness rule: the limit `monitoring.freshness.max_lag_hours` (undefined when the
 * manifest has none) and the severity of its DATA_STALE entry in `monitoring.alerts` (else WARNING).
 */
export function freshnessRule(manifest: Manifest): { limitHours?: number; severity: AlertSeverity } {
  const monitoring = isObject(manifest.monitoring) ? manifest.monitoring : {};
  const limit = isObject(monitoring.freshness) ? monitoring.freshness.max_lag_hours : undefined;
  const alerts: unknown[] = Array.isArray(monitoring.alerts) ? monitoring.alerts : [];
  const severity = alerts.find((a): a is Json => isObject(a) && a.type === AlertType.DATA_STALE)?.severity;
  return {
    limitHours: typeof limit === 'number' && Number.isFinite(limit) && limit >= 0 ? limit : undefined,
    severity: SEVERITY_RANK.includes(severity as AlertSeverity) ? (severity as AlertSeverity) : AlertSeverity.WARNING,
  };
}

async function staleSignal(em: EntityManager, ctx: Context, snapshot: MonitorSnapshot, model: Model): Promise<AlertSignal | null> {
  // A cloned recipe's version stores an overlay: the rule may come from an ancestor's manifest. The
  // ancestors are read through the writer's transaction (fresh loaders on `em`), not a second connection.
  const inTransaction: Context = { ...ctx, em, loaders: new Loaders() };
  const rule = freshnessRule(await resolvedManifest(inTransaction, await em.findOneOrFail(RecipeVersion, model.recipeVersion.id)));
  const limitHours = rule.limitHours ?? snapshot.freshnessLimitHours;
  const { lagHours } = snapshot.freshness;
  if (!(lagHours > limitHours)) return null;
  return {
    type: AlertType.DATA_STALE,
    severity: rule.severity,
    dedupKey: `${AlertType.DATA_STALE}:${model.id}`,
    title: `Data is stale: ${model.name}`,
    message: `The newest data was ${lagHours.toFixed(1)} h old at ${snapshot.recordedAt.toISOString()} (limit ${limitHours} h)`,
  };
}

/**
 * PERFORMANCE_DEGRADED per monitor evaluation result that is FAIL (CRITICAL) or WARN (WARNING), one
 * open alert per model and pack version; DATA_STALE when the snapshot's freshness lag exceeds the
 * limit of the model's recipe-version manifest, resolved over its ancestors
 * (`monitoring.freshness.max_lag_hours`, else the snapshot's own limit), one open alert per model.
 */
export async function raiseMonitorAlerts(em: EntityManager, ctx: Context, snapshot: MonitorSnapshot, model: Model, results: EvaluationResult[], at: Date): Promise<Alert[]> {
  const signals: AlertSignal[] = [];
  for (const result of results) {
    const severity = DEGRADED_SEVERITY[result.status];
    if (severity) signals.push(degradedSignal(model, result, severity));
  }
  const stale = await staleSignal(em, ctx, snapshot, model);
  if (stale) signals.push(stale);
  const alerts: Alert[] = [];
  for (const signal of signals) alerts.push(await raiseAlert(em, ctx, model, signal, at));
  return alerts;
}

/** The trend of a backtest's windows on one metric, as the worker measured it. */
export interface BacktestTrend {
  metric: string;
  earlier: number;
  latest: number;
  /** Relative worsening of the latest windows against the earlier ones (0.12 = 12 % worse). */
  worsening: number;
  tolerance: number;
}

/** BACKTEST_DEGRADATION: the latest backtest windows are worse than the earlier ones by more than the manifest's tolerance. One open alert per model. */
export async function raiseBacktestDegradationAlert(em: EntityManager, ctx: Context, run: Run, model: Model, trend: BacktestTrend, at: Date): Promise<Alert> {
  return raiseAlert(em, ctx, model, {
    type: AlertType.BACKTEST_DEGRADATION,
    severity: model.status === ModelStatus.PRODUCTION ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
    dedupKey: `${AlertType.BACKTEST_DEGRADATION}:${model.id}`,
    title: `Backtest degrading: ${model.name}`,
    message: `${trend.metric} of the latest windows is ${(trend.worsening * 100).toFixed(1)}% worse than the earlier ones (${trend.latest.toPrecision(4)} vs ${trend.earlier.toPrecision(4)}; tolerance ${(trend.tolerance * 100).toFixed(1)}%) in run ${run.id}`,
    run,
  }, at);
}
