import { Field, InputType, registerEnumType } from 'type-graphql';
import { SortDirection } from './connection.js';
import { assertUnreachable } from './errors.js';
import type { SortSpec } from './pagination.js';

/** The sort fields shared by named, timestamped lists (recipes, models, packs). */
export type NamedSortField = 'NAME' | 'CREATED_AT' | 'UPDATED_AT';

/** A GraphQL enum `<name>` with the named sort fields (one object per enum: type-graphql keys enums by object). */
export function namedSortEnum(name: string) {
  const values = { NAME: 'NAME', CREATED_AT: 'CREATED_AT', UPDATED_AT: 'UPDATED_AT' } as const;
  registerEnumType(values, { name, valuesConfig: { NAME: { description: 'Alphabetical by name.' } } });
  return values;
}

/** An `orderBy` input `<name>` over a named-sort enum, defaulting to most recently updated first. */
export function NamedOrderInput(name: string, sortEnum: ReturnType<typeof namedSortEnum>) {
  @InputType(name)
  class Order {
    @Field(() => sortEnum, { defaultValue: 'UPDATED_AT' })
    field: NamedSortField = 'UPDATED_AT';

    @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
    direction: SortDirection = SortDirection.DESC;
  }
  return Order;
}

export function namedSort(field: NamedSortField, direction: SortDirection): SortSpec {
  switch (field) {
    case 'NAME':
      return { field, property: 'name', column: 'name', direction, kind: 'text' };
    case 'CREATED_AT':
      return { field, property: 'createdAt', column: 'created_at', direction, kind: 'date' };
    case 'UPDATED_AT':
      return { field, property: 'updatedAt', column: 'updated_at', direction, kind: 'date' };
    default:
      return assertUnreachable(field);
  }
}
