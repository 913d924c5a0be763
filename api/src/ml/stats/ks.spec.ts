import { describe, expect, it } from 'vitest';
import { expectClose, loadStatsFixture } from '../../../test/fixtures/stats/load.js';
import { ks2samp } from './ks.js';

interface KsCase {
  name: string;
  a: number[] | string;
  b: number[] | string;
  method: 'auto' | 'exact' | 'asymp';
  expected: { statistic: number; pValue: number; method: 'exact' | 'asymp' };
}
const fixture = loadStatsFixture<{ vectors: Record<string, number[]>; cases: KsCase[] }>('ks.json');
const vector = (v: number[] | string) => Float64Array.from(typeof v === 'string' ? fixture.vectors[v]! : v);

describe('ks2samp against scipy.stats.ks_2samp', () => {
  for (const c of fixture.cases) {
    it(`${c.name} (method ${c.method})`, () => {
      const r = ks2samp(vector(c.a), vector(c.b), { method: c.method });
      expectClose(r.statistic, c.expected.statistic, 'statistic');
      expectClose(r.pValue, c.expected.pValue, 'p-value');
      expect(r.method).toBe(c.expected.method);
    });
  }

  it('is symmetric in its samples and accepts pre-sorted input', () => {
    const c = fixture.cases.find((x) => x.name.startsWith('normal 30 vs 45'))!;
    const a = vector(c.a);
    const b = vector(c.b);
    const ab = ks2samp(a, b);
    const ba = ks2samp(b, a);
    expect(ba.statistic).toBe(ab.statistic);
    expect(ba.pValue).toBe(ab.pValue);
    const sorted = ks2samp(a.slice().sort(), b.slice().sort(), { sorted: true });
    expect(sorted).toEqual(ab);
  });

  it('identical samples give statistic 0 and p-value 1', () => {
    const x = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i));
    expect(ks2samp(x, x.slice())).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
    expect(ks2samp(x, x.slice(), { method: 'asymp' })).toEqual({ statistic: 0, pValue: 1, method: 'asymp' });
  });

  it('refuses empty samples, NaN and infinities with a clear error', () => {
    const ok = Float64Array.from([1, 2, 3]);
    expect(() => ks2samp(new Float64Array(0), ok)).toThrow(/first sample is empty/);
    expect(() => ks2samp(ok, new Float64Array(0))).toThrow(/second sample is empty/);
    expect(() => ks2samp(ok, Float64Array.from([1, NaN]))).toThrow(/non-finite value \(NaN\) at index 1/);
    expect(() => ks2samp(Float64Array.from([Infinity]), ok)).toThrow(/non-finite/);
    const big = new Float64Array(5000).map((_, i) => i);
    big[4321] = NaN;
    expect(() => ks2samp(big, ok)).toThrow(/non-finite value \(NaN\) at index 4321/);
  });
});

describe('ks2samp edge cases', () => {
  it('one value against one value', () => {
    const a = Float64Array.from([1]);
    const b = Float64Array.from([2]);
    expect(ks2samp(a, b)).toEqual({ statistic: 1, pValue: 1, method: 'exact' });
    expect(ks2samp(a, b, { method: 'asymp' })).toEqual({ statistic: 1, pValue: 1, method: 'asymp' });
  });
});
