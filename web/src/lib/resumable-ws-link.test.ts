import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { ApolloClient, InMemoryCache } from '@apollo/client';
import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { declaresSince, ResumableWsLink } from './resumable-ws-link';

// The schema must come from the same `graphql` instance graphql-ws's server runs with (Node loads
// its CommonJS build; Vite would hand this file the ESM one).
const { GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } =
  createRequire(import.meta.url)('graphql') as typeof import('graphql');

/**
 * A real graphql-ws server whose `ticks(since)` subscription behaves like the API's: it replays
 * the stored events after `since`, then continues live. The test drops the socket and checks that
 * the client re-subscribes with `since` = the last event it received, so nothing is missed.
 */
interface Harness {
  emit(n: number): void;
  sinceSeen: Array<string | null>;
  dropConnections(): void;
  url: string;
  close(): Promise<void>;
}

async function startServer(): Promise<Harness> {
  const stored: number[] = [];
  const listeners = new Set<(n: number) => void>();
  const sinceSeen: Array<string | null> = [];

  const Tick = new GraphQLObjectType({
    name: 'Tick',
    fields: { eventId: { type: new GraphQLNonNull(GraphQLID) }, n: { type: new GraphQLNonNull(GraphQLInt) } },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'hi' } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        ticks: {
          type: new GraphQLNonNull(Tick),
          args: { since: { type: GraphQLID } },
          resolve: (n: unknown) => ({ eventId: String(n), n }),
          subscribe: (_root: unknown, args: { since?: string | null }) => {
            sinceSeen.push(args.since ?? null);
            const queue: number[] = stored.filter((n) => args.since == null || n > Number(args.since));
            let wake: (() => void) | null = null;
            const listener = (n: number) => {
              queue.push(n);
              wake?.();
            };
            listeners.add(listener);
            return (async function* () {
              try {
                for (;;) {
                  while (queue.length) yield queue.shift();
                  await new Promise<void>((resolve) => (wake = resolve));
                  wake = null;
                }
              } finally {
                listeners.delete(listener);
              }
            })();
          },
        },
      },
    }),
  });

  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const disposable = useServer({ schema }, wss);
  return {
    emit(n) {
      stored.push(n);
      for (const listener of listeners) listener(n);
    },
    sinceSeen,
    dropConnections() {
      for (const socket of wss.clients) socket.terminate();
    },
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

// A test-only schema: parse() rather than a tagged template, so codegen does not pick it up.
const TICKS = parse(`
  subscription Ticks($since: ID) {
    ticks(since: $since) {
      eventId
      n
    }
  }
`);

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

describe('ResumableWsLink', () => {
  it('resumes after a dropped connection from the last event received, missing nothing', async () => {
    const server = await startServer();
    cleanup.push(() => server.close());
    const wsClient = createClient({
      url: server.url,
      webSocketImpl: WebSocket,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 20)),
    });
    cleanup.push(() => wsClient.dispose());
    const client = new ApolloClient({ link: new ResumableWsLink(wsClient), cache: new InMemoryCache() });

    const received: number[] = [];
    const subscription = client.subscribe({ query: TICKS, variables: { since: null } }).subscribe({
      next: (result) => {
        const tick = (result.data as { ticks: { n: number } } | undefined)?.ticks;
        if (tick) received.push(tick.n);
      },
    });
    cleanup.push(() => subscription.unsubscribe());

    await until(() => server.sinceSeen.length === 1, 'the first subscribe');
    server.emit(1);
    server.emit(2);
    await until(() => received.length === 2, 'two live events');

    server.dropConnections();
    // Emitted while the client is away: only the replay can deliver it.
    server.emit(3);
    await until(() => server.sinceSeen.length === 2, 'the re-subscribe');
    server.emit(4);
    await until(() => received.length === 4, 'the missed and the next event');

    expect(server.sinceSeen).toEqual([null, '2']);
    expect(received).toEqual([1, 2, 3, 4]);
  });

  it('leaves operations without $since alone', () => {
    expect(declaresSince(TICKS)).toBe(true);
    expect(declaresSince(parse('subscription { ticks { eventId } }'))).toBe(false);
    expect(declaresSince(parse('query Q($since: ID) { hello }'))).toBe(false);
  });
});
