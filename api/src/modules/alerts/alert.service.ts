import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { containsPattern, countAll, cursorFor, findPage, type PageRequest, type SortSpec, type Where } from '../../platform/pagination.js';
import { childrenLoader, getOrNotFound, isUuid } from '../../platform/repository.js';
import { Alert } from './alert.entity.js';
import { AlertSeverity } from './alert.enums.js';
import { type AlertFilter, type AlertOrder, AlertSortField } from './alert.inputs.js';

const SEVERITY_RANK: AlertSeverity[] = [AlertSeverity.INFO, AlertSeverity.WARNING, AlertSeverity.CRITICAL];

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

export function getAlert(ctx: Context, id: string) {
  return getOrNotFound(ctx, Alert, id, 'Alert');
}

export function alertsOfModel(ctx: Context, modelId: string) {
  return childrenLoader(ctx, Alert, 'model', { lastSeenAt: 'DESC' }).load(modelId);
}
