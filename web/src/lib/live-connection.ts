import { type Client, createClient } from 'graphql-ws';
import { publicWsUrl } from './config';

/** State of the browser's one graphql-ws connection, for the "Live" indicator. */
export type LiveState = 'idle' | 'connecting' | 'connected' | 'reconnecting';

let client: Client | null = null;
let state: LiveState = 'idle';
const listeners = new Set<() => void>();

function setState(next: LiveState) {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

/** Reconnect delay: 0.5 s, 1 s, 2 s … capped at 10 s, with jitter so clients don't stampede. */
export function retryDelayMs(retries: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** retries);
  return Math.round(base / 2 + random() * (base / 2));
}

/** The browser's graphql-ws client (created on first use; never during SSR). */
export function liveClient(): Client {
  if (client) return client;
  let everConnected = false;
  client = createClient({
    url: publicWsUrl(),
    lazy: true,
    // A dashboard left open must come back after an API restart (close 1012) or a network blip,
    // however long that takes. Active subscriptions are re-sent after a reconnect; the resumable
    // link makes them resume from the last event id.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
    on: {
      connecting: () => setState(everConnected ? 'reconnecting' : 'connecting'),
      connected: () => {
        everConnected = true;
        setState('connected');
      },
      // A lazy client closes the socket when the last subscription ends: idle, until it connects
      // again ('connecting' after a first connection means a reconnect).
      closed: () => setState('idle'),
    },
  });
  return client;
}

export function subscribeLiveState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getLiveState(): LiveState {
  return state;
}
