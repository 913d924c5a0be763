import { describe, expect, it } from 'vitest';
import { requiredSampleSizePerArm, requiredSampleSizes, twoProportionZTest, welchTTest } from '../../ml/stats/index.js';
import { MetricDirection } from '../evaluation/evaluation.enums.js';
import { AbTestKind } from './ab-test.enums.js';
import { type AbTestDesign, computeAbResult, EMPTY_ARM, loadResult, storeResult } from './ab-test.result.js';

const AT = new Date('2026-11-30T12:00:00.000Z');
const MEAN: AbTestDesign = { kind: AbTestKind.MEAN, direction: MetricDirection.HIGHER_IS_BETTER, alpha: 0.05, power: 0.8, minimumDetectableEffect: 1, split: 0.5 };
const RATE: AbTestDesign = { ...MEAN, kind: AbTestKind.PROPORTION, minimumDetectableEffect: 0.05 };

describe('computeAbResult', () => {
  it('MEAN: reports the stats functions’ test on the aggregates, and the size from arm A’s observed deviation', () => {
    const a = { n: 50, mean: 10, variance: 4, sum: 500 };
    const b = { n: 60, mean: 11.5, variance: 9, sum: 690 };
    const result = computeAbResult(MEAN, a, b, AT);
    const expected = welchTTest({ mean: 10, variance: 4, n: 50 }, { mean: 11.5, variance: 9, n: 60 }, 0.05);
    expect(result).toMatchObject({ difference: expected.difference, ciLow: expected.ciLow, ciHigh: expected.ciHigh, pValue: expected.pValue, df: expected.df, confidence: 1 - expected.pValue, winner: 'B' });
    expect(result.armA).toEqual({ arm: 'A', n: 50, estimate: 10, standardDeviation: 2, successes: null });
    expect(result.requiredSampleSizePerArm).toBe(requiredSampleSizePerArm('MEAN', { baseline: 10, minimumDetectableEffect: 1, standardDeviation: 2, alpha: 0.05, power: 0.8 }));
    expect(result.sampleSizeReached).toBe(result.requiredSampleSizePerArm! <= 50);
  });

  it('the winner follows the direction, and there is none when p ≥ alpha', () => {
    const a = { n: 100, mean: 10, variance: 1, sum: 1000 };
    const b = { n: 100, mean: 9, variance: 1, sum: 900 };
    expect(computeAbResult(MEAN, a, b, AT).winner).toBe('A');
    expect(computeAbResult({ ...MEAN, direction: MetricDirection.LOWER_IS_BETTER }, a, b, AT).winner).toBe('B');
    const close = { n: 100, mean: 10.01, variance: 1, sum: 1001 };
    const result = computeAbResult(MEAN, a, close, AT);
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(result.winner).toBeNull();
  });

  it('MEAN: no test below 2 observations per arm or without any variance, and never a reached size without a test', () => {
    const one = { n: 1, mean: 3, variance: null, sum: 3 };
    const result = computeAbResult({ ...MEAN, standardDeviation: 10 }, one, one, AT);
    expect(result).toMatchObject({ pValue: null, difference: null, winner: null, confidence: null, confidenceLevel: 0.95, sampleSizeReached: false });
    expect(result.armA).toMatchObject({ n: 1, estimate: 3, standardDeviation: null });
    const flat = { n: 5, mean: 2, variance: 0, sum: 10 };
    expect(computeAbResult({ ...MEAN, standardDeviation: 0.001, minimumDetectableEffect: 100 }, flat, { ...flat, mean: 3, sum: 15 }, AT)).toMatchObject({ pValue: null, sampleSizeReached: false, requiredSampleSizePerArm: 1 });
    expect(computeAbResult(MEAN, EMPTY_ARM, EMPTY_ARM, AT)).toMatchObject({ armA: { n: 0, estimate: null }, requiredSampleSizePerArm: null });
  });

  it('PROPORTION: rates from the sums; no test when both rates are 0 or 1; the size needs a baseline rate in (0, 1)', () => {
    const a = { n: 200, mean: 0.1, variance: 0.09, sum: 20 };
    const b = { n: 100, mean: 0.2, variance: 0.16, sum: 20 };
    const result = computeAbResult(RATE, a, b, AT);
    const expected = twoProportionZTest({ successes: 20, n: 200 }, { successes: 20, n: 100 }, 0.05);
    expect(result).toMatchObject({ pValue: expected.pValue, statistic: expected.statistic, df: null, ciLow: expected.ciLow });
    expect(result.armB).toEqual({ arm: 'B', n: 100, estimate: 0.2, standardDeviation: 0.4, successes: 20 });
    expect(result.requiredSampleSizePerArm).toBe(requiredSampleSizePerArm('PROPORTION', { baseline: 0.1, minimumDetectableEffect: 0.05, alpha: 0.05, power: 0.8 }));
    const none = { n: 10, mean: 0, variance: 0, sum: 0 };
    expect(computeAbResult(RATE, none, none, AT)).toMatchObject({ pValue: null, requiredSampleSizePerArm: null, sampleSizeReached: false });
    expect(computeAbResult({ ...RATE, baseline: 0.98 }, a, b, AT).requiredSampleSizePerArm).toBeNull();
  });

  it('sizes each arm for the split: an 80/20 test is reached when A has its 4-times-larger share and B its own', () => {
    const design = { ...RATE, baseline: 0.1, minimumDetectableEffect: 0.02, split: 0.2 };
    const sizes = requiredSampleSizes('PROPORTION', { baseline: 0.1, minimumDetectableEffect: 0.02, alpha: 0.05, power: 0.8, ratio: 0.25 });
    const arm = (n: number, rate: number) => ({ n, mean: rate, variance: rate * (1 - rate), sum: Math.round(n * rate) });
    const before = computeAbResult(design, arm(sizes.a - 1, 0.1), arm(sizes.b + 500, 0.12), AT);
    expect(before).toMatchObject({ requiredSampleSizeA: 9412, requiredSampleSizeB: 2353, requiredSampleSizePerArm: 9412, sampleSizeReached: false });
    expect(computeAbResult(design, arm(sizes.a, 0.1), arm(sizes.b, 0.12), AT).sampleSizeReached).toBe(true);
    // An even split: both sizes are the per-arm size.
    const even = computeAbResult({ ...design, split: 0.5 }, arm(10, 0.1), arm(10, 0.12), AT);
    expect([even.requiredSampleSizeA, even.requiredSampleSizeB]).toEqual([3841, 3841]);
  });

  it('survives storage as JSON, and reads results stored before per-arm sizes with the one size for both arms', () => {
    const result = computeAbResult(RATE, { n: 10, mean: 0.5, variance: 0.25, sum: 5 }, { n: 10, mean: 0.2, variance: 0.16, sum: 2 }, AT);
    expect(loadResult(JSON.parse(JSON.stringify(storeResult(result))))).toEqual(result);
    const { requiredSampleSizeA: _a, requiredSampleSizeB: _b, ...older } = storeResult(result);
    expect(loadResult(older as never)).toMatchObject({ requiredSampleSizeA: result.requiredSampleSizePerArm, requiredSampleSizeB: result.requiredSampleSizePerArm });
  });
});
