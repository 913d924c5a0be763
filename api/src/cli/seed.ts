import 'reflect-metadata';
import { loadEnv } from '../platform/env.js';
import { createLogger } from '../platform/logger.js';
import { startDatabase } from '../platform/db/database.js';
import { createOrm, migrate } from '../platform/db/orm.js';
import { seedDemoWorkspace } from '../modules/seed/seed.service.js';
import { DEFAULT_DEMO_ADMIN_PASSWORD, ensureDemoAdmin } from '../modules/seed/demo-admin.js';

/** `npm run seed`: migrates and loads the demo workspace into DATABASE_URL (or the embedded database). */
const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);
const db = await startDatabase(env, log);
try {
  const orm = await createOrm({ url: db.url });
  try {
    await migrate(orm);
    const result = await seedDemoWorkspace(orm.em.fork(), new Date());
    log.info(result, result.created ? 'demo workspace loaded' : 'demo workspace already present: nothing changed');
    const admin = await ensureDemoAdmin(orm.em.fork(), result.workspace, env.DEMO_ADMIN_PASSWORD ?? DEFAULT_DEMO_ADMIN_PASSWORD);
    if (admin) log.info({ email: admin.email, created: admin.created }, admin.created ? 'demo admin account created' : 'demo admin account already present');
  } finally {
    await orm.close();
  }
} finally {
  await db.stop();
}
