import 'reflect-metadata';
import { loadEnv } from './platform/env.js';
import { createLogger } from './platform/logger.js';
import { startDatabase } from './platform/db/database.js';
import { createOrm, migrate } from './platform/db/orm.js';
import { startApi } from './platform/app.js';
import { limitsFromEnv } from './platform/rate-limit.js';
import { seedDemoWorkspace } from './modules/seed/seed.service.js';
import { DEFAULT_DEMO_ADMIN_PASSWORD, ensureDemoAdmin, type DemoAdmin } from './modules/seed/demo-admin.js';
import { JobQueue } from './platform/jobs/queue.js';
import { startWorker } from './worker/worker.js';

async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL);
  const db = await startDatabase(env, log);
  let shuttingDown = false;
  const cleanups: (() => Promise<void>)[] = [() => db.stop()];
  const shutdown = async (signal: string, code = 0) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(code || 1), 10_000);
    timer.unref();
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        log.error({ err }, 'error during shutdown');
      }
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const orm = await createOrm({ url: db.url, poolMax: env.DB_POOL_MAX });
    cleanups.push(() => orm.close());
    await migrate(orm);
    log.info('migrations applied');
    let demoAdmin: DemoAdmin | null = null;
    const demoPassword = env.DEMO_ADMIN_PASSWORD ?? DEFAULT_DEMO_ADMIN_PASSWORD;
    if (env.SEED_ON_START) {
      const result = await seedDemoWorkspace(orm.em.fork(), new Date());
      log.info(result, result.created ? 'demo workspace loaded' : 'demo workspace already present');
      demoAdmin = await ensureDemoAdmin(orm.em.fork(), result.workspace, demoPassword);
    }
    const queue = await JobQueue.start({
      url: db.url, log, supervise: env.WORKER_ENABLED, retryLimit: env.RUN_RETRY_LIMIT, retryDelaySeconds: env.RUN_RETRY_DELAY_SECONDS,
    });
    cleanups.push(() => queue.stop());
    const server = await startApi({
      orm, log, port: env.PORT, host: env.HOST, corsOrigins: env.CORS_ORIGINS,
      redisUrl: env.REDIS_URL, eventRetentionHours: env.EVENT_RETENTION_HOURS, queue, limits: limitsFromEnv(env),
    });
    cleanups.push(() => server.close());
    if (env.WORKER_ENABLED) {
      // The worker beside the API, sharing its event bus: subscribers see worker runs live.
      const worker = await startWorker({
        orm, log, bus: server.bus, queue, artifactDir: env.ARTIFACT_DIR, concurrency: env.WORKER_CONCURRENCY,
        heartbeatTimeoutSeconds: env.RUN_HEARTBEAT_TIMEOUT_SECONDS, sweepEverySeconds: env.WORKER_SWEEP_SECONDS,
      });
      cleanups.push(() => worker.close());
    }
    const live = env.REDIS_URL ? 'events over Redis' : 'in-process events';
    log.info(`GraphQL API ready at ${server.url} (WebSocket: ${server.url.replace('http', 'ws')}; ${live}${db.embedded ? '; embedded PostgreSQL' : ''})`);
    if (demoAdmin) {
      // The password is shown while it is still the one configured (the default or DEMO_ADMIN_PASSWORD).
      const credentials = demoAdmin.passwordWorks ? `${demoAdmin.email} / ${demoPassword}` : `${demoAdmin.email} (its password was changed)`;
      log.info(`Sign in at ${env.WEB_URL}/sign-in as ${credentials}`);
      // Also as a plain line (on stderr, beside the JSON log on stdout), easy to spot in the start output.
      process.stderr.write(`\n  Modelyard is ready. Sign in at ${env.WEB_URL}/sign-in as ${credentials}\n\n`);
    }
  } catch (err) {
    log.fatal({ err }, 'failed to start');
    await shutdown('startup-failure', 1);
  }
}

void main();
