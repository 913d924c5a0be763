import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { SortDirection } from '../../platform/connection.js';
import { NotFoundError, type Problem, ValidationFailedError } from '../../platform/errors.js';
import { countAll, cursorFor, findPage, type PageRequest, type SortSpec, type Where } from '../../platform/pagination.js';
import { isUuid } from '../../platform/repository.js';
import { recordAudit } from '../audit/audit.service.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { ApiKey } from './api-key.entity.js';
import { ForbiddenError } from './auth-checker.js';
import { apiKeyPrefix, newApiKeySecret, sha256 } from './credentials.js';
import { Role, roleAtLeast } from './roles.js';

export interface NewApiKey {
  name: string;
  role: Role;
  expiresAt?: Date | null;
}

function keyProblems(input: NewApiKey, now: Date): Problem[] {
  const problems: Problem[] = [];
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) problems.push({ path: 'input.name', message: 'must be 1–100 characters' });
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) problems.push({ path: 'input.expiresAt', message: 'must be in the future' });
  return problems;
}

/**
 * Issues a key of a workspace (no caller checks: the resolver's rule, or a trusted script such as
 * the seed and the test harness). Returns the key and its secret, which is stored only as a hash.
 */
export function issueApiKey(em: EntityManager, workspaceId: string, input: NewApiKey, createdBy: string): { apiKey: ApiKey; secret: string } {
  const secret = newApiKeySecret();
  const apiKey = em.create(ApiKey, {
    workspace: em.getReference(Workspace, workspaceId),
    name: input.name.trim(),
    role: input.role,
    prefix: apiKeyPrefix(secret),
    secretHash: sha256(secret),
    createdBy,
    expiresAt: input.expiresAt ?? undefined,
  });
  return { apiKey, secret };
}

/** `createApiKey`: a key of the caller's workspace with at most the caller's role; audited as `apiKey.create`. */
export async function createApiKey(ctx: Context, input: NewApiKey): Promise<{ apiKey: ApiKey; secret: string }> {
  const workspaceId = workspaceOf(ctx);
  const problems = keyProblems(input, new Date());
  if (problems.length) throw new ValidationFailedError(problems);
  if (!roleAtLeast(ctx.caller.role, input.role)) throw new ForbiddenError(`A key can have at most your own role (${ctx.caller.role})`, { role: input.role });
  return ctx.em.transactional(async (em) => {
    const created = issueApiKey(em, workspaceId, input, ctx.caller.actor);
    await em.flush();
    recordAudit(em, ctx, { action: 'apiKey.create', subjectType: 'ApiKey', subjectId: created.apiKey.id, after: { name: created.apiKey.name, role: created.apiKey.role, prefix: created.apiKey.prefix, expiresAt: created.apiKey.expiresAt?.toISOString() ?? null } });
    return created;
  });
}

/** Revokes a key of the caller's workspace: it is refused at once, and its live subscriptions end. Revoking twice changes nothing. */
export async function revokeApiKey(ctx: Context, id: string): Promise<ApiKey> {
  const workspaceId = workspaceOf(ctx);
  if (!isUuid(id)) throw new NotFoundError('ApiKey', id);
  const key = await ctx.em.transactional(async (em) => {
    const key = await em.findOne(ApiKey, { id, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!key) throw new NotFoundError('ApiKey', id);
    if (key.revokedAt) return key;
    key.revokedAt = new Date();
    recordAudit(em, ctx, { action: 'apiKey.revoke', subjectType: 'ApiKey', subjectId: key.id, before: { revokedAt: null }, after: { name: key.name, revokedAt: key.revokedAt.toISOString() } });
    return key;
  });
  ctx.access?.revoke({ keys: [`apikey:${key.id}`], code: 'UNAUTHENTICATED', reason: 'The API key was revoked' });
  return key;
}

const NEWEST_FIRST: SortSpec = { field: 'CREATED_AT', property: 'createdAt', column: 'created_at', direction: SortDirection.DESC, kind: 'date' };

export async function listApiKeys(ctx: Context, includeRevoked: boolean, page: PageRequest) {
  const workspaceId = workspaceOf(ctx);
  const where: Where = (qb) => {
    qb.where('t.workspace_id', workspaceId);
    if (!includeRevoked) qb.whereNull('t.revoked_at');
  };
  const rows = await findPage(ctx.em, ApiKey, where, NEWEST_FIRST, page);
  return toConnection(rows, page.first, page.after, cursorFor(NEWEST_FIRST), () => countAll(ctx.em, ApiKey, where));
}
