import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { countAll, cursorFor, findPage, type PageRequest, type SortSpec, type Where } from '../../platform/pagination.js';
import { isUuid } from '../../platform/repository.js';
import { SortDirection } from '../../platform/connection.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  reason?: string;
}

/**
 * Records a state change inside the caller's transaction (`em` is the transactional EntityManager),
 * so the audit event commits or rolls back with the change itself.
 */
export function recordAudit(em: EntityManager, ctx: Context, entry: AuditEntry, at = new Date()): AuditEvent {
  return em.create(AuditEvent, {
    workspace: em.getReference(Workspace, workspaceOf(ctx)),
    actor: ctx.caller.actor,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    before: entry.before,
    after: entry.after,
    reason: entry.reason,
    createdAt: at,
  });
}

export interface AuditFilter {
  subjectId?: string;
  subjectType?: string;
  action?: string;
}

const NEWEST_FIRST: SortSpec = { field: 'CREATED_AT', property: 'createdAt', column: 'created_at', direction: SortDirection.DESC, kind: 'date' };

export async function listAuditEvents(ctx: Context, filter: AuditFilter | undefined, page: PageRequest) {
  const workspaceId = workspaceOf(ctx);
  const where: Where = (qb) => {
    qb.where('t.workspace_id', workspaceId);
    if (filter?.subjectId !== undefined) {
      if (isUuid(filter.subjectId)) qb.where('t.subject_id', filter.subjectId);
      else qb.whereRaw('false');
    }
    if (filter?.subjectType) qb.where('t.subject_type', filter.subjectType);
    if (filter?.action) qb.where('t.action', filter.action);
  };
  const rows = await findPage(ctx.em, AuditEvent, where, NEWEST_FIRST, page);
  return toConnection(rows, page.first, page.after, cursorFor(NEWEST_FIRST), () => countAll(ctx.em, AuditEvent, where));
}
