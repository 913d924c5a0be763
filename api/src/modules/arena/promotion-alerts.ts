import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../platform/context.js';
import { Alert } from '../alerts/alert.entity.js';
import { AlertSeverity, AlertStatus, AlertType } from '../alerts/alert.enums.js';
import { emitAlertEvent } from '../alerts/alert.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import type { Arena } from './arena.entity.js';
import type { PromotionDecision } from './promotion-policy.types.js';

const OPEN_STATUSES = [AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED];

export const promotionDedupKey = (arenaId: string, modelId: string) => `PROMOTION_PENDING:${arenaId}:${modelId}`;

/**
 * PROMOTION_PENDING (INFO) for a challenger whose drift- or degradation-triggered run succeeded: a
 * person approves or rejects it. An open alert for the same arena and challenger is not duplicated:
 * its count and last-seen time grow.
 */
export async function raisePromotionPending(em: EntityManager, arena: Arena, model: Model, run: Run, decision: PromotionDecision, at: Date): Promise<Alert> {
  const dedupKey = promotionDedupKey(arena.id, model.id);
  const message = `A ${run.trigger} run of ${model.name} succeeded; it stays a challenger of arena "${arena.name}" until someone approves or rejects its promotion. ${decision.reasons[0]}.`;
  const open = await em.findOne(Alert, { workspace: arena.workspace.id, dedupKey, status: { $in: OPEN_STATUSES } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (open) {
    open.count += 1;
    open.lastSeenAt = at;
    open.message = message;
    open.run = em.getReference(Run, run.id);
    await em.flush();
    await emitAlertEvent(em, arena.workspace.id, open, 'ALERT_UPDATED');
    return open;
  }
  const alert = em.create(Alert, {
    workspace: arena.workspace,
    model,
    run: em.getReference(Run, run.id),
    type: AlertType.PROMOTION_PENDING,
    severity: AlertSeverity.INFO,
    title: `Promotion pending: ${model.name} in ${arena.name}`,
    message,
    dedupKey,
    firstSeenAt: at,
    lastSeenAt: at,
    createdAt: at,
  });
  await em.flush();
  await emitAlertEvent(em, arena.workspace.id, alert, 'ALERT_RAISED');
  return alert;
}

/** Resolves the open PROMOTION_PENDING alert of a challenger (the promotion was approved, rejected or dropped). */
export async function resolvePromotionPending(em: EntityManager, ctx: Context, arena: Arena, modelId: string, note: string): Promise<void> {
  const open = await em.find(Alert, { workspace: arena.workspace.id, dedupKey: promotionDedupKey(arena.id, modelId), status: { $in: OPEN_STATUSES } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  for (const alert of open) {
    const before = alert.status;
    alert.status = AlertStatus.RESOLVED;
    alert.resolvedAt = new Date();
    alert.resolvedBy = ctx.caller.actor;
    alert.resolutionNote = note;
    recordAudit(em, ctx, { action: 'alert.resolve', subjectType: 'Alert', subjectId: alert.id, before: { status: before }, after: { status: alert.status }, reason: note });
    await em.flush();
    await emitAlertEvent(em, arena.workspace.id, alert, 'ALERT_UPDATED');
  }
}
