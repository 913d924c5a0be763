import type { ApolloServerPlugin } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from './context.js';
import { endScoped } from './db/scope.js';
import type { Logger } from './logger.js';

/** Requests whose GraphQL pipeline started: Apollo ends those through `willSendResponse`. */
const started = new WeakSet<EntityManager>();

/**
 * Ends each HTTP request's scoped transaction (begun with its context, see server.ts) once the response
 * is ready and before it is sent: a mutation commits (a client that sees the answer can read what it
 * wrote, and the events it emitted are published), anything else rolls back (reads keep nothing). A
 * failed commit replaces the answer with an error: nothing of it was written.
 */
export function scopedRequests(log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      started.add(contextValue.em);
      return {
        async willSendResponse({ contextValue: ctx, operation, response }) {
          try {
            await endScoped(ctx.em, operation?.operation === 'mutation');
          } catch (err) {
            log.error({ err }, 'could not commit a request');
            response.body = { kind: 'single', singleResult: { errors: [{ message: 'The change could not be saved; nothing of it was written', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } };
            response.http.status = 500;
          }
        },
      };
    },
  };
}

/**
 * After the response: rolls back the transaction of a request Apollo answered without starting its
 * pipeline (a body without a query, say). Requests that started are left to `willSendResponse`, which
 * comes even when the client has gone.
 */
export function releaseUnstarted(em: EntityManager, log: Logger): void {
  if (started.has(em)) return;
  endScoped(em, false).catch((err: unknown) => log.warn({ err }, 'could not roll back a request'));
}
