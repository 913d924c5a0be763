import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { LiveEvent, Topic } from './topics.js';

export type EventListener = (event: LiveEvent) => void;

/** One subscriber's attachment to the bus. */
export interface BusSubscription {
  /**
   * Resolves once the listener receives every event published from now on: at once in process, after
   * Redis acknowledged the SUBSCRIBE otherwise (rejects when it failed). Read the outbox for a replay
   * only after this.
   */
  ready: Promise<void>;
  close(): void;
}

/**
 * Fans committed events out to subscribers: in process when there is one API process, over Redis
 * (`REDIS_URL`) when there are several. One channel per workspace and topic, so a subscriber is only
 * woken for the events it may want. Listeners are called synchronously, with the same event object
 * for every listener of a process (subscription execution is shared per event, see execution.ts).
 * Subscribers are told when Redis goes away (their stream ends with an error) and resume with
 * `since` from the outbox once it is back.
 */
export interface EventBus {
  publish(event: LiveEvent): void;
  /** Calls `listener` with each published event of these topics of one workspace. */
  subscribe(workspaceId: string, topics: readonly Topic[], listener: EventListener): BusSubscription;
  /** Registers a listener for a lost Redis connection; returns an unsubscribe function. */
  onDisconnect(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
}

const channelOf = (workspaceId: string, topic: Topic) => `modelyard:events:${workspaceId}:${topic}`;

/** Listener sets per channel; a throwing listener never keeps the event from the others. */
class Channels {
  private readonly listeners = new Map<string, Set<EventListener>>();

  constructor(private readonly log: Logger) {}

  /** Adds the listener; true when the channel is new. */
  add(channel: string, listener: EventListener): boolean {
    let set = this.listeners.get(channel);
    const fresh = !set;
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return fresh;
  }

  /** Removes the listener; true when the channel has no listeners left. */
  remove(channel: string, listener: EventListener): boolean {
    const set = this.listeners.get(channel);
    if (!set?.delete(listener) || set.size > 0) return false;
    this.listeners.delete(channel);
    return true;
  }

  dispatch(channel: string, event: LiveEvent): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(event);
      } catch (err) {
        this.log.error({ err, eventId: event.id }, 'live event listener failed');
      }
    }
  }
}

export function createEventBus(options: { redisUrl?: string; log: Logger }): EventBus {
  const log = options.log.child({ component: 'event-bus' });
  const disconnectListeners = new Set<(reason: string) => void>();
  const channels = new Channels(log);
  const onDisconnect = (listener: (reason: string) => void) => {
    disconnectListeners.add(listener);
    return () => void disconnectListeners.delete(listener);
  };

  if (!options.redisUrl) {
    const ready = Promise.resolve();
    return {
      publish: (event) => channels.dispatch(channelOf(event.workspaceId, event.topic), event),
      subscribe(workspaceId, topics, listener) {
        const names = topics.map((t) => channelOf(workspaceId, t));
        for (const name of names) channels.add(name, listener);
        return { ready, close: () => names.forEach((name) => channels.remove(name, listener)) };
      },
      onDisconnect,
      close: async () => undefined,
    };
  }

  // The publisher fails fast while Redis is away (the event stays in the outbox for `since` replays).
  const publisher = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  // The subscriber queues SUBSCRIBE while Redis is away and re-subscribes every channel on reconnect.
  const subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  let connected = false;
  let closing = false;
  subscriber.on('ready', () => {
    if (!connected) log.info('connected to Redis');
    connected = true;
  });
  subscriber.on('close', () => {
    if (!connected || closing) return;
    connected = false;
    log.warn('lost the Redis connection: live subscribers are told to resume');
    for (const listener of disconnectListeners) listener('The live event channel (Redis) was lost; resubscribe with `since` to resume.');
  });
  publisher.on('error', (err) => log.debug({ err }, 'redis publish client error'));
  subscriber.on('error', (err) => log.debug({ err }, 'redis subscribe client error'));
  // One parse per message, whatever the number of local subscribers.
  subscriber.on('message', (channel: string, message: string) => {
    let event: LiveEvent;
    try {
      event = JSON.parse(message) as LiveEvent;
    } catch (err) {
      log.warn({ err, channel }, 'unreadable live event');
      return;
    }
    channels.dispatch(channel, event);
  });
  /** The acknowledgement of the latest SUBSCRIBE sent per channel (commands run in order on one connection). */
  const subscribed = new Map<string, Promise<void>>();

  return {
    publish(event) {
      publisher.publish(channelOf(event.workspaceId, event.topic), JSON.stringify(event)).catch((err: unknown) => log.warn({ err, eventId: event.id }, 'redis publish failed'));
    },
    subscribe(workspaceId, topics, listener) {
      const names = topics.map((t) => channelOf(workspaceId, t));
      const acks: Promise<void>[] = [];
      for (const name of names) {
        if (channels.add(name, listener) || !subscribed.has(name)) {
          const ack = subscriber.subscribe(name).then(() => undefined);
          subscribed.set(name, ack);
          // A failed SUBSCRIBE is retried by the next subscriber of the channel; this one fails (UNAVAILABLE).
          ack.catch((err: unknown) => {
            log.warn({ err, channel: name }, 'redis subscribe failed');
            if (subscribed.get(name) === ack) subscribed.delete(name);
          });
        }
        acks.push(subscribed.get(name)!);
      }
      return {
        ready: Promise.all(acks).then(() => undefined),
        close() {
          for (const name of names) {
            if (!channels.remove(name, listener)) continue;
            subscribed.delete(name);
            subscriber.unsubscribe(name).catch((err: unknown) => log.warn({ err, channel: name }, 'redis unsubscribe failed'));
          }
        },
      };
    },
    onDisconnect,
    async close() {
      // disconnect(), not quit(): quit waits for a reply that never comes while Redis is away.
      closing = true;
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
