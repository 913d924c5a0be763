import DataLoader from 'dataloader';
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { type Context, workspaceOf } from './context.js';
import { NotFoundError } from './errors.js';
import { materialize } from './materialize.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

type Scoped = { id: string };

/** Per-request loader of a workspace's rows by id (one `IN (…)` statement per batch). */
export function byIdLoader<T extends Scoped>(ctx: Context, entity: EntityClass<T>): DataLoader<string, T | undefined> {
  return ctx.loaders.get(`byId:${entity.name}`, () => {
    const workspace = workspaceOf(ctx);
    return new DataLoader<string, T | undefined>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length
        ? await ctx.em.find(entity, { id: { $in: valid }, workspace } as unknown as FilterQuery<T>)
        : [];
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id));
    });
  });
}

/** A row of the caller's workspace, or NOT_FOUND (also for ids of other workspaces, so ids don't leak). */
export async function getOrNotFound<T extends Scoped>(ctx: Context, entity: EntityClass<T>, id: string, label = entity.name): Promise<T> {
  const row = await byIdLoader(ctx, entity).load(id);
  if (!row) throw new NotFoundError(label, id);
  return row;
}

/** Loads a required relation through the by-id loader (the row must exist: foreign keys guarantee it). */
export async function loadRef<T extends Scoped>(ctx: Context, entity: EntityClass<T>, ref: { id: string } | undefined | null): Promise<T> {
  if (!ref) throw new Error(`missing ${entity.name} reference`);
  return getOrNotFound(ctx, entity, ref.id);
}

/**
 * Per-request loader of child rows by a parent id (`fk` is the ManyToOne property), in one
 * `IN (…)` statement per batch, ordered by `orderBy`.
 */
export function childrenLoader<T extends Scoped>(
  ctx: Context,
  entity: EntityClass<T>,
  fk: string,
  orderBy: Record<string, 'ASC' | 'DESC'>,
  extra: Record<string, unknown> = {},
  name = `children:${entity.name}.${fk}:${JSON.stringify(extra)}`,
): DataLoader<string, T[]> {
  return ctx.loaders.get(name, () => {
    const workspace = workspaceOf(ctx);
    return new DataLoader<string, T[]>(async (ids) => {
      const raw = (await ctx.em
        .createQueryBuilder(entity)
        .select('*')
        .where({ [fk]: { $in: [...ids] }, workspace, ...extra } as unknown as FilterQuery<T>)
        .orderBy({ ...orderBy, id: 'ASC' } as never)
        .execute('all', false)) as Record<string, unknown>[];
      const rows = materialize(ctx.em, entity, raw);
      const byParent = new Map<string, T[]>(ids.map((id) => [id, []]));
      for (const row of rows) {
        const ref = (row as Record<string, unknown>)[fk] as { id: string } | undefined;
        if (ref) byParent.get(ref.id)?.push(row);
      }
      return ids.map((id) => byParent.get(id) ?? []);
    });
  });
}
