import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { ConflictError, NotFoundError, type Problem, ValidationFailedError } from '../../platform/errors.js';
import { isUuid } from '../../platform/repository.js';
import { recordAudit } from '../audit/audit.service.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { createUser, emailProblems, findUserByEmail, nameProblems, normalizeEmail, passwordProblems } from './identity.service.js';
import type { WorkspaceMember } from './identity.types.js';
import { Membership } from './membership.entity.js';
import { Role } from './roles.js';
import { User } from './user.entity.js';

const toMember = (m: Membership): WorkspaceMember => ({ user: m.user, role: m.role, addedAt: m.createdAt });

/** Makes a user a member (no caller checks: createWorkspace, the seed, the harness). */
export function addMembership(em: EntityManager, workspaceId: string, userId: string, role: Role): Membership {
  return em.create(Membership, { workspace: em.getReference(Workspace, workspaceId), user: em.getReference(User, userId), role });
}

export async function listMembers(ctx: Context): Promise<WorkspaceMember[]> {
  const rows = await ctx.em.find(Membership, { workspace: workspaceOf(ctx) }, { populate: ['user'], orderBy: { createdAt: 'asc', id: 'asc' } });
  return rows.map(toMember);
}

/**
 * Adds a member; a new email gets an account (then `name` and `password` are required). CONFLICT
 * when already a member. Audited as `member.add`.
 */
export async function addMember(ctx: Context, input: { email: string; name?: string | null; role: Role; password?: string | null }): Promise<WorkspaceMember> {
  const workspaceId = workspaceOf(ctx);
  const problems: Problem[] = emailProblems(input.email, 'input.email');
  if (problems.length) throw new ValidationFailedError(problems);
  return ctx.em.transactional(async (em) => {
    let user = await findUserByEmail(em, input.email);
    if (!user) {
      const missing = [...nameProblems(input.name ?? undefined, 'input.name'), ...passwordProblems(input.password ?? undefined, 'input.password')];
      if (missing.length) throw new ValidationFailedError(missing.map((p) => ({ ...p, message: `${p.message} (${normalizeEmail(input.email)} has no account yet)` })));
      user = await createUser(em, { email: input.email, name: input.name!, password: input.password! });
    }
    if (await em.count(Membership, { workspace: workspaceId, user: user.id })) throw new ConflictError(`${user.email} is already a member`, { userId: user.id });
    const membership = addMembership(em, workspaceId, user.id, input.role);
    await em.flush();
    recordAudit(em, ctx, { action: 'member.add', subjectType: 'User', subjectId: user.id, after: { email: user.email, role: input.role } });
    return { user, role: membership.role, addedAt: membership.createdAt };
  });
}

/** The membership of `userId`, locked, with the workspace's ADMIN count (for the last-ADMIN rule). */
async function lockedMembership(em: EntityManager, workspaceId: string, userId: string): Promise<{ membership: Membership; admins: number }> {
  if (!isUuid(userId)) throw new NotFoundError('WorkspaceMember', userId);
  // Every membership of the workspace is locked, so two concurrent demotions cannot both pass the rule.
  const all = await em.find(Membership, { workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['user'] });
  const membership = all.find((m) => m.user.id === userId);
  if (!membership) throw new NotFoundError('WorkspaceMember', userId);
  return { membership, admins: all.filter((m) => m.role === Role.ADMIN).length };
}

/** Changes a member's role; the last ADMIN cannot be demoted (CONFLICT). Audited as `member.role`. */
export async function changeMemberRole(ctx: Context, input: { userId: string; role: Role }): Promise<WorkspaceMember> {
  const workspaceId = workspaceOf(ctx);
  const member = await ctx.em.transactional(async (em) => {
    const { membership, admins } = await lockedMembership(em, workspaceId, input.userId);
    const before = membership.role;
    if (before === input.role) return toMember(membership);
    if (before === Role.ADMIN && admins <= 1) throw new ConflictError('The last ADMIN of a workspace cannot be demoted', { userId: input.userId });
    membership.role = input.role;
    recordAudit(em, ctx, { action: 'member.role', subjectType: 'User', subjectId: input.userId, before: { role: before }, after: { role: input.role } });
    return toMember(membership);
  });
  // Requests read the role each time; live subscriptions need only VIEWER, which every member has.
  return member;
}

/** Removes a member (not the last ADMIN: CONFLICT); their live subscriptions of this workspace end. Audited as `member.remove`. */
export async function removeMember(ctx: Context, userId: string): Promise<boolean> {
  const workspaceId = workspaceOf(ctx);
  await ctx.em.transactional(async (em) => {
    const { membership, admins } = await lockedMembership(em, workspaceId, userId);
    if (membership.role === Role.ADMIN && admins <= 1) throw new ConflictError('The last ADMIN of a workspace cannot be removed', { userId });
    recordAudit(em, ctx, { action: 'member.remove', subjectType: 'User', subjectId: userId, before: { email: membership.user.email, role: membership.role } });
    em.remove(membership);
  });
  ctx.access?.revoke({ keys: [`member:${userId}:${workspaceId}`], code: 'FORBIDDEN', reason: 'Removed from the workspace' });
  return true;
}
