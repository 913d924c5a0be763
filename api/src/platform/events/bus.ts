import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { LiveEvent } from './topics.js';

type Channels = Record<string, [LiveEvent]>;

/**
 * Fans committed events out to subscribers: in process when there is one API process, over Redis
 * (`REDIS_URL`) when there are several. Subscribers are told when Redis goes away (their stream
 * ends with an error) and resume with `since` from the outbox once it is back.
 */
export interface EventBus {
  publish(event: LiveEvent): void;
  /** Events of one workspace. The returned iterator is live once its first `next()` is called. */
  subscribe(workspaceId: string): AsyncIterableIterator<LiveEvent>;
  /** Registers a listener for a lost Redis connection; returns an unsubscribe function. */
  onDisconnect(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
}

const channel = (workspaceId: string) => `modelyard:events:${workspaceId}`;

export function createEventBus(options: { redisUrl?: string; log: Logger }): EventBus {
  const listeners = new Set<(reason: string) => void>();
  let pubSub: PubSub<Channels>;
  let clients: Redis[] = [];
  if (options.redisUrl) {
    const log = options.log.child({ component: 'event-bus' });
    const publishClient = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false });
    const subscribeClient = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    clients = [publishClient, subscribeClient];
    let connected = false;
    subscribeClient.on('ready', () => {
      if (!connected) log.info('connected to Redis');
      connected = true;
    });
    subscribeClient.on('close', () => {
      if (!connected) return;
      connected = false;
      log.warn('lost the Redis connection: live subscribers are told to resume');
      for (const listener of listeners) listener('The live event channel (Redis) was lost; resubscribe with `since` to resume.');
    });
    publishClient.on('error', (err) => log.debug({ err }, 'redis publish client error'));
    subscribeClient.on('error', (err) => log.debug({ err }, 'redis subscribe client error'));
    pubSub = createPubSub<Channels>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) as never });
  } else {
    pubSub = createPubSub<Channels>();
  }
  return {
    publish: (event) => pubSub.publish(channel(event.workspaceId), event),
    subscribe: (workspaceId) => pubSub.subscribe(channel(workspaceId))[Symbol.asyncIterator]() as AsyncIterableIterator<LiveEvent>,
    onDisconnect(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
