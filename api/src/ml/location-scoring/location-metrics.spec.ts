import { describe, expect, it } from 'vitest';
import { averageRanks, calibrationError, hitRate, liftAtTop, quantile, regionCoverage, spearman } from './location-metrics.js';

describe('spearman', () => {
  it('gives tied values their mean rank', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    // ranks a = [1, 2.5, 2.5, 4], b = [1, 3, 2, 4]; deviations a [−1.5, 0, 0, 1.5], b [−1.5, .5, −.5, 1.5]
    // ρ = 4.5 / √(4.5 · 5) = 0.948683…
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 10);
    expect(spearman([1, 2, 3], [30, 20, 10])).toBeCloseTo(-1, 10);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});

describe('calibration, hit rate, lift, coverage', () => {
  it('computes the expected calibration error relative to the mean revenue', () => {
    // bands (1,2) and (3,4): |3 − 4| + |7 − 8| = 2 over 4 sites = 0.5; mean actual 3 → 1/6.
    expect(calibrationError([1, 2, 3, 4], [2, 2, 2, 6], 2)).toBeCloseTo(1 / 6, 10);
    expect(calibrationError([5, 5], [5, 5], 10)).toBe(0);
  });

  it('counts hits in the top k% against the revenue target', () => {
    // top 50%: sites 0 (5 ≥ 4) and 1 (1 < 4).
    expect(hitRate([0.9, 0.8, 0.1, 0.2], [5, 1, 9, 3], 50, 4)).toBe(0.5);
    expect(hitRate([0.9, 0.8, 0.1, 0.2], [5, 1, 9, 3], 25, 4)).toBe(1);
  });

  it('measures the lift of the top decile', () => {
    expect(liftAtTop([4, 3, 2, 1], [10, 0, 0, 0], 25)).toBe(4);
    const score = Array.from({ length: 20 }, (_, i) => i);
    const actual = score.map((i) => (i >= 18 ? 10 : 0));
    // top 10% = sites 19, 18: mean 10 over the overall mean 1.
    expect(liftAtTop(score, actual, 10)).toBe(10);
  });

  it('counts target regions with enough training sites', () => {
    expect(regionCoverage(['a', 'b', 'b', 'c'], ['a', 'a', 'b', 'c', 'c', 'c'], 2)).toEqual({ covered: 2, total: 3 });
    expect(quantile([1, 2, 3, 4, 5], 0.8)).toBeCloseTo(4.2, 10);
  });
});
