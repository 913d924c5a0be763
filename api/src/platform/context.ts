import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from './errors.js';
import type { EventBus } from './events/bus.js';
import type { JobQueue } from './jobs/queue.js';
import { Loaders } from './loaders.js';

/** Who is calling. Until authentication lands, the workspace comes from the `x-workspace` header (default: the demo workspace). */
export interface Caller {
  workspaceSlug: string;
  /** Null when the selected workspace does not exist (only `createWorkspace` works then). */
  workspaceId: string | null;
  actor: string;
}

export interface Context {
  em: EntityManager;
  loaders: Loaders;
  caller: Caller;
  /** The live event channel (process-wide; subscriptions read from it). */
  bus: EventBus;
  /** The job queue runs are sent to (absent in processes that queue nothing). */
  queue?: JobQueue;
}

/** The caller's workspace id, or NOT_FOUND when the selected workspace does not exist. */
export function workspaceOf(ctx: Context): string {
  if (!ctx.caller.workspaceId) {
    throw new DomainError('NOT_FOUND', `Workspace ${ctx.caller.workspaceSlug} was not found`, { entity: 'Workspace', id: ctx.caller.workspaceSlug });
  }
  return ctx.caller.workspaceId;
}
