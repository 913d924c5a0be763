import { describe, expect, it } from 'vitest';
import { expectAllClose, expectClose, loadStatsFixture } from '../../../test/fixtures/stats/load.js';
import { categoricalDrift, numericDrift, type CategoricalDrift, type NumericDrift } from './drift.js';
import type { NumericSketch } from './sketch.js';

interface NumericCase {
  name: string;
  sketch: NumericSketch;
  sample: number[];
  current: number[];
  bins: number;
  epsilon: number;
  expected: NumericDrift;
}
const numeric = loadStatsFixture<{ cases: NumericCase[] }>('numeric-drift.json').cases;
const categorical = loadStatsFixture<{ cases: { name: string; reference: Record<string, number>; current: Record<string, number>; expected: CategoricalDrift }[] }>(
  'categorical-drift.json',
).cases;

function expectSketch(actual: NumericSketch, expected: NumericSketch) {
  expect(actual.count).toBe(expected.count);
  expectClose(actual.mean, expected.mean, 'current mean', 1e-9, 1e-15);
  expectClose(actual.std, expected.std, 'current std', 1e-9, 1e-15);
  expect(actual.min).toBe(expected.min);
  expect(actual.max).toBe(expected.max);
  expectAllClose(actual.quantiles, expected.quantiles, 'current quantiles');
}

describe('numericDrift against numpy/scipy', () => {
  for (const c of numeric) {
    it(c.name, () => {
      const r = numericDrift({ sample: Float64Array.from(c.sample), sketch: c.sketch }, Float64Array.from(c.current), { bins: c.bins, epsilon: c.epsilon });
      const e = c.expected;
      expectAllClose(r.bins.cuts, e.bins.cuts, 'cuts');
      expectAllClose(r.bins.reference, e.bins.reference, 'reference proportions');
      expectAllClose(r.bins.current, e.bins.current, 'current proportions');
      expectClose(r.psi, e.psi, 'PSI', 1e-9, 1e-15);
      expectClose(r.jensenShannon, e.jensenShannon, 'JS distance', 1e-9, 1e-15);
      expectClose(r.ks.statistic, e.ks.statistic, 'KS statistic');
      expectClose(r.ks.pValue, e.ks.pValue, 'KS p-value');
      expect(r.ks.method).toBe(e.ks.method);
      expectClose(r.wasserstein, e.wasserstein, 'Wasserstein');
      expectClose(r.wassersteinNormed, e.wassersteinNormed, 'normed Wasserstein');
      expectSketch(r.currentSketch, e.currentSketch);
    });
  }

  it('uses the reference deciles as cut points and closes bins on the right', () => {
    const sample = Float64Array.from({ length: 101 }, (_, i) => i); // deciles 10, 20, …, 90
    const sketch = { count: 101, mean: 50, std: 29, min: 0, max: 100, quantiles: Array.from({ length: 101 }, (_, i) => i) };
    const r = numericDrift({ sample, sketch }, Float64Array.from([10, 10.5, 95]));
    expect(r.bins.cuts).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(r.bins.current).toEqual([1 / 3, 1 / 3, 0, 0, 0, 0, 0, 0, 0, 1 / 3]);
    expect(r.bins.reference[0]).toBeCloseTo(11 / 101, 15); // 0…10 inclusive
  });

  it('a constant reference gives two bins and a normed Wasserstein distance floored at 0.001', () => {
    const sample = new Float64Array(50).fill(3);
    const sketch = { count: 50, mean: 3, std: 0, min: 3, max: 3, quantiles: new Array(101).fill(3) };
    const r = numericDrift({ sample, sketch }, Float64Array.from([3, 3, 4, 5]));
    expect(r.bins.cuts).toEqual([3]);
    expect(r.bins.reference).toEqual([1, 0]);
    expect(r.bins.current).toEqual([0.5, 0.5]);
    expectClose(r.wasserstein, 0.75, 'wasserstein');
    expectClose(r.wassersteinNormed, 750, 'normed');
  });

  it('refuses empty or non-finite data and a malformed sketch with a clear error', () => {
    const sketch = { count: 3, mean: 2, std: 1, min: 1, max: 3, quantiles: Array.from({ length: 101 }, (_, i) => 1 + i / 50) };
    const sample = Float64Array.from([1, 2, 3]);
    expect(() => numericDrift({ sample, sketch }, new Float64Array(0))).toThrow(/current values is empty/);
    expect(() => numericDrift({ sample: new Float64Array(0), sketch }, sample)).toThrow(/reference sample is empty/);
    expect(() => numericDrift({ sample, sketch }, Float64Array.from([1, NaN]))).toThrow(/current values contains a non-finite value/);
    expect(() => numericDrift({ sample, sketch: { ...sketch, quantiles: [1, 2] } }, sample)).toThrow(/101 quantiles/);
    expect(() => numericDrift({ sample, sketch }, sample, { bins: 1 })).toThrow(/bins/);
  });
});

describe('categoricalDrift against numpy/scipy', () => {
  for (const c of categorical) {
    it(c.name, () => {
      const r = categoricalDrift(c.reference, c.current);
      expect(r.categories.map((x) => x.value)).toEqual(c.expected.categories.map((x) => x.value));
      expectAllClose(r.categories.map((x) => x.reference), c.expected.categories.map((x) => x.reference), 'reference proportions');
      expectAllClose(r.categories.map((x) => x.current), c.expected.categories.map((x) => x.current), 'current proportions');
      expectClose(r.psi, c.expected.psi, 'PSI', 1e-9, 1e-15);
      expectClose(r.jensenShannon, c.expected.jensenShannon, 'JS distance', 1e-9, 1e-15);
      expect(r.chiSquare.dof).toBe(c.expected.chiSquare.dof);
      expectClose(r.chiSquare.statistic, c.expected.chiSquare.statistic, 'chi-square statistic', 1e-9, 1e-12);
      expectClose(r.chiSquare.pValue, c.expected.chiSquare.pValue, 'chi-square p-value');
    });
  }

  it('refuses a side without observations and negative counts', () => {
    expect(() => categoricalDrift({}, { a: 1 })).toThrow(/reference: no observations/);
    expect(() => categoricalDrift({ a: 1 }, { a: 0 })).toThrow(/current: no observations/);
    expect(() => categoricalDrift({ a: -1, b: 3 }, { a: 1 })).toThrow(/non-negative/);
  });
});
