import { requiredSampleSizes, twoProportionZTest, welchTTest, type TwoSampleResult } from '../../ml/stats/index.js';
import { MetricDirection } from '../evaluation/evaluation.enums.js';
import { AbArm, AbTestKind } from './ab-test.enums.js';
import type { AbArmResult, AbTestResult, StoredAbTestResult } from './ab-test.types.js';

/** What SQL returns per arm: count, avg, var_samp (null below 2 rows) and sum of the values. */
export interface ArmAggregate {
  n: number;
  mean: number | null;
  variance: number | null;
  sum: number;
}

export const EMPTY_ARM: ArmAggregate = { n: 0, mean: null, variance: null, sum: 0 };

/** The test settings the result depends on. */
export interface AbTestDesign {
  kind: AbTestKind;
  direction: MetricDirection;
  alpha: number;
  power: number;
  minimumDetectableEffect: number;
  baseline?: number | null;
  standardDeviation?: number | null;
  /** Share of the traffic sent to B (the allocation ratio of the sample sizes is split / (1 − split)). */
  split: number;
}

function armResult(kind: AbTestKind, arm: AbArm, agg: ArmAggregate): AbArmResult {
  if (kind === AbTestKind.PROPORTION) {
    const successes = Math.round(agg.sum);
    const rate = agg.n > 0 ? successes / agg.n : null;
    return { arm, n: agg.n, estimate: rate, standardDeviation: rate === null ? null : Math.sqrt(rate * (1 - rate)), successes };
  }
  return {
    arm,
    n: agg.n,
    estimate: agg.n > 0 ? agg.mean : null,
    standardDeviation: agg.n >= 2 && agg.variance !== null ? Math.sqrt(agg.variance) : null,
    successes: null,
  };
}

/** The test, or null when the data cannot support it yet (the statistics would divide by zero). */
function runTest(design: AbTestDesign, a: AbArmResult, b: AbArmResult, aggA: ArmAggregate, aggB: ArmAggregate): TwoSampleResult | null {
  let result: TwoSampleResult;
  if (design.kind === AbTestKind.PROPORTION) {
    if (a.n < 1 || b.n < 1) return null;
    const pooled = (a.successes! + b.successes!) / (a.n + b.n);
    if (pooled <= 0 || pooled >= 1) return null;
    result = twoProportionZTest({ successes: a.successes!, n: a.n }, { successes: b.successes!, n: b.n }, design.alpha);
  } else {
    if (a.n < 2 || b.n < 2) return null;
    const varA = aggA.variance ?? 0;
    const varB = aggB.variance ?? 0;
    if (!(varA > 0 || varB > 0)) return null;
    result = welchTTest({ mean: aggA.mean!, variance: varA, n: a.n }, { mean: aggB.mean!, variance: varB, n: b.n }, design.alpha);
  }
  return Number.isFinite(result.pValue) && Number.isFinite(result.difference) ? result : null;
}

/**
 * Observations needed in each arm to detect the minimum effect, for the test's split (arm B gets
 * `split` of the traffic, so n_B / n_A = split / (1 − split)). MEAN: the given standard deviation,
 * else arm A's observed one (2+ observations); PROPORTION: the given baseline rate, else arm A's
 * observed rate. Null when those are not known yet or the sizes are not finite (e.g. a baseline rate
 * of 0 or 1).
 */
function requiredSizes(design: AbTestDesign, a: AbArmResult): { a: number; b: number } | null {
  const baseline = design.baseline ?? a.estimate;
  let sd: number | undefined;
  if (design.kind === AbTestKind.MEAN) {
    sd = design.standardDeviation ?? a.standardDeviation ?? undefined;
    if (!(sd !== undefined && sd > 0)) return null;
  } else if (!(baseline !== null && baseline > 0 && baseline < 1)) {
    return null;
  }
  try {
    const sizes = requiredSampleSizes(design.kind, {
      baseline: baseline ?? 0,
      minimumDetectableEffect: design.minimumDetectableEffect,
      standardDeviation: sd,
      alpha: design.alpha,
      power: design.power,
      ratio: design.split / (1 - design.split),
    });
    return Number.isFinite(sizes.a) && Number.isFinite(sizes.b) && sizes.a > 0 && sizes.b > 0 ? sizes : null;
  } catch {
    return null;
  }
}

function winnerOf(design: AbTestDesign, test: TwoSampleResult): AbArm | null {
  if (!(test.pValue < design.alpha) || test.difference === 0) return null;
  const bHigher = test.difference > 0;
  return bHigher === (design.direction === MetricDirection.HIGHER_IS_BETTER) ? AbArm.B : AbArm.A;
}

/** The A/B test result from the arms' aggregates: estimates, test, winner, required and reached sample size. */
export function computeAbResult(design: AbTestDesign, aggA: ArmAggregate, aggB: ArmAggregate, at: Date): AbTestResult {
  const armA = armResult(design.kind, AbArm.A, aggA);
  const armB = armResult(design.kind, AbArm.B, aggB);
  const test = runTest(design, armA, armB, aggA, aggB);
  const required = requiredSizes(design, armA);
  return {
    armA,
    armB,
    difference: test?.difference ?? null,
    ciLow: test?.ciLow ?? null,
    ciHigh: test?.ciHigh ?? null,
    confidenceLevel: test?.confidenceLevel ?? 1 - design.alpha,
    pValue: test?.pValue ?? null,
    statistic: test?.statistic ?? null,
    df: test?.df ?? null,
    winner: test ? winnerOf(design, test) : null,
    confidence: test ? 1 - test.pValue : null,
    requiredSampleSizeA: required?.a ?? null,
    requiredSampleSizeB: required?.b ?? null,
    requiredSampleSizePerArm: required ? Math.max(required.a, required.b) : null,
    // Reached only once the test itself can be computed: a test never concludes without a p-value.
    sampleSizeReached: test !== null && required !== null && armA.n >= required.a && armB.n >= required.b,
    computedAt: at,
  };
}

export function storeResult(result: AbTestResult): StoredAbTestResult {
  return { ...result, computedAt: result.computedAt.toISOString() };
}

/** A stored result; those stored before per-arm sizes existed had one size for both arms. */
export function loadResult(stored: StoredAbTestResult): AbTestResult {
  return {
    ...stored,
    requiredSampleSizeA: stored.requiredSampleSizeA ?? stored.requiredSampleSizePerArm,
    requiredSampleSizeB: stored.requiredSampleSizeB ?? stored.requiredSampleSizePerArm,
    computedAt: new Date(stored.computedAt),
  };
}
