import { describe, expect, it } from 'vitest';
import { parseCompareParams } from './compare-params';
import { compareRows, historyKeys } from './compare-logic';

describe('compareRows', () => {
  it('lines params up by key and marks the rows that differ, a missing value included', () => {
    const rows = compareRows([
      [
        { key: 'alpha', value: '0.3' },
        { key: 'seed', value: '42' },
      ],
      [
        { key: 'alpha', value: '0.5' },
        { key: 'seed', value: '42' },
        { key: 'extra', value: 'x' },
      ],
    ]);
    expect(rows.map((r) => [r.key, r.values, r.differs])).toEqual([
      ['alpha', ['0.3', '0.5'], true],
      ['seed', ['42', '42'], false],
      ['extra', [null, 'x'], true],
    ]);
  });

  it('finds the best and worst run of a metric in its direction', () => {
    const rows = compareRows(
      [[{ key: 'MAPE', value: 0.14 }, { key: 'coverage_80', value: 0.79 }], [{ key: 'MAPE', value: 0.2 }, { key: 'coverage_80', value: 0.81 }], [{ key: 'MAPE', value: 0.14 }, { key: 'coverage_80', value: 0.7 }]],
      { MAPE: 'LOWER_IS_BETTER', coverage_80: 'HIGHER_IS_BETTER' },
    );
    expect(rows[0]).toMatchObject({ key: 'MAPE', best: [0, 2], worst: [1] });
    expect(rows[1]).toMatchObject({ key: 'coverage_80', best: [1], worst: [2] });
  });

  it('does not rank a metric whose direction is unknown or whose values are equal', () => {
    const rows = compareRows([[{ key: 'loss', value: 1 }], [{ key: 'loss', value: 2 }]], {});
    expect(rows[0]).toMatchObject({ differs: true, best: [], worst: [] });
    const same = compareRows([[{ key: 'MAE', value: 3 }], [{ key: 'MAE', value: 3 }]], { MAE: 'LOWER_IS_BETTER' });
    expect(same[0]).toMatchObject({ differs: false, best: [], worst: [] });
  });

  it('handles 100 runs', () => {
    const runs = Array.from({ length: 100 }, (_, i) => [{ key: 'MAE', value: i }]);
    const [row] = compareRows(runs, { MAE: 'LOWER_IS_BETTER' });
    expect(row).toMatchObject({ best: [0], worst: [99] });
  });
});

describe('historyKeys', () => {
  it('puts the metrics most runs have first', () => {
    expect(historyKeys([[{ key: 'loss' }, { key: 'MAE' }, { key: 'MAE' }], [{ key: 'MAE' }], [{ key: 'val' }]])).toEqual(['MAE', 'loss', 'val']);
  });
});

describe('parseCompareParams', () => {
  const a = '0b02c3c8-b611-4407-a7f7-edc30be39c13';
  const b = '85be66e4-55c2-4276-addc-6c5d14e982da';
  it('reads comma lists and repeated parameters, drops duplicates and reports garbage', () => {
    expect(parseCompareParams({ runs: [`${a},${b}`, a, 'nope'] })).toEqual({ ids: [a, b], invalid: ['nope'], truncated: false });
  });

  it('keeps at most 100 runs', () => {
    const ids = Array.from({ length: 120 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const parsed = parseCompareParams({ runs: ids.join(',') });
    expect(parsed.ids).toHaveLength(100);
    expect(parsed.truncated).toBe(true);
  });
});
