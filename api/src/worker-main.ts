import 'reflect-metadata';
import { loadEnv } from './platform/env.js';
import { createLogger } from './platform/logger.js';
import { createOrm, migrate } from './platform/db/orm.js';
import { createEventBus } from './platform/events/bus.js';
import { OutboxPublisher } from './platform/events/outbox.js';
import { JobQueue } from './platform/jobs/queue.js';
import { startWorker } from './worker/worker.js';

/**
 * A worker on its own (`npm run worker`): executes queued runs from the database at DATABASE_URL.
 * Start as many as you like, on as many machines: pg-boss hands each job to one of them. With
 * REDIS_URL, the runs' live updates reach subscribers of every API process.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL);
  if (!env.DATABASE_URL) {
    log.fatal('DATABASE_URL is required: a standalone worker joins the database of a running Modelyard (npm start runs a worker of its own)');
    process.exit(1);
  }
  if (!env.REDIS_URL) log.warn('REDIS_URL is not set: runs execute, but their live updates reach only subscribers that resume with `since`');
  const orm = await createOrm({ url: env.DATABASE_URL, poolMax: env.DB_POOL_MAX });
  await migrate(orm);
  const bus = createEventBus({ redisUrl: env.REDIS_URL, log });
  orm.em.getEventManager().registerSubscriber(new OutboxPublisher(bus));
  const queue = await JobQueue.start({ url: env.DATABASE_URL, log, supervise: true, retryLimit: env.RUN_RETRY_LIMIT, retryDelaySeconds: env.RUN_RETRY_DELAY_SECONDS });
  const worker = await startWorker({
    orm, log, bus, queue, artifactDir: env.ARTIFACT_DIR, concurrency: env.WORKER_CONCURRENCY,
    heartbeatTimeoutSeconds: env.RUN_HEARTBEAT_TIMEOUT_SECONDS, sweepEverySeconds: env.WORKER_SWEEP_SECONDS,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker stopping');
    setTimeout(() => process.exit(1), 15_000).unref();
    await worker.close();
    await queue.stop();
    await bus.close();
    await orm.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
