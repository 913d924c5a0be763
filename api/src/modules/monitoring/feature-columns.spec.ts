import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../platform/errors.js';
import { columnsFromRows, countCategories, decodeFloat64, parseColumns } from './feature-columns.js';
import { ReferenceProfileKind } from './monitoring.types.js';

const base64Of = (values: number[]) => Buffer.from(new Float64Array(values).buffer).toString('base64');

describe('decodeFloat64', () => {
  it('decodes little-endian float64 values, short (unaligned pool buffers) and long', () => {
    expect(Array.from(decodeFloat64(base64Of([1.5, -2, 1e-300])) as Float64Array)).toEqual([1.5, -2, 1e-300]);
    const long = Array.from({ length: 10_000 }, (_, i) => i / 7);
    expect(Array.from(decodeFloat64(base64Of(long)) as Float64Array)).toEqual(long);
  });

  it('refuses text that is not base64 or not whole float64 values', () => {
    expect(decodeFloat64('not base64!')).toBe('is not base64');
    expect(decodeFloat64(Buffer.from([1, 2, 3]).toString('base64'))).toMatch(/3 bytes/);
  });
});

describe('parseColumns', () => {
  it('decodes values, base64 and categories', () => {
    const problems: Problem[] = [];
    const columns = parseColumns([{ feature: 'a', values: [1, 2] }, { feature: 'b', valuesBase64: base64Of([3]) }, { feature: 'c', categories: ['x'] }], 'input.columns', problems);
    expect(problems).toEqual([]);
    expect(columns.map((c) => [c.feature, c.kind])).toEqual([['a', ReferenceProfileKind.NUMERIC], ['b', ReferenceProfileKind.NUMERIC], ['c', ReferenceProfileKind.CATEGORICAL]]);
  });

  it('names every problem by path: empty, both kinds, none, NaN, duplicates', () => {
    const problems: Problem[] = [];
    parseColumns(
      [
        { feature: 'a', values: [] },
        { feature: 'b', values: [1], categories: ['x'] },
        { feature: 'c' },
        { feature: 'd', valuesBase64: base64Of([1, Number.NaN]) },
        { feature: 'a', categories: ['y'] },
        { feature: ' ', categories: ['y'] },
      ],
      'input.columns',
      problems,
    );
    expect(problems.map((p) => p.path)).toEqual(['input.columns[0].values', 'input.columns[1]', 'input.columns[2]', 'input.columns[3].valuesBase64', 'input.columns[4].feature', 'input.columns[5].feature']);
    expect(problems[3]!.message).toMatch(/value 1 is NaN/);
  });
});

describe('columnsFromRows', () => {
  const kinds = new Map([['price', ReferenceProfileKind.NUMERIC], ['channel', ReferenceProfileKind.CATEGORICAL]]);

  it('types each feature by its profile and skips nulls', () => {
    const problems: Problem[] = [];
    const columns = columnsFromRows([{ price: 1.5, channel: 'web' }, { price: null, channel: true }, { price: 2 }], kinds, 'input.rows', problems);
    expect(problems).toEqual([]);
    expect(columns).toEqual([
      { feature: 'price', path: 'input.rows[].price', kind: ReferenceProfileKind.NUMERIC, values: new Float64Array([1.5, 2]) },
      { feature: 'channel', path: 'input.rows[].channel', kind: ReferenceProfileKind.CATEGORICAL, categories: ['web', 'true'] },
    ]);
  });

  it('reports unknown keys and wrongly typed values once each, with the row', () => {
    const problems: Problem[] = [];
    columnsFromRows([{ price: 'cheap', id: 1 }, { price: 'dear', id: 2 }], kinds, 'input.rows', problems);
    expect(problems.map((p) => p.path)).toEqual(['input.rows[0].price', 'input.rows[0].id']);
  });
});

describe('countCategories', () => {
  it('counts, also names like __proto__', () => {
    expect(countCategories(['a', 'b', 'a', '__proto__'])).toEqual(JSON.parse('{"a":2,"b":1,"__proto__":1}'));
  });
});
