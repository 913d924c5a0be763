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
    // The publisher fails fast while Redis is away (the event stays in the outbox for `since` replays).
    const publishClient = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
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
    // redis-event-target leaves the promises of publish/subscribe unhandled: with Redis away they
    // would reject unhandled and crash the process. Hand it clients whose commands never reject.
    const failed = (what: string) => (err: unknown) => log.warn({ err }, `redis ${what} failed`);
    const safePublisher = { publish: (ch: string, msg: string) => publishClient.publish(ch, msg).catch(failed('publish')) };
    const safeSubscriber = {
      on: (event: 'message', listener: (channel: string, message: string) => void) => subscribeClient.on(event, listener),
      subscribe: (ch: string) => subscribeClient.subscribe(ch).catch(failed('subscribe')),
      unsubscribe: (ch: string) => subscribeClient.unsubscribe(ch).catch(failed('unsubscribe')),
    };
    pubSub = createPubSub<Channels>({ eventTarget: createRedisEventTarget({ publishClient: safePublisher as never, subscribeClient: safeSubscriber as never }) as never });
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
      // disconnect(), not quit(): quit waits for a reply that never comes while Redis is away.
      for (const client of clients) client.disconnect();
    },
  };
}
