import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { resolveCaller, type Credentials } from '../modules/identity/caller.service.js';
import type { AccessRevocations } from '../modules/identity/revocations.js';
import type { Context } from './context.js';
import { beginScoped, scopeOf } from './db/scope.js';
import { releaseUnstarted, scopedRequests } from './scoped-requests.js';
import { makeFormatError } from './errors.js';
import { WebSocketServer } from 'ws';
import type { EventBus } from './events/bus.js';
import { createSubscriptionExecution } from './events/execution.js';
import { useGraphqlWs } from './events/graphql-ws-server.js';
import { jitGateway } from './jit-executor.js';
import { createLimits } from './limits.js';
import { createRateLimiter, DEFAULT_MAX_BODY_BYTES, limitWebSocketClients, rateLimitRequests, requestErrors, type ApiLimits } from './rate-limit.js';
import type { JobQueue } from './jobs/queue.js';
import { Loaders } from './loaders.js';
import type { Logger } from './logger.js';

export interface ServerOptions {
  orm: MikroORM;
  bus: EventBus;
  schema: GraphQLSchema;
  log: Logger;
  port: number;
  host?: string;
  corsOrigins: string[];
  /** graphql-ws keep-alive ping interval. */
  keepAliveMs?: number;
  /** Close a WebSocket that sends no `connection_init` within this time. */
  connectionInitWaitTimeoutMs?: number;
  queue?: JobQueue;
  /** Revoked credentials end live subscriptions (modules/identity/revocations.ts). */
  access?: AccessRevocations;
  /** Rate limits, WebSocket caps, body size, production hardening (rate-limit.ts); absent: none (tests, benches). */
  limits?: ApiLimits;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Selects a session user's workspace (an API key always works in its own). */
const WORKSPACE_HEADER = 'x-workspace';

/** Close code sent to WebSocket clients on shutdown: 1012 "service restart" — reconnect and resume. */
export const WS_CLOSE_RESTART = 1012;

/** Express 5 + Apollo Server 5 on one HTTP server; every request gets a forked EntityManager, fresh loaders and the caller. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { orm, schema, log, bus } = options;
  const app = express();
  const httpServer = http.createServer(app);

  // The caller comes from the request's credentials (API key or session, see identity/caller.service.ts).
  // An HTTP request's statements then run in one transaction as the API's database role, limited by
  // row-level security to the caller's workspace (db/scope.ts); the transaction ends when the response
  // is ready (`scopedRequests`). A WebSocket context holds none: each event of a subscription that
  // needs the database is read in a short transaction of its own (events/execution.ts).
  const contextFor = async (credentials: Credentials, res?: express.Response): Promise<Context> => {
    const em = orm.em.fork({ useContext: false });
    const { caller, grant } = await resolveCaller(em, credentials);
    if (res) {
      await beginScoped(em, scopeOf(caller));
      res.once('close', () => releaseUnstarted(em, log));
    }
    return { em, loaders: new Loaders(), bus, queue: options.queue, caller, grant, access: options.access, res, secureCookies: options.limits?.production ?? false };
  };

  // graphql-ws on the same port and path. Browsers must come from an allowed origin; other clients
  // (no Origin header) are let through. Credentials: `connectionParams.authorization` (`Bearer …`) or the
  // upgrade request's session cookie; `connectionParams.workspace` selects a session user's workspace.
  const wss = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    verifyClient: ({ origin }: { origin?: string }) => !origin || options.corsOrigins.includes(origin),
  });
  const limits = createLimits({ production: options.limits?.production });
  const rateLimit = options.limits?.rateLimit;
  const limiter = rateLimit ? await createRateLimiter(rateLimit, log) : null;
  const maxBodyBytes = options.limits?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const live = createSubscriptionExecution(schema, limits.validationRules);
  const formatError = makeFormatError((err) => log.error({ err }, 'unhandled error in subscription'));
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => limits.formatError(formatError(e.toJSON(), e)));
  const webSocketCaps = options.limits?.webSocket ?? { maxConnectionsPerClient: 0, maxSubscriptionsPerConnection: 0 };
  const wsServer = useGraphqlWs(
    limitWebSocketClients({
      schema,
      // The same error mapping as HTTP: codes kept, internal details only in the log.
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors?.length ? { ...result, errors: format(result.errors) } : result),
      onError: (_ctx, _id, _payload, errors) => format(errors),
      // Same parser and validation limits as HTTP (depth, cost, aliases, directives, tokens), checked
      // once per distinct operation; events are executed once per group of identical subscribers.
      onSubscribe: (ctx, id, payload) => live.onSubscribe(payload, { id, send: ctx.extra.sendNow }),
      subscribe: (args) => live.subscribe(args),
      connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 5_000,
      context: (ctx) => contextFor({ authorization: ctx.connectionParams?.authorization, cookie: ctx.extra.request.headers.cookie, workspace: ctx.connectionParams?.workspace }),
    }, webSocketCaps, limiter, rateLimit?.trustProxyHops ?? 0),
    wss,
    options.keepAliveMs ?? 12_000,
    log,
  );
  const closeWebSockets = async () => {
    for (const client of wss.clients) client.close(WS_CLOSE_RESTART, 'Server restarting: reconnect and resume with since');
    await wsServer.dispose();
  };
  const resolverErrors = makeFormatError((err) => log.error({ err }, 'unhandled error in resolver'));
  const apollo = new ApolloServer<Context>({
    gateway: jitGateway(schema),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // In production for signed-in users only (limits.ts).
    introspection: true,
    csrfPrevention: true,
    formatError: (formatted, error) => limits.formatError(resolverErrors(formatted, error)),
    // No per-field cache-control hints (they wrap every resolver) and compact JSON (Apollo pretty-prints by default).
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      scopedRequests(log),
      { serverWillStart: async () => ({ drainServer: closeWebSockets }) },
      ...(limits.plugins as ApolloServerPlugin<Context>[]),
    ],
    stringifyResult: (value) => JSON.stringify(value),
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.fork().execute('select 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  app.use(
    '/graphql',
    cors<cors.CorsRequest>({ origin: options.corsOrigins, credentials: true }),
    ...(limiter ? [rateLimitRequests(limiter, rateLimit?.trustProxyHops ?? 0)] : []),
    express.json({ limit: maxBodyBytes }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => contextFor({ authorization: req.headers.authorization, cookie: req.headers.cookie, workspace: req.headers[WORKSPACE_HEADER] }, res),
    }),
  );
  app.use('/graphql', requestErrors(maxBodyBytes));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    close: async () => {
      await apollo.stop();
      await limiter?.close();
    },
  };
}
