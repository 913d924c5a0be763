import type { MikroORM } from '@mikro-orm/postgresql';
import { AccessRevocations } from '../modules/identity/revocations.js';
import { createEventBus, type EventBus } from './events/bus.js';
import { OutboxPublisher, pruneEvents } from './events/outbox.js';
import type { JobQueue } from './jobs/queue.js';
import type { Logger } from './logger.js';
import type { ApiLimits } from './rate-limit.js';
import { createSchema } from './schema.js';
import { startServer, type RunningServer } from './server.js';

export interface ApiOptions {
  orm: MikroORM;
  log: Logger;
  port: number;
  host?: string;
  corsOrigins: string[];
  redisUrl?: string;
  eventRetentionHours?: number;
  keepAliveMs?: number;
  connectionInitWaitTimeoutMs?: number;
  /** Where queueRun sends runs (absent: queueRun answers UNAVAILABLE). */
  queue?: JobQueue;
  /** Rate limits, WebSocket caps, body size, production hardening; absent: none (tests, benches). */
  limits?: ApiLimits;
}

export interface RunningApi extends RunningServer {
  bus: EventBus;
}

const PRUNE_EVERY_MS = 10 * 60_000;

/** The API process: schema, event bus (Redis when configured), outbox publisher, HTTP + WebSocket server, outbox pruning. */
export async function startApi(options: ApiOptions): Promise<RunningApi> {
  const { orm, log } = options;
  const bus = createEventBus({ redisUrl: options.redisUrl, log });
  orm.em.getEventManager().registerSubscriber(new OutboxPublisher(bus));
  const access = new AccessRevocations({ redisUrl: options.redisUrl, log });
  const server = await startServer({ ...options, bus, access, schema: await createSchema() });
  const retention = options.eventRetentionHours ?? 72;
  const prune = async () => {
    try {
      const removed = await pruneEvents(orm.em.fork(), retention);
      if (removed) log.info({ removed, retentionHours: retention }, 'pruned old events');
    } catch (err) {
      log.warn({ err }, 'event pruning failed');
    }
  };
  const timer = setInterval(() => void prune(), PRUNE_EVERY_MS);
  timer.unref();
  void prune();
  return {
    ...server,
    bus,
    close: async () => {
      clearInterval(timer);
      await server.close();
      await bus.close();
      await access.close();
    },
  };
}
