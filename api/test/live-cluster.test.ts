import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { createOrm, type MikroORM } from '../src/platform/db/orm.js';
import { createWorkspace } from '../src/modules/workspaces/workspace.service.js';
import { modelWithEvaluatedRuns } from './fixtures.js';
import { issueTestKey } from './credentials.js';
import { subscribe } from './live-client.js';
import { gqlAt, hasRedisServer, startApiProcess, startRedis, type ApiProcess, type RedisProcess } from './processes.js';

const RUN_UPDATED = `subscription($since: ID) { runUpdated(since: $since) { eventId run { id status } } }`;
const CREATE_RUN = `mutation($input: CreateRunInput!) { createRun(input: $input) { id } }`;

let orm: MikroORM;
beforeAll(async () => {
  orm = await createOrm({ url: inject('databaseUrl'), poolMax: 2 });
});
afterAll(() => orm?.close());

async function workspaceWithModel(): Promise<{ ws: string; modelId: string }> {
  const ws = `cluster-${randomUUID().slice(0, 8)}`;
  await createWorkspace(orm.em.fork(), { slug: ws, name: ws });
  await issueTestKey(orm, ws);
  return { ws, modelId: await modelWithEvaluatedRuns(orm, ws, 1, 1) };
}

describe.skipIf(!hasRedisServer())('several API processes over Redis', () => {
  let redis: RedisProcess;
  let a: ApiProcess;
  let b: ApiProcess;
  beforeAll(async () => {
    redis = await startRedis();
    [a, b] = await Promise.all([startApiProcess({ REDIS_URL: redis.url }), startApiProcess({ REDIS_URL: redis.url })]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('deliver a mutation on one process to a subscriber of the other', async () => {
    const { ws, modelId } = await workspaceWithModel();
    const sub = await subscribe(b.wsUrl, RUN_UPDATED, {}, ws);
    const created = await gqlAt(a.url, CREATE_RUN, { input: { modelId, type: 'EVAL' } }, ws);
    const [event] = await sub.waitFor(1);
    await sub.close();
    expect(event!.runUpdated.run.id).toBe(created.data.createRun.id);
  });

  it('keep queries and mutations working without Redis, tell subscribers, and recover every event with since', async () => {
    const { ws, modelId } = await workspaceWithModel();
    const sub = await subscribe(b.wsUrl, RUN_UPDATED, {}, ws);
    const before = await gqlAt(a.url, CREATE_RUN, { input: { modelId, type: 'EVAL' } }, ws);
    const [seen] = await sub.waitFor(1);
    expect(seen!.runUpdated.run.id).toBe(before.data.createRun.id);

    await redis.stop();
    const error = await sub.waitForError(10_000);
    expect(JSON.stringify(error)).toMatch(/Redis|resubscribe|since/i);
    await sub.close();
    const during = await gqlAt(a.url, CREATE_RUN, { input: { modelId, type: 'EVAL' } }, ws);
    expect(during.errors).toBeUndefined();
    expect((await gqlAt(b.url, `{ runs { totalCount } }`, {}, ws)).data.runs.totalCount).toBe(3);

    redis = await startRedis(redis.port);
    await new Promise((r) => setTimeout(r, 1500)); // ioredis reconnects with backoff
    const resumed = await subscribe(b.wsUrl, RUN_UPDATED, { since: seen!.runUpdated.eventId }, ws);
    const [missed] = await resumed.waitFor(1);
    expect(missed!.runUpdated.run.id).toBe(during.data.createRun.id);
    const after = await gqlAt(a.url, CREATE_RUN, { input: { modelId, type: 'EVAL' } }, ws);
    const all = await resumed.waitFor(2, 10_000);
    await resumed.close();
    expect(all[1]!.runUpdated.run.id).toBe(after.data.createRun.id);
  }, 60_000);
});

describe('shutdown', () => {
  it('on SIGTERM tells WebSocket clients to reconnect and exits within 10 s', async () => {
    const api = await startApiProcess();
    const socket = new WebSocket(api.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await new Promise((resolve) => socket.once('message', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const exit = await api.stop('SIGTERM');
    expect(await closed).toBe(1012);
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(10_000);
    await expect(fetch(api.url.replace('/graphql', '/healthz'))).rejects.toThrow();
  }, 40_000);
});
