import { describe, expect, it } from 'vitest';
import { expectClose, loadStatsFixture } from '../../../test/fixtures/stats/load.js';
import { requiredSampleSizePerArm, requiredSampleSizes, twoProportionZTest, welchTTest } from './ab-test.js';

const fixture = loadStatsFixture<{ cases: { name: string; cases: any[] }[] }>('ab-test.json');
const group = (name: string) => fixture.cases.find((c) => c.name === name)!.cases;

describe('welchTTest against scipy.stats.ttest_ind(b, a, equal_var=False)', () => {
  for (const c of group('welch')) {
    it(c.name, () => {
      const r = welchTTest(c.a, c.b, c.alpha);
      expect(r.estimateA).toBe(c.a.mean);
      expect(r.estimateB).toBe(c.b.mean);
      expectClose(r.difference, c.expected.difference, 'difference');
      expectClose(r.statistic, c.expected.statistic, 'statistic');
      expectClose(r.pValue, c.expected.pValue, 'p-value');
      expectClose(r.df!, c.expected.df, 'df');
      expectClose(r.ciLow, c.expected.ciLow, 'CI low');
      expectClose(r.ciHigh, c.expected.ciHigh, 'CI high');
      expectClose(r.confidenceLevel, 1 - c.alpha, 'confidence level');
    });
  }

  it('defaults to a 95 % interval', () => {
    const a = { mean: 1, variance: 2, n: 30 };
    const b = { mean: 1.5, variance: 3, n: 40 };
    expect(welchTTest(a, b)).toEqual(welchTTest(a, b, 0.05));
    expect(welchTTest(a, b).confidenceLevel).toBe(0.95);
  });

  it('follows scipy when both arms have zero variance', () => {
    const differ = welchTTest({ mean: 1, variance: 0, n: 5 }, { mean: 2, variance: 0, n: 5 });
    expect(differ.statistic).toBe(Infinity);
    expect(differ.pValue).toBe(0);
    expect(differ.df).toBe(1);
    expect([differ.ciLow, differ.ciHigh]).toEqual([1, 1]);
    const same = welchTTest({ mean: 1, variance: 0, n: 5 }, { mean: 1, variance: 0, n: 5 });
    expect([same.statistic, same.pValue, same.difference]).toEqual([0, 1, 0]);
  });

  it('refuses arms with fewer than 2 observations, negative variance or a bad alpha', () => {
    expect(() => welchTTest({ mean: 1, variance: 1, n: 1 }, { mean: 1, variance: 1, n: 5 })).toThrow(/arm A needs at least 2 observations/);
    expect(() => welchTTest({ mean: 1, variance: 1, n: 5 }, { mean: 1, variance: -1, n: 5 })).toThrow(/arm B variance/);
    expect(() => welchTTest({ mean: NaN, variance: 1, n: 5 }, { mean: 1, variance: 1, n: 5 })).toThrow(/mean must be finite/);
    expect(() => welchTTest({ mean: 1, variance: 1, n: 5 }, { mean: 1, variance: 1, n: 5 }, 1)).toThrow(/alpha/);
  });
});

describe('twoProportionZTest against scipy.stats.norm', () => {
  for (const c of group('twoProportion')) {
    it(c.name, () => {
      const r = twoProportionZTest(c.a, c.b, c.alpha);
      expectClose(r.estimateA, c.expected.estimateA, 'rate A');
      expectClose(r.estimateB, c.expected.estimateB, 'rate B');
      expectClose(r.difference, c.expected.difference, 'difference');
      expectClose(r.statistic, c.expected.statistic, 'z');
      expectClose(r.pValue, c.expected.pValue, 'p-value');
      expectClose(r.ciLow, c.expected.ciLow, 'CI low');
      expectClose(r.ciHigh, c.expected.ciHigh, 'CI high');
      expect(r.df).toBeNull();
    });
  }

  it('reports no difference when neither arm (or every trial) succeeds', () => {
    for (const [x, n] of [[0, 50], [50, 50]] as const) {
      const r = twoProportionZTest({ successes: x === 0 ? 0 : 40, n: x === 0 ? 40 : 40 }, { successes: x, n });
      expect([r.statistic, r.pValue, r.difference, r.ciLow, r.ciHigh]).toEqual([0, 1, 0, 0, 0]);
    }
  });

  it('refuses impossible counts', () => {
    expect(() => twoProportionZTest({ successes: 5, n: 4 }, { successes: 1, n: 4 })).toThrow(/arm A successes/);
    expect(() => twoProportionZTest({ successes: 1, n: 4 }, { successes: 0, n: 0 })).toThrow(/arm B needs at least 1 trial/);
    expect(() => twoProportionZTest({ successes: 1.5, n: 4 }, { successes: 0, n: 4 })).toThrow(/integer/);
  });
});

describe('requiredSampleSizePerArm against the formula with scipy.stats.norm.ppf', () => {
  for (const c of group('sampleSize')) {
    it(`${c.kind} baseline ${c.baseline} mde ${c.minimumDetectableEffect} alpha ${c.alpha} power ${c.power}`, () => {
      expect(requiredSampleSizePerArm(c.kind, c)).toBe(c.expected.n);
    });
  }

  it('grows as the effect shrinks and matches the textbook value for a 2-point lift on a 10 % rate', () => {
    const p = { baseline: 0.1, alpha: 0.05, power: 0.8 };
    expect(requiredSampleSizePerArm('PROPORTION', { ...p, minimumDetectableEffect: 0.02 })).toBe(3841);
    expect(requiredSampleSizePerArm('PROPORTION', { ...p, minimumDetectableEffect: 0.01 })).toBeGreaterThan(3841 * 3);
  });

  // Expected values: the allocation-ratio formulas evaluated in Python with scipy.stats.norm.ppf (scipy 1.17.1).
  it('sizes unequal arms with the allocation ratio k = n_B / n_A, and k = 1 is the per-arm size', () => {
    const rate = { baseline: 0.1, minimumDetectableEffect: 0.02, alpha: 0.05, power: 0.8 };
    expect(requiredSampleSizes('PROPORTION', { ...rate, ratio: 0.2 / 0.8 })).toEqual({ a: 9412, b: 2353 });
    expect(requiredSampleSizes('PROPORTION', { ...rate, ratio: 4 })).toEqual({ a: 2445, b: 9779 });
    expect(requiredSampleSizes('PROPORTION', rate)).toEqual({ a: 3841, b: 3841 });
    const mean = { baseline: 10, minimumDetectableEffect: 0.5, standardDeviation: 2, alpha: 0.05, power: 0.8 };
    expect(requiredSampleSizes('MEAN', { ...mean, ratio: 0.25 })).toEqual({ a: 628, b: 157 });
    expect(requiredSampleSizes('MEAN', { ...mean, ratio: 1 })).toEqual({ a: 252, b: 252 });
    expect(requiredSampleSizes('MEAN', { ...mean, minimumDetectableEffect: 2, standardDeviation: 5, ratio: 0.3 / 0.7 })).toEqual({ a: 164, b: 71 });
    // An 80/20 split needs more observations in total than an even one, but far fewer than waiting for the
    // small arm to reach the even size (the large arm then holds four times as many).
    const { a, b } = requiredSampleSizes('PROPORTION', { ...rate, ratio: 0.25 });
    expect(a + b).toBeGreaterThan(2 * 3841);
    expect(a + b).toBeLessThan(3841 + 4 * 3841);
    expect(() => requiredSampleSizes('MEAN', { ...mean, ratio: 0 })).toThrow(/ratio must be positive/);
  });

  it('refuses a zero effect, a missing standard deviation and rates outside (0, 1)', () => {
    expect(() => requiredSampleSizePerArm('MEAN', { baseline: 1, minimumDetectableEffect: 0, standardDeviation: 1, alpha: 0.05, power: 0.8 })).toThrow(/non-zero/);
    expect(() => requiredSampleSizePerArm('MEAN', { baseline: 1, minimumDetectableEffect: 1, alpha: 0.05, power: 0.8 })).toThrow(/standardDeviation/);
    expect(() => requiredSampleSizePerArm('PROPORTION', { baseline: 0.95, minimumDetectableEffect: 0.1, alpha: 0.05, power: 0.8 })).toThrow(/\(0, 1\)/);
    expect(() => requiredSampleSizePerArm('PROPORTION', { baseline: 0.5, minimumDetectableEffect: 0.1, alpha: 0.05, power: 1 })).toThrow(/power/);
  });
});
