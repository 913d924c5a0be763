import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Claims `key` for `operation` in the caller's transaction. Returns null when this call is the first
 * (the key now points at `subjectId`), or the subject id the first call recorded — then the caller
 * returns that result and writes nothing. Concurrent retries serialize on the primary key: the second
 * waits for the first transaction and sees its row once it commits (or claims the key if it rolls back).
 */
export async function claimIdempotencyKey(em: EntityManager, workspaceId: string, operation: string, key: string, subjectId: string): Promise<string | null> {
  const inserted = (await em.execute(
    `insert into idempotency_key (workspace_id, operation, key, subject_id, created_at) values (?, ?, ?, ?, now())
     on conflict do nothing returning subject_id`,
    [workspaceId, operation, key, subjectId],
  )) as { subject_id: string }[];
  if (inserted.length) return null;
  const [existing] = (await em.execute('select subject_id from idempotency_key where workspace_id = ? and operation = ? and key = ?', [workspaceId, operation, key])) as { subject_id: string }[];
  return existing!.subject_id;
}
