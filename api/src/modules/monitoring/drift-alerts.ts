import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../platform/context.js';
import { Loaders } from '../../platform/loaders.js';
import { type AlertSignal, raiseAlert } from '../alerts/alert.rules.js';
import type { Alert } from '../alerts/alert.entity.js';
import { AlertSeverity, AlertType } from '../alerts/alert.enums.js';
import { DatasetSize } from '../jobs/job.inputs.js';
import { queueRun } from '../jobs/job.service.js';
import type { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { RunStatus, RunTrigger, RunType } from '../runs/run.enums.js';
import type { MonitorSnapshot } from './monitor-snapshot.entity.js';
import type { FeatureDrift } from './monitoring.types.js';

/** The actor of the audit event of a drift-triggered retrain. */
export const DRIFT_RETRAIN_ACTOR = 'system:drift-retrain';

const describe = (d: FeatureDrift) =>
  `${d.feature} (${d.method} ${d.score.toPrecision(3)}${d.pValue !== null ? `, p ${d.pValue.toPrecision(3)}` : ''}; threshold ${d.threshold})`;

/**
 * DRIFT_DETECTED for a snapshot with computed drift: CRITICAL when the data set drifts (one open alert
 * per model, `DRIFT_DETECTED:<model>`), otherwise WARNING per drifted feature
 * (`DRIFT_DETECTED:<model>:<feature>`). Open alerts of the same condition count up instead of repeating.
 */
export async function raiseDriftAlerts(em: EntityManager, ctx: Context, model: Model, snapshot: MonitorSnapshot, datasetDrifted: boolean): Promise<Alert[]> {
  const drifted = snapshot.drift.filter((d) => d.drifted);
  const signals: AlertSignal[] = [];
  if (datasetDrifted) {
    signals.push({
      type: AlertType.DRIFT_DETECTED,
      severity: AlertSeverity.CRITICAL,
      dedupKey: `${AlertType.DRIFT_DETECTED}:${model.id}`,
      title: `Data drift: ${model.name}`,
      message: `${drifted.length} of ${snapshot.drift.length} features drifted in snapshot ${snapshot.id}: ${drifted.map(describe).join(', ')}`,
    });
  } else {
    for (const d of drifted) {
      signals.push({
        type: AlertType.DRIFT_DETECTED,
        severity: AlertSeverity.WARNING,
        dedupKey: `${AlertType.DRIFT_DETECTED}:${model.id}:${d.feature}`,
        title: `Feature drift: ${d.feature} of ${model.name}`,
        message: `${describe(d)} in snapshot ${snapshot.id}`,
      });
    }
  }
  const alerts: Alert[] = [];
  for (const signal of signals) alerts.push(await raiseAlert(em, ctx, model, signal, snapshot.recordedAt));
  return alerts;
}

/**
 * Queues a TRAIN run with trigger DRIFT for the drifted snapshot (idempotency key `drift:<snapshot>`),
 * in the caller's transaction, on the data set of the model's latest successful TRAIN run (the
 * family's default otherwise). Null when a drift retrain of the model is still QUEUED or RUNNING:
 * sustained drift does not pile up retrains.
 */
export async function queueDriftRetrain(em: EntityManager, ctx: Context, model: Model, snapshot: MonitorSnapshot): Promise<Run | null> {
  // Concurrent drifted samples of the model take turns here, so only one of them queues.
  await em.execute('select id from model where id = ? for update', [model.id]);
  const pending = await em.count(Run, { model: model.id, type: RunType.TRAIN, trigger: RunTrigger.DRIFT, status: { $in: [RunStatus.QUEUED, RunStatus.RUNNING] } });
  if (pending > 0) return null;
  const previous = await em.findOne(Run, { model: model.id, type: RunType.TRAIN, status: RunStatus.SUCCEEDED }, { orderBy: { createdAt: 'DESC', id: 'DESC' } });
  const dataset = previous?.dataset ? { seed: previous.dataset.seed, size: previous.dataset.size as DatasetSize } : undefined;
  const system: Context = { ...ctx, em, loaders: new Loaders(), caller: { ...ctx.caller, actor: DRIFT_RETRAIN_ACTOR } };
  return queueRun(system, {
    modelId: model.id,
    type: RunType.TRAIN,
    trigger: RunTrigger.DRIFT,
    params: [{ key: 'reason', value: `data set drift in snapshot ${snapshot.id}` }],
    dataset,
    idempotencyKey: `drift:${snapshot.id}`,
  });
}
