import type { GraphQLSchema } from 'graphql';
import { getMetadataStorage, type AuthChecker } from 'type-graphql';
import type { Context } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { type Access, Role, roleAtLeast, ROOT_FIELD_RULES } from './roles.js';

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in, or send an API key (`Authorization: Bearer myk_…`)') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, details);
  }
}

/** Throws unless the caller has credentials that still hold (not expired, not revoked since they were read). */
export function requireAuthenticated(ctx: Context): void {
  if (!ctx.caller.authenticated) throw new UnauthenticatedError();
  const revoked = ctx.grant && ctx.access?.check(ctx.grant);
  if (revoked) throw revoked.code === 'FORBIDDEN' ? new ForbiddenError('You are no longer a member of this workspace') : new UnauthenticatedError(revoked.reason);
}

/** Throws unless the caller holds `required` (or a higher role) in the selected workspace. */
export function requireRole(ctx: Context, required: Role): void {
  requireAuthenticated(ctx);
  const { role, workspaceSlug } = ctx.caller;
  if (!role || !ctx.caller.workspaceId) {
    throw new ForbiddenError(ctx.caller.apiKeyId ? `This API key belongs to another workspace than ${workspaceSlug}` : `You are not a member of workspace ${workspaceSlug || '(none selected)'}`, { workspace: workspaceSlug });
  }
  if (!roleAtLeast(role, required)) throw new ForbiddenError(`This needs the ${required} role; you are ${role} in ${workspaceSlug}`, { required, role });
}

/**
 * type-graphql's auth checker: `@Authorized(Role.X)` needs role X or above in the selected
 * workspace; `@Authorized()` needs a signed-in user. Refusals are UNAUTHENTICATED (no, bad, expired
 * or revoked credentials) and FORBIDDEN (role too low, not a member, a key of another workspace).
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  if (roles.length === 0) {
    requireAuthenticated(context);
    if (!context.caller.user) throw new ForbiddenError('This needs a signed-in user, not an API key');
    return true;
  }
  requireRole(context, roles[0]!);
  return true;
};

const accessOf = (roles: readonly unknown[] | undefined): Access => (roles === undefined ? 'PUBLIC' : roles.length === 0 ? 'USER' : (roles[0] as Role));

/**
 * Refuses a schema in which a root field has no rule in ROOT_FIELD_RULES, or whose `@Authorized`
 * decorator disagrees with it (default deny: a new field without a rule does not start).
 */
export function assertRootFieldRules(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const decorated = new Map<string, Access>();
  for (const [type, list] of [['Query', storage.queries], ['Mutation', storage.mutations], ['Subscription', storage.subscriptions]] as const) {
    for (const handler of list) decorated.set(`${type}.${handler.schemaName}`, accessOf(handler.roles));
  }
  const problems: string[] = [];
  for (const type of ['Query', 'Mutation', 'Subscription'] as const) {
    const root = type === 'Query' ? schema.getQueryType() : type === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    for (const name of Object.keys(root?.getFields() ?? {})) {
      const rule = ROOT_FIELD_RULES[type][name];
      const actual = decorated.get(`${type}.${name}`);
      if (!rule) problems.push(`${type}.${name} has no rule in ROOT_FIELD_RULES (modules/identity/roles.ts)`);
      else if (actual !== rule) problems.push(`${type}.${name}: ROOT_FIELD_RULES says ${rule}, @Authorized says ${actual ?? 'nothing'}`);
    }
  }
  if (problems.length) throw new Error(`Authorization rules are incomplete:\n  ${problems.join('\n  ')}`);
}
