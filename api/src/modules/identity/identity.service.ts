import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../platform/context.js';
import { applyScope } from '../../platform/db/scope.js';
import { ConflictError, type Problem, ValidationFailedError } from '../../platform/errors.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { ApiKey } from './api-key.entity.js';
import { UnauthenticatedError } from './auth-checker.js';
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, newSecret, SESSION_COOKIE, SESSION_TTL_MS, sha256, verifyPassword } from './credentials.js';
import type { MembershipView, SignInResult, Viewer } from './identity.types.js';
import { Membership } from './membership.entity.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailProblems(email: string, path: string): Problem[] {
  return EMAIL.test(email.trim()) && email.trim().length <= 254 ? [] : [{ path, message: 'must be an email address' }];
}

export function passwordProblems(password: string | undefined, path: string): Problem[] {
  if (password === undefined || password.length < MIN_PASSWORD_LENGTH) return [{ path, message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }];
  if (password.length > 1000) return [{ path, message: 'must be at most 1000 characters' }];
  return [];
}

export function nameProblems(name: string | undefined, path: string): Problem[] {
  const trimmed = name?.trim() ?? '';
  return trimmed.length >= 1 && trimmed.length <= 200 ? [] : [{ path, message: 'must be 1–200 characters' }];
}

export async function findUserByEmail(em: EntityManager, email: string): Promise<User | null> {
  const [row] = (await em.execute(`select "id" from "app_user" where lower("email") = ?`, [normalizeEmail(email)])) as { id: string }[];
  return row ? em.findOneOrFail(User, row.id, { populate: ['passwordHash'] }) : null;
}

/** A new account (inside the caller's transaction when `em` is one). CONFLICT when the email is taken. */
export async function createUser(em: EntityManager, input: { email: string; name: string; password: string }, pathPrefix = 'input'): Promise<User> {
  const problems = [...emailProblems(input.email, `${pathPrefix}.email`), ...nameProblems(input.name, `${pathPrefix}.name`), ...passwordProblems(input.password, `${pathPrefix}.password`)];
  if (problems.length) throw new ValidationFailedError(problems);
  if (await findUserByEmail(em, input.email)) throw new ConflictError(`An account for ${normalizeEmail(input.email)} already exists`, { email: normalizeEmail(input.email) });
  const user = em.create(User, { email: normalizeEmail(input.email), name: input.name.trim(), passwordHash: await hashPassword(input.password) });
  await em.flush();
  return user;
}

/** The user's workspaces and roles, oldest workspace first. */
export async function membershipsOf(em: EntityManager, userId: string): Promise<MembershipView[]> {
  const rows = await em.find(Membership, { user: userId }, { populate: ['workspace'] });
  return rows
    .sort((a, b) => a.workspace.createdAt.getTime() - b.workspace.createdAt.getTime() || a.workspace.id.localeCompare(b.workspace.id))
    .map((m) => ({ workspace: m.workspace, role: m.role }));
}

function cookieOptions(ctx: Context, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: ctx.secureCookies === true, ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }) };
}

/**
 * Checks the password and opens a session: its token is returned and set as the HttpOnly
 * `modelyard_session` cookie. A wrong email and a wrong password are the same UNAUTHENTICATED.
 */
export async function signIn(ctx: Context, input: { email: string; password: string }): Promise<SignInResult> {
  const user = await findUserByEmail(ctx.em, input.email);
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (!user || !valid) throw new UnauthenticatedError('Wrong email or password');
  const token = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await ctx.em.transactional(async (tx) => {
    tx.create(Session, { tokenHash: sha256(token), user: tx.getReference(User, user.id), expiresAt });
    // Expired sessions of this user go when they sign in again.
    await tx.nativeDelete(Session, { user: user.id, expiresAt: { $lte: new Date() } });
  });
  ctx.res?.cookie(SESSION_COOKIE, token, cookieOptions(ctx, SESSION_TTL_MS));
  // The request began as nobody's: row-level security now lets it read this user's memberships.
  if (ctx.em.isInTransaction()) await applyScope(ctx.em, { workspaceId: ctx.caller.workspaceId, userId: user.id });
  return { user, token, expiresAt, memberships: await membershipsOf(ctx.em, user.id) };
}

/** Ends the caller's session (its live subscriptions stop) and clears the cookie. */
export async function signOut(ctx: Context): Promise<boolean> {
  const sessionId = ctx.caller.sessionId;
  if (sessionId) {
    await ctx.em.nativeDelete(Session, { id: sessionId });
    ctx.access?.revoke({ keys: [`session:${sessionId}`], code: 'UNAUTHENTICATED', reason: 'Signed out' });
  }
  ctx.res?.clearCookie(SESSION_COOKIE, cookieOptions(ctx));
  return true;
}

/** Changes the signed-in user's password; their other sessions end. */
export async function changePassword(ctx: Context, input: { currentPassword: string; newPassword: string }): Promise<boolean> {
  const userId = ctx.caller.user!.id;
  const user = await ctx.em.findOneOrFail(User, userId, { populate: ['passwordHash'] });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ValidationFailedError([{ path: 'input.currentPassword', message: 'is not your current password' }]);
  }
  const problems = passwordProblems(input.newPassword, 'input.newPassword');
  if (problems.length) throw new ValidationFailedError(problems);
  const passwordHash = await hashPassword(input.newPassword);
  const others = await ctx.em.find(Session, { user: userId, ...(ctx.caller.sessionId ? { id: { $ne: ctx.caller.sessionId } } : {}) }, { fields: ['id'] });
  await ctx.em.transactional(async (tx) => {
    await tx.nativeUpdate(User, { id: userId }, { passwordHash, updatedAt: new Date() });
    if (others.length) await tx.nativeDelete(Session, { id: { $in: others.map((s) => s.id) } });
  });
  if (others.length) ctx.access?.revoke({ keys: others.map((s) => `session:${s.id}` as const), code: 'UNAUTHENTICATED', reason: 'The password was changed' });
  return true;
}

/** The caller (null when anonymous). */
export async function viewer(ctx: Context): Promise<Viewer | null> {
  const { caller } = ctx;
  if (!caller.authenticated) return null;
  const workspace = caller.workspaceId ? await ctx.em.findOne(Workspace, caller.workspaceId) : null;
  if (caller.apiKeyId) {
    const apiKey = await ctx.em.findOne(ApiKey, caller.apiKeyId);
    return { user: null, apiKey, workspace, role: caller.role ?? null, memberships: workspace && caller.role ? [{ workspace, role: caller.role }] : [] };
  }
  const user = await ctx.em.findOne(User, caller.user!.id);
  return { user, apiKey: null, workspace, role: caller.role ?? null, memberships: await membershipsOf(ctx.em, caller.user!.id) };
}
