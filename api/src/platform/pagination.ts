import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import { BadInputError } from './errors.js';
import { SortDirection } from './connection.js';
import { materialize } from './materialize.js';

export const MAX_PAGE_SIZE = 1000;

export interface SortSpec {
  /** Name of the sort field as the client sees it (tags the cursor). */
  field: string;
  /** Entity property holding the sort value. */
  property: string;
  /** SQL column. */
  column: string;
  direction: SortDirection;
  kind: 'date' | 'text';
}

export type Where = (qb: Knex.QueryBuilder) => void;

export interface PageRequest {
  first: number;
  after?: string | null;
}

interface CursorPayload {
  f: string;
  v: string;
  id: string;
}

export function encodeCursor(sort: SortSpec, value: unknown, id: string): string {
  const v = value instanceof Date ? value.toISOString() : String(value);
  return Buffer.from(JSON.stringify({ f: sort.field, v, id } satisfies CursorPayload)).toString('base64url');
}

export function decodeCursor(sort: SortSpec, cursor: string): { value: string; id: string } {
  let payload: CursorPayload;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
  } catch {
    throw new BadInputError('Invalid cursor: not produced by this API', { argument: 'after' });
  }
  if (!payload || typeof payload.v !== 'string' || typeof payload.id !== 'string') {
    throw new BadInputError('Invalid cursor: not produced by this API', { argument: 'after' });
  }
  if (payload.f !== sort.field) {
    throw new BadInputError(`Cursor was made for ordering by ${payload.f}, not ${sort.field}`, { argument: 'after' });
  }
  if (sort.kind === 'date' && Number.isNaN(Date.parse(payload.v))) {
    throw new BadInputError('Invalid cursor value', { argument: 'after' });
  }
  return { value: payload.v, id: payload.id };
}

export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadInputError(`first must be an integer between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first', value: first });
  }
}

function tableOf(em: EntityManager, entity: EntityClass<object>): string {
  return em.getMetadata().get(entity.name).tableName;
}

function applyKeyset(qb: Knex.QueryBuilder, sort: SortSpec, after: string | null | undefined, alias: string): void {
  if (!after) return;
  const { value, id } = decodeCursor(sort, after);
  const op = sort.direction === SortDirection.ASC ? '>' : '<';
  qb.whereRaw(`(??, ??) ${op} (?, ?::uuid)`, [`${alias}.${sort.column}`, `${alias}.id`, value, id]);
}

function mapRows<T extends object>(em: EntityManager, entity: EntityClass<T>, rows: Record<string, unknown>[]): T[] {
  return materialize(em, entity, rows);
}

/**
 * One keyset page: rows after the cursor in `sort` order, one more than `first` so the caller
 * knows whether there is a next page.
 */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: Where,
  sort: SortSpec,
  page: PageRequest,
): Promise<T[]> {
  checkPageSize(page.first);
  const knex = em.getKnex();
  const qb = knex.select('t.*').from({ t: tableOf(em, entity) });
  where(qb);
  applyKeyset(qb, sort, page.after, 't');
  qb.orderBy([
    { column: `t.${sort.column}`, order: sort.direction },
    { column: 't.id', order: sort.direction },
  ]).limit(page.first + 1);
  return mapRows(em, entity, await em.execute(qb));
}

/**
 * The same page for many parents in one statement (`row_number() over (partition by …)`), for
 * nested connections such as `Model.runs`: the statement count does not grow with the parents.
 */
export async function findPagesByParent<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  parentColumn: string,
  parentIds: readonly string[],
  where: Where,
  sort: SortSpec,
  page: PageRequest,
): Promise<Map<string, T[]>> {
  checkPageSize(page.first);
  const knex = em.getKnex();
  const inner = knex
    .select('t.*', knex.raw(`t.?? as "__pk"`, [parentColumn]), knex.raw(`row_number() over (partition by t.?? order by t.?? ${sort.direction}, t.id ${sort.direction}) as "__rn"`, [parentColumn, sort.column]))
    .from({ t: tableOf(em, entity) })
    .whereIn(`t.${parentColumn}`, [...parentIds]);
  where(inner);
  applyKeyset(inner, sort, page.after, 't');
  const qb = knex.select('*').from(inner.as('s')).where('__rn', '<=', page.first + 1).orderBy([{ column: '__pk' }, { column: '__rn' }]);
  const rows = (await em.execute(qb)) as Record<string, unknown>[];
  const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
  const nodes = mapRows(em, entity, rows);
  rows.forEach((row, i) => byParent.get(String(row.__pk))?.push(nodes[i]!));
  return byParent;
}

/** Number of rows matching `where`, per parent when `parentColumn` is given. */
export async function countByParent(
  em: EntityManager,
  entity: EntityClass<object>,
  parentColumn: string,
  parentIds: readonly string[],
  where: Where,
): Promise<Map<string, number>> {
  const knex = em.getKnex();
  const qb = knex
    .select(knex.raw(`t.?? as "__pk"`, [parentColumn]))
    .count({ n: '*' })
    .from({ t: tableOf(em, entity) })
    .whereIn(`t.${parentColumn}`, [...parentIds])
    .groupBy(`t.${parentColumn}`);
  where(qb);
  const rows = (await em.execute(qb)) as { __pk: string; n: string }[];
  const counts = new Map<string, number>(parentIds.map((id) => [id, 0]));
  for (const row of rows) counts.set(String(row.__pk), Number(row.n));
  return counts;
}

export async function countAll(em: EntityManager, entity: EntityClass<object>, where: Where): Promise<number> {
  const knex = em.getKnex();
  const qb = knex.count({ n: '*' }).from({ t: tableOf(em, entity) });
  where(qb);
  const rows = (await em.execute(qb)) as { n: string }[];
  return Number(rows[0]?.n ?? 0);
}

/** `ILIKE '%term%'` with the term's wildcards escaped (served by the trigram indexes). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The cursor function for rows sorted by `sort`. */
export function cursorFor<T extends { id: string }>(sort: SortSpec): (row: T) => string {
  return (row) => encodeCursor(sort, (row as Record<string, unknown>)[sort.property], row.id);
}
