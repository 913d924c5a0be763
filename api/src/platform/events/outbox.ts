import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from './bus.js';
import type { LiveEvent, Topic, TopicPayloads } from './topics.js';

/** Events written in a transaction, published when (and only when) its root transaction commits. */
const pending = new WeakMap<object, LiveEvent[]>();

function rootTransaction(trx: object): object {
  let current = trx;
  for (;;) {
    const parentKey = Object.getOwnPropertySymbols(current).find((s) => s.description === 'parentTransaction');
    const parent = parentKey ? (current as Record<symbol, object | undefined>)[parentKey] : undefined;
    if (!parent) return current;
    current = parent;
  }
}

interface OutboxRow {
  id: string;
  created_at: Date | string;
}

/**
 * Appends an event to the outbox inside the caller's transaction (`em` must be transactional). The
 * row commits or rolls back with the change that caused it; subscribers see it only after commit.
 */
export async function emitEvent<T extends Topic>(
  em: EntityManager,
  workspaceId: string,
  topic: T,
  subject: { modelId?: string | null; subjectId?: string | null },
  payload: TopicPayloads[T],
): Promise<LiveEvent<T>> {
  const trx = em.getTransactionContext();
  if (!trx) throw new Error(`emitEvent(${topic}) outside a transaction`);
  const [row] = (await em.execute(
    `insert into event_outbox (workspace_id, topic, model_id, subject_id, payload, created_at) values (?, ?, ?, ?, ?, clock_timestamp()) returning id, created_at`,
    [workspaceId, topic, subject.modelId ?? null, subject.subjectId ?? null, JSON.stringify(payload)],
  )) as OutboxRow[];
  const event: LiveEvent<T> = {
    id: String(row!.id),
    workspaceId,
    topic,
    modelId: subject.modelId ?? null,
    subjectId: subject.subjectId ?? null,
    payload,
    createdAt: new Date(row!.created_at).toISOString(),
  };
  const root = rootTransaction(trx as object);
  const list = pending.get(root) ?? [];
  list.push(event as LiveEvent);
  pending.set(root, list);
  return event;
}

/** MikroORM subscriber: publishes a transaction's events after it commits, drops them on rollback. */
export class OutboxPublisher implements EventSubscriber {
  constructor(private readonly bus: EventBus) {}

  afterTransactionCommit(args: TransactionEventArgs): void {
    const events = args.transaction ? pending.get(args.transaction as object) : undefined;
    if (!events) return;
    pending.delete(args.transaction as object);
    for (const event of events) this.bus.publish(event);
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    if (args.transaction) pending.delete(args.transaction as object);
  }
}

interface StoredRow {
  id: string;
  workspace_id: string;
  topic: Topic;
  model_id: string | null;
  subject_id: string | null;
  payload: unknown;
  created_at: Date | string;
}

export const MAX_REPLAY = 10_000;

/** Stored events of a workspace after `sinceId`, oldest first (at most MAX_REPLAY). */
export async function eventsSince(em: EntityManager, workspaceId: string, topics: readonly Topic[], sinceId: string): Promise<LiveEvent[]> {
  const rows = (await em.execute(
    `select id, workspace_id, topic, model_id, subject_id, payload, created_at from event_outbox
      where workspace_id = ? and topic in (${topics.map(() => '?').join(', ')}) and id > ? order by id limit ${MAX_REPLAY}`,
    [workspaceId, ...topics, sinceId],
  )) as StoredRow[];
  return rows.map((r) => ({
    id: String(r.id),
    workspaceId: r.workspace_id,
    topic: r.topic,
    modelId: r.model_id,
    subjectId: r.subject_id,
    payload: r.payload as never,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Deletes events older than the retention; returns how many. */
export async function pruneEvents(em: EntityManager, retentionHours: number): Promise<number> {
  const rows = (await em.execute(`with d as (delete from event_outbox where created_at < now() - make_interval(hours => ?) returning 1) select count(*)::int as n from d`, [retentionHours])) as { n: number }[];
  return rows[0]?.n ?? 0;
}
