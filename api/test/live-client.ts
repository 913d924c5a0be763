import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { tokenFor } from './credentials.js';

export interface Subscriber {
  /** Every payload received so far (`data` of each next message). */
  received: Record<string, any>[];
  /** Errors the server sent, or the close event's reason. */
  errors: unknown[];
  /** Resolves when at least `count` payloads were received in total. */
  waitFor(count: number, timeoutMs?: number): Promise<Record<string, any>[]>;
  /** Resolves when the subscription ended with an error. */
  waitForError(timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
  client: Client;
}

/**
 * A real graphql-ws client subscribed to `query`; collects what arrives. It sends `workspace`'s API key
 * (test/credentials.ts) in `connectionParams`, or `options.token` when given.
 */
export async function subscribe(url: string, query: string, variables: Record<string, unknown>, workspace: string, options: { token?: string } = {}): Promise<Subscriber> {
  const received: Record<string, any>[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  let acknowledged!: () => void;
  const connected = new Promise<void>((resolve) => (acknowledged = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${options.token ?? tokenFor(workspace) ?? ''}`, workspace },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { connected: () => acknowledged() },
  });
  const dispose = client.subscribe<Record<string, any>>(
    { query, variables },
    {
      next: (msg) => {
        if (msg.errors) errors.push(msg.errors);
        if (msg.data) received.push(msg.data);
        notify();
      },
      error: (err) => {
        errors.push(err);
        notify();
      },
      complete: () => notify(),
    },
  );
  await connected;
  // graphql-ws sends `subscribe` right after the ack; give the server a moment to attach the listener.
  await new Promise((r) => setTimeout(r, 150));
  const waitUntil = <T>(check: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const tryNow = () => {
        const value = check();
        if (value !== undefined) {
          clearTimeout(timer);
          waiters.delete(tryNow);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(tryNow);
        reject(new Error(`timed out waiting for ${what}; received ${JSON.stringify(received)}; errors ${JSON.stringify(errors)}`));
      }, timeoutMs);
      waiters.add(tryNow);
      tryNow();
    });
  return {
    received,
    errors,
    client,
    waitFor: (count, timeoutMs = 5_000) => waitUntil(() => (received.length >= count ? received : undefined), timeoutMs, `${count} events`),
    waitForError: (timeoutMs = 5_000) => waitUntil(() => errors[0], timeoutMs, 'an error'),
    close: async () => {
      dispose();
      await client.dispose();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
