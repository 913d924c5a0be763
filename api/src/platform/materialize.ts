import { ReferenceKind, type EntityClass, type EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

interface Column {
  property: string;
  column: string;
  reference: boolean;
  numeric: boolean;
  date: boolean;
}

const plans = new WeakMap<EntityMetadata, Column[]>();
const shadows = new WeakMap<object, object>();

/**
 * A prototype between the entity's and the instances that shadows MikroORM's accessor properties
 * (relation propagation setters) with plain writable data properties: assignments on instances then
 * create own properties without running MikroORM's setters, and the entity's getters still work.
 */
function shadowOf(entityProto: object, plan: Column[]): object {
  let shadow = shadows.get(entityProto);
  if (!shadow) {
    shadow = Object.create(entityProto) as object;
    for (const c of plan) Object.defineProperty(shadow, c.property, { value: undefined, writable: true, enumerable: false, configurable: true });
    shadows.set(entityProto, shadow);
  }
  return shadow;
}

function planFor(meta: EntityMetadata): Column[] {
  let plan = plans.get(meta);
  if (!plan) {
    plan = meta.props
      .filter((p) => p.persist !== false && (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE) && p.fieldNames?.length === 1)
      .map((p) => ({
        property: p.name,
        column: p.fieldNames[0]!,
        reference: p.kind === ReferenceKind.MANY_TO_ONE,
        // bigint columns mapped to numbers (e.g. artifact sizes); pg returns int8 as text.
        numeric: p.kind === ReferenceKind.SCALAR && p.columnTypes?.[0] === 'bigint' && p.runtimeType === 'number',
        // MikroORM has pg return timestamps as text; parse them the way MikroORM does.
        date: p.kind === ReferenceKind.SCALAR && (p.runtimeType === 'Date' || p.type === 'Date' || p.columnTypes?.[0]?.startsWith('timestamp') === true),
      }));
    plans.set(meta, plan);
  }
  return plan;
}

/**
 * Turns raw rows into detached, read-only instances of `entity` (prototype and getters included,
 * relations as `{ id }` references) without the unit of work: response paths read thousands of rows
 * and never write them, so identity-map registration and change-tracking snapshots are pure cost.
 * Writes always load managed entities inside their transaction instead.
 */
export function materialize<T extends object>(em: EntityManager, entity: EntityClass<T>, rows: Record<string, unknown>[]): T[] {
  const plan = planFor(em.getMetadata().get(entity.name));
  const proto = shadowOf(entity.prototype as object, plan);
  const platform = em.getPlatform();
  return rows.map((row) => {
    const out = Object.create(proto) as Record<string, unknown>;
    for (const c of plan) {
      const raw = row[c.column];
      let value: unknown;
      if (raw === null || raw === undefined) value = undefined;
      else if (c.reference) value = { id: String(raw) };
      else if (c.numeric) value = Number(raw);
      else if (c.date) value = raw instanceof Date ? raw : platform.parseDate(raw as string);
      else value = raw;
      out[c.property] = value;
    }
    return out as T;
  });
}

/**
 * The inverse of `materialize`: an entity as a JSON-safe row (column names, ISO dates, relation ids),
 * for event payloads that must survive the outbox and Redis and be turned back into the entity by
 * subscribers without a database read.
 */
export function dehydrate<T extends object>(em: EntityManager, entity: EntityClass<T>, instance: T): Record<string, unknown> {
  const plan = planFor(em.getMetadata().get(entity.name));
  const source = instance as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const c of plan) {
    const value = source[c.property];
    if (value === undefined || value === null) row[c.column] = null;
    else if (c.reference) row[c.column] = (value as { id: string }).id;
    else if (value instanceof Date) row[c.column] = value.toISOString();
    else row[c.column] = value;
  }
  return row;
}
