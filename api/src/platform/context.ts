import type { EntityManager } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import type { AccessRevocations, Grant } from '../modules/identity/revocations.js';
import type { Role } from '../modules/identity/roles.js';
import { DomainError } from './errors.js';
import type { EventBus } from './events/bus.js';
import type { JobQueue } from './jobs/queue.js';
import { Loaders } from './loaders.js';

/**
 * Who is calling (resolved from an API key or a session, see modules/identity/caller.service.ts).
 * JSON-safe and the same for every request made with the same credentials (subscription results
 * are shared per caller, see events/execution.ts).
 */
export interface Caller {
  /** The selected workspace (an API key's own; a session user's `x-workspace`, cookie or first membership). */
  workspaceSlug: string;
  /** Null when the caller may not use the selected workspace (not a member, or it does not exist). */
  workspaceId: string | null;
  /** Who the audit log records: the user's email, `apikey:<name>`, or `system:…` for the API's own work. */
  actor: string;
  /** False without (valid) credentials: only `signIn` and `viewer` answer then. */
  authenticated: boolean;
  /** The signed-in user (sessions and users' Bearer session tokens). */
  user?: { id: string; email: string; name: string };
  sessionId?: string;
  apiKeyId?: string;
  /** The caller's role in the selected workspace (absent: no access to it). */
  role?: Role;
}

export interface Context {
  em: EntityManager;
  loaders: Loaders;
  caller: Caller;
  /** The live event channel (process-wide; subscriptions read from it). */
  bus: EventBus;
  /** The job queue runs are sent to (absent in processes that queue nothing). */
  queue?: JobQueue;
  /** The HTTP response (HTTP requests only): `signIn` / `signOut` set the session cookie on it. */
  res?: Response;
  /** Session cookies carry `Secure` (NODE_ENV=production, from env.ts through the server's limits). */
  secureCookies?: boolean;
  /** The credentials behind `caller` (API requests with credentials): live subscriptions end when they are revoked or expire. */
  grant?: Grant;
  /** Revocation notices (API processes). */
  access?: AccessRevocations;
}

/** The caller's workspace id (the auth checker has made sure there is one for every workspace-scoped field). */
export function workspaceOf(ctx: Context): string {
  if (!ctx.caller.workspaceId) {
    throw new DomainError('NOT_FOUND', `Workspace ${ctx.caller.workspaceSlug} was not found`, { entity: 'Workspace', id: ctx.caller.workspaceSlug });
  }
  return ctx.caller.workspaceId;
}
