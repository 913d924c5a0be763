import type { EntityManager } from '@mikro-orm/postgresql';
import PgBoss from 'pg-boss';
// @ts-expect-error pg ships no types for its internal utils; prepareValue is what pg itself uses for arrays
import pgUtils from 'pg/lib/utils.js';
import type { Logger } from '../logger.js';

/** The queue of runs the worker executes (pg-boss: jobs in PostgreSQL, fetched with SKIP LOCKED). */
export const RUN_QUEUE = 'modelyard-run';
/** pg-boss cron fires this every minute (once across all workers): due schedules queue their runs. */
export const SCHEDULE_TICK = 'modelyard-schedule-tick';

export interface RunJobData {
  runId: string;
  workspaceId: string;
}

export interface QueueOptions {
  url: string;
  log: Logger;
  /** Transient failures are retried this many times, with exponential backoff from `retryDelaySeconds`. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job still active after this long is expired by pg-boss and retried. */
  expireInSeconds?: number;
  /** Only the worker supervises (maintenance, expiry); the API process only sends. */
  supervise?: boolean;
}

/**
 * pg-boss's SQL uses `$1`-style parameters; MikroORM's `execute` (knex) uses `?`. Rewrites one into
 * the other so that a job is sent on the caller's transaction: the run and its job commit together.
 */
function knexStyle(text: string, values: unknown[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = text.replace(/\$(\d+)/g, (_m, n: string) => {
    const value = values[Number(n) - 1];
    // knex would expand an array into a list of bindings: send it as PostgreSQL array text, as pg does.
    params.push(Array.isArray(value) ? pgUtils.prepareValue(value) : value);
    return '?';
  });
  return { sql, params };
}

/** A pg-boss `db` that runs on the EntityManager's current transaction. */
export function transactionDb(em: EntityManager): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const { sql, params } = knexStyle(text, values ?? []);
      const rows = (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as unknown[];
      return { rows: Array.isArray(rows) ? rows : [] };
    },
  };
}

async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  if (await boss.getQueue(queue.name)) return boss.updateQueue(queue.name, queue);
  try {
    await boss.createQueue(queue.name, queue);
  } catch (err) {
    // Another process created it at the same moment.
    if (!(await boss.getQueue(queue.name))) throw err;
  }
}

export class JobQueue {
  private constructor(readonly boss: PgBoss) {}

  static async start(options: QueueOptions): Promise<JobQueue> {
    const boss = new PgBoss({
      connectionString: options.url,
      schema: 'pgboss',
      max: 4,
      supervise: options.supervise ?? false,
      schedule: options.supervise ?? false,
      application_name: 'modelyard-queue',
    });
    boss.on('error', (err) => options.log.warn({ err }, 'job queue error'));
    await boss.start();
    await ensureQueue(boss, {
      name: RUN_QUEUE,
      retryLimit: options.retryLimit ?? 2,
      retryDelay: options.retryDelaySeconds ?? 5,
      retryBackoff: true,
      expireInSeconds: options.expireInSeconds ?? 3600,
    });
    // A tick that cannot run is simply skipped: the next one catches up.
    await ensureQueue(boss, { name: SCHEDULE_TICK, retryLimit: 0, expireInSeconds: 300 });
    return new JobQueue(boss);
  }

  /** Sends the run's job inside the caller's transaction; returns the job id. */
  async sendRun(em: EntityManager, data: RunJobData): Promise<string> {
    const id = await this.boss.send(RUN_QUEUE, data, { db: transactionDb(em) });
    if (!id) throw new Error(`The job queue refused the job of run ${data.runId}`);
    return id;
  }

  /** Cancels a job that has not started (inside the caller's transaction). */
  cancel(em: EntityManager, jobId: string): Promise<void> {
    return this.boss.cancel(RUN_QUEUE, jobId, { db: transactionDb(em) });
  }

  stop(): Promise<void> {
    return this.boss.stop({ graceful: true, timeout: 8_000, wait: true });
  }
}
