import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createOrm, type MikroORM } from '../src/platform/db/orm.js';
import { createLogger } from '../src/platform/logger.js';
import { startApi, type RunningApi } from '../src/platform/app.js';
import { JobQueue } from '../src/platform/jobs/queue.js';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestApi {
  url: string;
  wsUrl: string;
  orm: MikroORM;
  /** SQL statements the API has sent since the last `resetStatements()`. */
  statements: string[];
  resetStatements(): void;
  /** `actor` (optional) is sent as the `x-actor` header: who the audit log records. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, workspace?: string, actor?: string): Promise<GqlResponse<T>>;
  /** Creates a fresh workspace through the API and returns its slug. */
  newWorkspace(prefix?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  redisUrl?: string;
  corsOrigins?: string[];
  connectionInitWaitTimeoutMs?: number;
  /** Give the API a job queue (queueRun, cancelRun); workers are separate processes (processes.ts). */
  queue?: boolean;
}

/** The real HTTP + WebSocket server on a free port, against the test database. */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const statements: string[] = [];
  const orm = await createOrm({ url: inject('databaseUrl'), poolMax: 5, onQuery: (sql) => statements.push(sql) });
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const queue = options.queue ? await JobQueue.start({ url: inject('databaseUrl'), log }) : undefined;
  const server: RunningApi = await startApi({
    orm,
    log,
    queue,
    port: 0,
    host: '127.0.0.1',
    corsOrigins: options.corsOrigins ?? [],
    defaultWorkspace: 'demo',
    redisUrl: options.redisUrl,
    connectionInitWaitTimeoutMs: options.connectionInitWaitTimeoutMs,
  });
  const api: TestApi = {
    url: `http://127.0.0.1:${server.port}/graphql`,
    wsUrl: `ws://127.0.0.1:${server.port}/graphql`,
    orm,
    statements,
    resetStatements: () => void statements.splice(0),
    async gql(query, variables, workspace, actor) {
      const res = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(workspace ? { 'x-workspace': workspace } : {}), ...(actor ? { 'x-actor': actor } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResponse;
      return { ...body, status: res.status } as never;
    },
    async newWorkspace(prefix = 'ws') {
      const slug = `${prefix}-${randomUUID().slice(0, 12)}`;
      const res = await api.gql('mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id slug } }', { input: { slug, name: `Test ${slug}` } });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return slug;
    },
    async close() {
      await server.close();
      await queue?.stop();
      await orm.close();
    },
  };
  return api;
}

/** Fails the test with the GraphQL errors when there are any; returns data. */
export function ok<T>(res: GqlResponse<T>): T {
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  if (!res.data) throw new Error(`no data (HTTP ${res.status})`);
  return res.data;
}

/** The first error's code. */
export function codeOf(res: GqlResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}
