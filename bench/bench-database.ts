import pg from 'pg';
import { ensureDatabase, startDatabase } from '../api/src/platform/db/database.js';
import { loadEnv } from '../api/src/platform/env.js';
import type { Logger } from '../api/src/platform/logger.js';

export interface BenchDatabase {
  /** URL of a fresh, empty database (not yet migrated). */
  url: string;
  /** True when DATABASE_URL was unset and an embedded PostgreSQL serves it. */
  embedded: boolean;
  /** Drops the database and stops the embedded PostgreSQL if one was started. */
  drop(): Promise<void>;
}

/**
 * A fresh database named `<prefix>_<time>` on DATABASE_URL's server, or on an embedded PostgreSQL
 * when DATABASE_URL is unset (as `npm start` does), so that a bench never touches real data.
 */
export async function benchDatabase(prefix: string, log: Logger): Promise<BenchDatabase> {
  const db = await startDatabase(loadEnv(), log);
  const adminUrl = new URL(db.url);
  adminUrl.pathname = '/postgres';
  const name = `${prefix}_${Date.now()}`;
  await ensureDatabase(adminUrl.toString(), name);
  const url = new URL(db.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: db.embedded,
    async drop() {
      const admin = new pg.Client({ connectionString: adminUrl.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      await db.stop();
    },
  };
}
