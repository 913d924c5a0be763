import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { findWorkspaceId } from '../modules/workspaces/workspace.service.js';
import type { Context } from './context.js';
import { makeFormatError } from './errors.js';
import { jitGateway } from './jit-executor.js';
import { Loaders } from './loaders.js';
import type { Logger } from './logger.js';

export interface ServerOptions {
  orm: MikroORM;
  schema: GraphQLSchema;
  log: Logger;
  port: number;
  host?: string;
  corsOrigins: string[];
  defaultWorkspace: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const WORKSPACE_HEADER = 'x-workspace';
const ACTOR_HEADER = 'x-actor';

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.trim() || undefined;
}

/** Express 5 + Apollo Server 5 on one HTTP server; every request gets a forked EntityManager, fresh loaders and the caller. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { orm, schema, log } = options;
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    gateway: jitGateway(schema),
    introspection: true,
    formatError: makeFormatError((err) => log.error({ err }, 'unhandled error in resolver')),
    // No per-field cache-control hints (they wrap every resolver) and compact JSON (Apollo pretty-prints by default).
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginCacheControlDisabled()],
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
    express.json({ limit: '10mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = orm.em.fork({ useContext: false });
        const workspaceSlug = headerValue(req.headers[WORKSPACE_HEADER]) ?? options.defaultWorkspace;
        return {
          em,
          loaders: new Loaders(),
          caller: {
            workspaceSlug,
            workspaceId: await findWorkspaceId(em, workspaceSlug),
            actor: headerValue(req.headers[ACTOR_HEADER]) ?? 'anonymous',
          },
        };
      },
    }),
  );

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
    },
  };
}
