import 'reflect-metadata';
import { loadEnv } from '../platform/env.js';
import { createLogger } from '../platform/logger.js';
import { startDatabase } from '../platform/db/database.js';
import { createOrm, migrate } from '../platform/db/orm.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);
const db = await startDatabase(env, log);
try {
  const orm = await createOrm({ url: db.url });
  try {
    await migrate(orm);
    log.info('migrations applied');
  } finally {
    await orm.close();
  }
} finally {
  await db.stop();
}
