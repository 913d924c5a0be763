import { describe, expect, it } from 'vitest';
import { describeRule, latestPerPack } from './thresholds';

describe('describeRule', () => {
  it('reads a lower-is-better rule the way SPEC.md states it (MAPE)', () => {
    expect(describeRule({ direction: 'LOWER_IS_BETTER', promote: 0.15, warn: 0.25, fail: 0.4 })).toEqual({
      pass: '≤ 0.25',
      warn: '0.25 – 0.4',
      fail: '≥ 0.4',
      promote: '≤ 0.15',
    });
  });

  it('mirrors a higher-is-better rule (coverage_80)', () => {
    expect(describeRule({ direction: 'HIGHER_IS_BETTER', promote: 0.8, warn: 0.75, fail: 0.6 })).toEqual({
      pass: '≥ 0.75',
      warn: '0.6 – 0.75',
      fail: '≤ 0.6',
      promote: '≥ 0.8',
    });
  });
});

describe('latestPerPack', () => {
  it('keeps the newest result of each pack and the older ones behind it', () => {
    const r = (id: string, pack: string) => ({ id, pack: { id: pack } });
    const groups = latestPerPack([r('e3', 'p1'), r('e2', 'p2'), r('e1', 'p1')]);
    expect(groups.map((g) => [g.latest.id, g.older.map((o) => o.id)])).toEqual([
      ['e3', ['e1']],
      ['e2', []],
    ]);
  });
});
