import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createOrm, type MikroORM } from '../src/platform/db/orm.js';
import { createLogger } from '../src/platform/logger.js';
import { startApi, type RunningApi } from '../src/platform/app.js';
import { JobQueue } from '../src/platform/jobs/queue.js';
import { createUser } from '../src/modules/identity/identity.service.js';
import { issueTestKey, tokenFor } from './credentials.js';
import type { ApiLimits } from '../src/platform/rate-limit.js';

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
  /**
   * Sends `workspace`'s ADMIN API key (made by `newWorkspace`, or issued on first use for a workspace
   * made otherwise); `actor` (optional) sends an ADMIN key of that name instead, so the audit log
   * records `apikey:<actor>`; an `actor` that is an email signs in as that user (an ADMIN member).
   * Without a workspace: the harness's own default workspace (`gqlWith({}, …)` calls anonymously).
   */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, workspace?: string, actor?: string): Promise<GqlResponse<T>>;
  /** Sends `query` with exactly these headers' credentials (`authorization`, `cookie`, `x-workspace`…). */
  gqlWith<T = Record<string, any>>(headers: Record<string, string | undefined>, query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T> & { headers: Headers }>;
  /**
   * Creates a user (`<slug>@test.local`), signs them in, creates a workspace with their session (they
   * become its ADMIN) and an ADMIN API key named `admin` through the API; returns the slug.
   */
  newWorkspace(prefix?: string): Promise<string>;
  /** The ADMIN key `gql` sends for `workspace` (and `actor`). */
  keyFor(workspace: string, actor?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  redisUrl?: string;
  corsOrigins?: string[];
  connectionInitWaitTimeoutMs?: number;
  /** Give the API a job queue (queueRun, cancelRun); workers are separate processes (processes.ts). */
  queue?: boolean;
  /** Rate limits, WebSocket caps, body size, production hardening (none by default). */
  limits?: ApiLimits;
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
    redisUrl: options.redisUrl,
    connectionInitWaitTimeoutMs: options.connectionInitWaitTimeoutMs,
    limits: options.limits,
  });
  let defaultWorkspace: Promise<string> | undefined;
  // A key's first use writes its lastUsedAt (then at most once a minute): done here, so that tests
  // counting SQL statements see the same number for every request.
  const warmUp = async (token: string) => void (await api.gqlWith({ authorization: `Bearer ${token}` }, '{ viewer { role } }'));
  const api: TestApi = {
    url: `http://127.0.0.1:${server.port}/graphql`,
    wsUrl: `ws://127.0.0.1:${server.port}/graphql`,
    orm,
    statements,
    resetStatements: () => void statements.splice(0),
    async gql(query, variables, workspace, actor) {
      const slug = workspace ?? (await (defaultWorkspace ??= api.newWorkspace('default')));
      return api.gqlWith({ authorization: `Bearer ${await api.keyFor(slug, actor)}`, 'x-workspace': slug }, query, variables) as never;
    },
    async gqlWith(headers, query, variables) {
      const res = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResponse;
      return { ...body, status: res.status, headers: res.headers } as never;
    },
    async keyFor(workspace, actor) {
      const known = tokenFor(workspace, actor);
      if (known) return known;
      const token = await issueTestKey(orm, workspace, actor);
      await warmUp(token);
      return token;
    },
    async newWorkspace(prefix = 'ws') {
      const slug = `${prefix}-${randomUUID().slice(0, 12)}`;
      const email = `${slug}@test.local`;
      const password = `pw-${randomUUID()}`;
      await createUser(orm.em.fork(), { email, name: `Tester ${slug}`, password });
      const signIn = await api.gqlWith({}, 'mutation($input: SignInInput!) { signIn(input: $input) { token } }', { input: { email, password } });
      if (signIn.errors) throw new Error(JSON.stringify(signIn.errors));
      const session = { authorization: `Bearer ${signIn.data!.signIn.token}` };
      const created = await api.gqlWith(session, 'mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id slug } }', { input: { slug, name: `Test ${slug}` } });
      if (created.errors) throw new Error(JSON.stringify(created.errors));
      // The workspace's ADMIN key is written directly (createApiKey would add an audit event to every
      // test workspace); auth.test.ts covers createApiKey.
      const viewer = await api.gqlWith({ ...session, 'x-workspace': slug }, '{ viewer { role } }');
      if (viewer.data?.viewer?.role !== 'ADMIN') throw new Error(`the creator is not ADMIN of ${slug}: ${JSON.stringify(viewer)}`);
      await warmUp(await issueTestKey(orm, slug));
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
