import { describe, expect, it } from 'vitest';
import { expectAllClose, expectClose, loadStatsFixture } from '../../../test/fixtures/stats/load.js';
import { sortedFiniteCopy } from './numeric-utils.js';
import { reservoirSample, sketchNumeric, type NumericSketch } from './sketch.js';

const fixture = loadStatsFixture<{ cases: { name: string; values: number[]; expected: NumericSketch }[] }>('sketch.json');

describe('sketchNumeric against numpy', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const s = sketchNumeric(Float64Array.from(c.values));
      expect(s.count).toBe(c.expected.count);
      expectClose(s.mean, c.expected.mean, 'mean', 1e-9, 1e-15);
      expectClose(s.std, c.expected.std, 'std', 1e-9, 1e-15);
      expect(s.min).toBe(c.expected.min);
      expect(s.max).toBe(c.expected.max);
      expect(s.quantiles).toHaveLength(101);
      expectAllClose(s.quantiles, c.expected.quantiles, 'quantiles');
    });
  }

  it('refuses empty input and non-finite values', () => {
    expect(() => sketchNumeric(new Float64Array(0))).toThrow(/empty/);
    expect(() => sketchNumeric(Float64Array.from([1, Infinity]))).toThrow(/non-finite value \(Infinity\) at index 1/);
    expect(() => sketchNumeric(Float64Array.from([NaN]))).toThrow(/non-finite/);
  });

  it('does not modify its input', () => {
    const v = Float64Array.from([3, 1, 2]);
    sketchNumeric(v);
    expect([...v]).toEqual([3, 1, 2]);
  });
});

describe('sortedFiniteCopy', () => {
  it('sorts large arrays (radix path) exactly like Float64Array.prototype.sort, negatives, zeros and subnormals included', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const v = new Float64Array(50_000).map(() => {
      const r = rnd();
      if (r < 0.05) return 0;
      if (r < 0.1) return -0;
      if (r < 0.12) return 5e-324 * (rnd() < 0.5 ? -1 : 1);
      return (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20);
    });
    const expected = v.slice().sort();
    const got = sortedFiniteCopy(v, 'v');
    const firstMismatch = expected.findIndex((x, i) => !Object.is(got[i], x));
    expect(firstMismatch).toBe(-1);
    expect(got).toHaveLength(v.length);
  });
});

describe('reservoirSample', () => {
  const values = Float64Array.from({ length: 1000 }, (_, i) => i);

  it('returns a copy of all values when there are at most `size`', () => {
    const small = Float64Array.from([5, 4, 3]);
    const s = reservoirSample(small, 3, 1);
    expect([...s]).toEqual([5, 4, 3]);
    expect(s).not.toBe(small);
    expect([...reservoirSample(small, 10, 1)]).toEqual([5, 4, 3]);
  });

  it('is deterministic for a seed, draws distinct elements, and differs between seeds', () => {
    const a = reservoirSample(values, 100, 42);
    const b = reservoirSample(values, 100, 42);
    const c = reservoirSample(values, 100, 43);
    expect(a).toHaveLength(100);
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...c]);
    expect(new Set(a).size).toBe(100);
  });

  it('samples uniformly: every element is included with probability size/n', () => {
    const n = 200;
    const size = 20;
    const trials = 4000;
    const hits = new Float64Array(n);
    const v = Float64Array.from({ length: n }, (_, i) => i);
    for (let s = 0; s < trials; s++) for (const x of reservoirSample(v, size, s)) hits[x]!++;
    // Expected 400 hits per element (sd ≈ 19); a chi-square over 200 cells stays far below 300 unless biased.
    const expected = (trials * size) / n;
    let chi2 = 0;
    for (const h of hits) chi2 += (h - expected) ** 2 / expected;
    expect(chi2).toBeLessThan(300);
    // The first and last elements are not favoured (Algorithm L's classic off-by-one bugs would show here).
    expect(Math.abs(hits[0]! - expected)).toBeLessThan(80);
    expect(Math.abs(hits[n - 1]! - expected)).toBeLessThan(80);
  });

  it('refuses a bad size and non-finite values', () => {
    expect(() => reservoirSample(values, -1, 1)).toThrow(/size/);
    expect(() => reservoirSample(values, 1.5, 1)).toThrow(/size/);
    expect(() => reservoirSample(Float64Array.from([1, NaN]), 1, 1)).toThrow(/non-finite/);
  });
});
