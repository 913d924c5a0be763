import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { assertUnreachable, ConflictError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { dehydrate } from '../../platform/materialize.js';
import { containsPattern, countAll, cursorFor, findPage, type PageRequest, type SortSpec, type Where } from '../../platform/pagination.js';
import { childrenLoader, getOrNotFound, isUuid } from '../../platform/repository.js';
import { recordAudit } from '../audit/audit.service.js';
import { Alert } from './alert.entity.js';
import { ALERT_TRANSITIONS, AlertSeverity, AlertStatus, SEVERITY_RANK } from './alert.enums.js';
import { type AlertFilter, type AlertOrder, AlertSortField } from './alert.inputs.js';
import type { AlertCounts } from './alert.types.js';

export function severitiesAtLeast(min: AlertSeverity): AlertSeverity[] {
  return SEVERITY_RANK.slice(SEVERITY_RANK.indexOf(min));
}

function alertWhere(workspaceId: string, filter: AlertFilter | undefined): Where {
  return (qb) => {
    qb.where('t.workspace_id', workspaceId);
    if (filter?.statuses?.length) qb.whereIn('t.status', filter.statuses);
    if (filter?.types?.length) qb.whereIn('t.type', filter.types);
    if (filter?.minSeverity) qb.whereIn('t.severity', severitiesAtLeast(filter.minSeverity));
    if (filter?.modelId) {
      if (isUuid(filter.modelId)) qb.where('t.model_id', filter.modelId);
      else qb.whereRaw('false');
    }
    if (filter?.search) qb.whereILike('t.title', containsPattern(filter.search));
  };
}

function alertSort(order: AlertOrder): SortSpec {
  return order.field === AlertSortField.CREATED_AT
    ? { field: order.field, property: 'createdAt', column: 'created_at', direction: order.direction, kind: 'date' }
    : { field: order.field, property: 'lastSeenAt', column: 'last_seen_at', direction: order.direction, kind: 'date' };
}

export async function listAlerts(ctx: Context, filter: AlertFilter | undefined, order: AlertOrder, page: PageRequest) {
  const where = alertWhere(workspaceOf(ctx), filter);
  const sort = alertSort(order);
  const rows = await findPage(ctx.em, Alert, where, sort, page);
  return toConnection(rows, page.first, page.after, cursorFor(sort), () => countAll(ctx.em, Alert, where));
}

/** Alerts matching the filter, counted per severity (highest first, zeros included) in one grouped statement. */
export async function alertCounts(ctx: Context, filter: AlertFilter | undefined): Promise<AlertCounts> {
  const knex = ctx.em.getKnex();
  const qb = knex
    .select('t.severity', knex.raw('count(*)::int as count'), knex.raw(`(count(*) filter (where t.status = 'OPEN'))::int as open`))
    .from({ t: 'alert' })
    .groupBy('t.severity');
  alertWhere(workspaceOf(ctx), filter)(qb);
  const rows = (await ctx.em.execute(qb)) as { severity: AlertSeverity; count: number; open: number }[];
  const bySeverity = [...SEVERITY_RANK].reverse().map((severity) => ({ severity, count: rows.find((r) => r.severity === severity)?.count ?? 0 }));
  return {
    total: rows.reduce((sum, r) => sum + r.count, 0),
    open: rows.reduce((sum, r) => sum + r.open, 0),
    bySeverity,
  };
}

export function getAlert(ctx: Context, id: string) {
  return getOrNotFound(ctx, Alert, id, 'Alert');
}

export function alertsOfModel(ctx: Context, modelId: string) {
  return childrenLoader(ctx, Alert, 'model', { lastSeenAt: 'DESC' }).load(modelId);
}

/** Outbox event for `alertRaised` / `alertUpdated` subscribers (published after commit). */
export async function emitAlertEvent(em: EntityManager, workspaceId: string, alert: Alert, topic: 'ALERT_RAISED' | 'ALERT_UPDATED'): Promise<void> {
  const common = { alertId: alert.id, type: alert.type, severity: alert.severity, alert: dehydrate(em, Alert, alert) };
  const subject = { modelId: alert.model?.id ?? null, subjectId: alert.id };
  if (topic === 'ALERT_RAISED') await emitEvent(em, workspaceId, topic, subject, common);
  else await emitEvent(em, workspaceId, topic, subject, { ...common, status: alert.status });
}

const ACTIONS = { [AlertStatus.ACKNOWLEDGED]: 'alert.acknowledge', [AlertStatus.RESOLVED]: 'alert.resolve', [AlertStatus.DISMISSED]: 'alert.dismiss' } as const;
type TargetStatus = keyof typeof ACTIONS;

function stamp(alert: Alert, status: TargetStatus, actor: string, at: Date, note: string | undefined): void {
  switch (status) {
    case AlertStatus.ACKNOWLEDGED:
      Object.assign(alert, { acknowledgedBy: actor, acknowledgedAt: at });
      return;
    case AlertStatus.RESOLVED:
      Object.assign(alert, { resolvedBy: actor, resolvedAt: at, resolutionNote: note });
      return;
    case AlertStatus.DISMISSED:
      Object.assign(alert, { dismissedBy: actor, dismissedAt: at, dismissalReason: note });
      return;
    default:
      assertUnreachable(status);
  }
}

/**
 * Moves an alert along its lifecycle (ALERT_TRANSITIONS), recording who and when, with an audit
 * event and an ALERT_UPDATED event. Any other transition is CONFLICT naming both states.
 */
export async function changeAlertStatus(ctx: Context, id: string, status: TargetStatus, note?: string): Promise<Alert> {
  const workspaceId = workspaceOf(ctx);
  await getAlert(ctx, id);
  return ctx.em.transactional(async (em) => {
    const alert = await em.findOneOrFail(Alert, { id, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!ALERT_TRANSITIONS[alert.status].includes(status)) {
      throw new ConflictError(`Alert ${alert.id} is ${alert.status}; it cannot become ${status}`, { current: alert.status, requested: status });
    }
    const before = alert.status;
    alert.status = status;
    stamp(alert, status, ctx.caller.actor, new Date(), note);
    recordAudit(em, ctx, { action: ACTIONS[status], subjectType: 'Alert', subjectId: alert.id, before: { status: before }, after: { status }, reason: note });
    await em.flush();
    await emitAlertEvent(em, workspaceId, alert, 'ALERT_UPDATED');
    return alert;
  });
}
