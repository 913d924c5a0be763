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
 * row commits or rolls back with the change that caused it (a rolled-back savepoint takes its events
 * with it); subscribers see it only after commit. The returned id is provisional: the final one is
 * assigned at commit (see OutboxPublisher).
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

/** First key of the transaction-level advisory lock that orders the commits of a workspace's events. */
const OUTBOX_LOCK = 0x6d6f_6479; // "mody"

/**
 * MikroORM subscriber: gives a transaction's events their final ids just before it commits, publishes
 * them after it commits, drops them on rollback.
 *
 * Event ids must follow commit order, or `since` would skip events: with ids taken at insert, a
 * transaction holding id 99 can commit after another one's id 100 was delivered, and a subscriber
 * resuming with `since: 100` would never see 99. So, just before COMMIT, the transaction takes a
 * per-workspace advisory lock (held until its commit) and renumbers its surviving outbox rows from the
 * sequence: within a workspace, a larger id always commits later. Once it holds the lock, the
 * transaction only updates its own uncommitted rows and commits, so the lock cannot take part in a
 * deadlock; it serialises only the final moments (renumber + COMMIT) of writes that emit events to
 * the same workspace. Rows a rolled-back savepoint removed are not renumbered and not published.
 */
export class OutboxPublisher implements EventSubscriber {
  constructor(private readonly bus: EventBus) {}

  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const trx = args.transaction as object | undefined;
    const events = trx ? pending.get(trx) : undefined;
    if (!trx || !events?.length) return;
    const connection = args.em.getConnection('write');
    const workspaces = [...new Set(events.map((e) => e.workspaceId))].sort();
    // One statement: the locks (in a fixed order), then fresh ids, then the renumbering. The ids
    // cannot be drawn before the locks are held: every `fresh` row needs the `locked` row.
    // Ids and workspace ids are digits and UUIDs, so the array literals are safe.
    const renumbered = (await connection.execute(
      `with locked as (select count(pg_advisory_xact_lock(?, hashtext(w))) as n from unnest(?::text[]) as w),
            fresh as (select nextval(pg_get_serial_sequence('event_outbox', 'id')) as id from generate_series(1, ?) cross join locked),
            ordered as (select id, row_number() over (order by id) as ord from fresh),
            mapping as (select p.old_id, o.id as new_id from unnest(?::bigint[]) with ordinality as p(old_id, ord) join ordered o using (ord))
       update event_outbox e set id = m.new_id from mapping m where e.id = m.old_id
       returning m.old_id::text as old_id, e.id::text as id`,
      [OUTBOX_LOCK, `{${workspaces.join(',')}}`, events.length, `{${events.map((e) => e.id).join(',')}}`],
      'all',
      trx as never,
    )) as { old_id: string; id: string }[];
    const finalId = new Map(renumbered.map((r) => [String(r.old_id), String(r.id)]));
    const committed: LiveEvent[] = [];
    for (const event of events) {
      const id = finalId.get(event.id);
      if (id) committed.push({ ...event, id });
    }
    pending.set(trx, committed);
  }

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

/** Events per replay statement; a replay reads page after page until it has caught up. */
export const REPLAY_PAGE = 1_000;

/** Stored events of a workspace after `sinceId`, oldest first (at most `limit`). */
export async function eventsSince(em: EntityManager, workspaceId: string, topics: readonly Topic[], sinceId: string, limit = REPLAY_PAGE): Promise<LiveEvent[]> {
  const rows = (await em.execute(
    `select id, workspace_id, topic, model_id, subject_id, payload, created_at from event_outbox
      where workspace_id = ? and topic in (${topics.map(() => '?').join(', ')}) and id > ? order by id limit ${Number(limit)}`,
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
