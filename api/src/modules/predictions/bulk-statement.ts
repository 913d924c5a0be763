import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs one statement with array parameters bound natively (`unnest(?::float8[], …)`) on the
 * transaction's connection: `em.execute` would inline every element into the SQL text, which costs
 * more than the statement itself for 10,000–100,000 rows. Logged like the ORM's statements; driver
 * errors are converted to MikroORM's exceptions. Inside a transaction when `em` is transactional.
 */
export async function executeBulk<T = Record<string, unknown>>(em: EntityManager, sql: string, bindings: unknown[]): Promise<{ rows: T[]; rowCount: number }> {
  const trx = em.getTransactionContext();
  const started = Date.now();
  try {
    const query = em.getKnex().raw(sql, bindings as never);
    const res = (await (trx ? query.transacting(trx as never) : query)) as { rows: T[]; rowCount: number };
    em.config.getLogger().logQuery({ query: sql, took: Date.now() - started, affected: res.rowCount, level: 'info' });
    return res;
  } catch (error) {
    em.config.getLogger().logQuery({ query: sql, took: Date.now() - started, level: 'error' });
    throw em.getDriver().convertException(error as Error);
  }
}
