import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { Caller } from '../context.js';

/**
 * The PostgreSQL role API requests run as. It owns no table, so the row-level security policies of
 * migration RowLevelSecurity apply to it: a statement sees and writes only rows of the workspace set
 * with {@link beginScoped} (and, for memberships and workspaces, the signed-in user's own).
 */
export const API_DB_ROLE = 'modelyard_api';

/** Whose rows a request's statements may touch. Null: none (an anonymous caller sees no workspace rows). */
export interface DbScope {
  workspaceId: string | null;
  userId: string | null;
}

/** The database scope of a caller: its workspace (when it may use it) and its signed-in user. */
export function scopeOf(caller: Caller): DbScope {
  return { workspaceId: caller.workspaceId ?? null, userId: caller.user?.id ?? null };
}

/**
 * Switches the current transaction to {@link API_DB_ROLE} with the given scope. `set_config(…, true)`
 * is `SET LOCAL`: it ends with the transaction, so a pooled connection never carries it to the next
 * request. Also used to widen the scope inside a request (signIn sets the user it has verified).
 */
export async function applyScope(em: EntityManager, scope: DbScope): Promise<void> {
  await em.execute(`select set_config('role', ?, true), set_config('app.workspace_id', ?, true), set_config('app.user_id', ?, true)`, [API_DB_ROLE, scope.workspaceId ?? '', scope.userId ?? '']);
}

type Callback = (error: Error | null, result?: unknown) => void;
interface PgConnection {
  query(...args: unknown[]): unknown;
  [SERIALISED]?: true;
}
const SERIALISED = Symbol('modelyard.serialisedQueries');

/**
 * A request's transaction serves concurrent resolvers (the DataLoaders of parallel fields) over one
 * connection. pg 8 queues a query sent while another one runs, but deprecates it (pg 9 refuses it), so
 * the callback-style queries knex sends are queued here instead: one at a time, in the order sent —
 * what pg did, without the warning. Installed once per pooled connection.
 */
function serialiseQueries(connection: PgConnection): void {
  if (connection[SERIALISED]) return;
  const query = connection.query.bind(connection);
  let tail = Promise.resolve();
  connection.query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback !== 'function') return query(...args);
    tail = tail.then(
      () =>
        new Promise<void>((done) => {
          const finish: Callback = (error, result) => {
            done();
            (callback as Callback)(error, result);
          };
          try {
            query(...args.slice(0, -1), finish);
          } catch (error) {
            finish(error as Error);
          }
        }),
    );
    return undefined;
  };
  connection[SERIALISED] = true;
}

/** Starts `em`'s transaction under {@link API_DB_ROLE}; every statement through `em` until {@link endScoped} runs in it. */
export async function beginScoped(em: EntityManager, scope: DbScope): Promise<void> {
  await em.begin();
  try {
    const trx = em.getTransactionContext<Knex.Transaction>()!;
    serialiseQueries((await trx.client.acquireConnection()) as PgConnection);
    await applyScope(em, scope);
  } catch (error) {
    await em.rollback();
    throw error;
  }
}

/**
 * Ends the transaction {@link beginScoped} started: commits (after flushing) when `commit`, rolls back
 * otherwise (reads: nothing to keep). The transaction's events are published after the commit
 * (events/outbox.ts). No-op when it has already ended.
 */
export async function endScoped(em: EntityManager, commit: boolean): Promise<void> {
  if (!em.isInTransaction()) return;
  if (!commit) {
    await em.rollback();
    return;
  }
  try {
    await em.commit();
  } catch (error) {
    if (em.isInTransaction()) await em.rollback().catch(() => undefined);
    throw error;
  }
}

/** Runs `work` in a scoped transaction of its own that is rolled back afterwards (read-only work: live subscription events). */
export async function readScoped<T>(em: EntityManager, scope: DbScope, work: () => T | Promise<T>): Promise<T> {
  await beginScoped(em, scope);
  try {
    return await work();
  } finally {
    await endScoped(em, false);
  }
}
