/**
 * A/B-test statistics for two arms, A (control) and B (treatment). Differences are always B − A.
 */
import { normalPpf, normalSf, studentTPpf, studentTSf } from './distributions.js';

/** Summary of one arm's metric values. */
export interface ArmMean {
  mean: number;
  /** Sample variance (ddof = 1). */
  variance: number;
  n: number;
}

/** Successes out of n trials in one arm. */
export interface ArmProportion {
  successes: number;
  n: number;
}

export interface TwoSampleResult {
  estimateA: number;
  estimateB: number;
  /** estimateB − estimateA. */
  difference: number;
  ciLow: number;
  ciHigh: number;
  /** Two-sided p-value. */
  pValue: number;
  /** t (Welch) or z (proportions) of B − A. */
  statistic: number;
  /** Welch–Satterthwaite degrees of freedom; null for the z-test. */
  df: number | null;
  /** 1 − alpha. */
  confidenceLevel: number;
}

function checkAlpha(alpha: number, what: string): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${what}: alpha must be in (0, 1), got ${alpha}`);
}

/**
 * Welch's unequal-variance t-test = `scipy.stats.ttest_ind(b, a, equal_var=False)` (two-sided) and its confidence
 * interval `.confidence_interval(1 − alpha)`:
 * SE = √(s²_A/n_A + s²_B/n_B); statistic t = (mean_B − mean_A)/SE; Welch–Satterthwaite
 * df = SE⁴ / ((s²_A/n_A)²/(n_A−1) + (s²_B/n_B)²/(n_B−1)); p = 2·Pr(T_df > |t|);
 * CI = difference + SE·t_df quantiles at (1−c)/2 and 1 − (1−c)/2, c = 1 − alpha.
 * When both variances are 0 scipy's conventions apply: df = 1, t = ±Infinity with p = 0 when the means differ, and
 * t = NaN → reported here as statistic 0, p-value 1 when they are equal (scipy gives NaN). Throws a RangeError when an arm
 * has n < 2, a negative or non-finite variance, a non-finite mean, or alpha outside (0, 1).
 */
export function welchTTest(a: ArmMean, b: ArmMean, alpha = 0.05): TwoSampleResult {
  checkAlpha(alpha, 'welchTTest');
  for (const [name, arm] of [['A', a], ['B', b]] as const) {
    if (!Number.isInteger(arm.n) || arm.n < 2) throw new RangeError(`welchTTest: arm ${name} needs at least 2 observations, got n = ${arm.n}`);
    if (!Number.isFinite(arm.mean)) throw new RangeError(`welchTTest: arm ${name} mean must be finite, got ${arm.mean}`);
    if (!Number.isFinite(arm.variance) || arm.variance < 0) throw new RangeError(`welchTTest: arm ${name} variance must be finite and >= 0, got ${arm.variance}`);
  }
  const vnA = a.variance / a.n;
  const vnB = b.variance / b.n;
  let df = (vnA + vnB) ** 2 / (vnA ** 2 / (a.n - 1) + vnB ** 2 / (b.n - 1));
  if (Number.isNaN(df)) df = 1;
  const se = Math.sqrt(vnA + vnB);
  const difference = b.mean - a.mean;
  let statistic = difference / se;
  let pValue: number;
  if (Number.isNaN(statistic)) {
    statistic = 0;
    pValue = 1;
  } else {
    pValue = Math.min(1, 2 * studentTSf(Math.abs(statistic), df));
  }
  const confidenceLevel = 1 - alpha;
  const tail = (1 - confidenceLevel) / 2;
  const ciLow = studentTPpf(tail, df) * se + difference;
  const ciHigh = studentTPpf(1 - tail, df) * se + difference;
  return { estimateA: a.mean, estimateB: b.mean, difference, ciLow, ciHigh, pValue, statistic, df, confidenceLevel };
}

/**
 * Two-proportion z-test, two-sided: rates p_A = x_A/n_A, p_B = x_B/n_B, difference p_B − p_A;
 * statistic z = (p_B − p_A) / √(p̄(1−p̄)(1/n_A + 1/n_B)) with the pooled rate p̄ = (x_A + x_B)/(n_A + n_B);
 * p = 2·Pr(Z > |z|) (standard normal, upper tail);
 * CI = difference ± z_{1−alpha/2} · √(p_A(1−p_A)/n_A + p_B(1−p_B)/n_B) (unpooled Wald interval).
 * When the pooled rate is 0 or 1 (no successes, or only successes, in both arms) the difference is 0 and the result is
 * statistic 0, p-value 1, CI [0, 0]. Throws a RangeError unless 0 <= successes <= n, n >= 1 (integers) and alpha in (0, 1).
 */
export function twoProportionZTest(a: ArmProportion, b: ArmProportion, alpha = 0.05): TwoSampleResult {
  checkAlpha(alpha, 'twoProportionZTest');
  for (const [name, arm] of [['A', a], ['B', b]] as const) {
    if (!Number.isInteger(arm.n) || arm.n < 1) throw new RangeError(`twoProportionZTest: arm ${name} needs at least 1 trial, got n = ${arm.n}`);
    if (!Number.isInteger(arm.successes) || arm.successes < 0 || arm.successes > arm.n) {
      throw new RangeError(`twoProportionZTest: arm ${name} successes must be an integer in [0, n], got ${arm.successes}`);
    }
  }
  const pA = a.successes / a.n;
  const pB = b.successes / b.n;
  const difference = pB - pA;
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const statistic = sePooled > 0 ? difference / sePooled : 0;
  const pValue = sePooled > 0 ? Math.min(1, 2 * normalSf(Math.abs(statistic))) : 1;
  const seWald = Math.sqrt((pA * (1 - pA)) / a.n + (pB * (1 - pB)) / b.n);
  const z = normalPpf(1 - alpha / 2);
  return {
    estimateA: pA,
    estimateB: pB,
    difference,
    ciLow: difference - z * seWald,
    ciHigh: difference + z * seWald,
    pValue,
    statistic,
    df: null,
    confidenceLevel: 1 - alpha,
  };
}

/** Design of a two-arm test for its required sample sizes. */
export interface SampleSizeDesign {
  baseline: number;
  minimumDetectableEffect: number;
  standardDeviation?: number;
  alpha: number;
  power: number;
  /** Allocation ratio n_B / n_A (a test sending `split` of the traffic to B: split / (1 − split)); default 1. */
  ratio?: number;
}

/**
 * Sample sizes needed in arm A and arm B to detect an absolute difference δ = `minimumDetectableEffect`
 * with a two-sided test of level alpha and the given power, for allocation ratio k = n_B / n_A, each
 * rounded up (z are standard normal quantiles):
 * - MEAN: n_A = σ²(1 + 1/k)(z_{1−α/2} + z_{power})² / δ² (σ = `standardDeviation`, assumed equal in both arms);
 * - PROPORTION: with p₁ = baseline, p₂ = p₁ + δ, p̄ = (p₁ + k·p₂)/(1 + k),
 *   n_A = (z_{1−α/2}·√(p̄(1−p̄)(1 + 1/k)) + z_{power}·√(p₁(1−p₁) + p₂(1−p₂)/k))² / δ²;
 * and n_B = k·n_A. With k = 1 both are the textbook per-arm size (2σ²(z + z)²/δ², and p̄ the mean rate).
 * Throws a RangeError when δ is 0 or not finite, alpha or power is outside (0, 1), k is not positive,
 * σ is missing or not positive (MEAN), or p₁ or p₂ is outside (0, 1) (PROPORTION).
 */
export function requiredSampleSizes(kind: 'MEAN' | 'PROPORTION', p: SampleSizeDesign): { a: number; b: number } {
  const delta = p.minimumDetectableEffect;
  const k = p.ratio ?? 1;
  if (!Number.isFinite(delta) || delta === 0) throw new RangeError(`requiredSampleSizes: minimumDetectableEffect must be finite and non-zero, got ${delta}`);
  checkAlpha(p.alpha, 'requiredSampleSizes');
  if (!(p.power > 0 && p.power < 1)) throw new RangeError(`requiredSampleSizes: power must be in (0, 1), got ${p.power}`);
  if (!(k > 0 && Number.isFinite(k))) throw new RangeError(`requiredSampleSizes: ratio must be positive, got ${k}`);
  const zAlpha = normalPpf(1 - p.alpha / 2);
  const zBeta = normalPpf(p.power);
  let nA: number;
  if (kind === 'MEAN') {
    const sigma = p.standardDeviation;
    if (sigma === undefined || !(sigma > 0) || !Number.isFinite(sigma)) {
      throw new RangeError(`requiredSampleSizes: standardDeviation must be positive for MEAN, got ${String(sigma)}`);
    }
    nA = (sigma ** 2 * (1 + 1 / k) * (zAlpha + zBeta) ** 2) / delta ** 2;
  } else if (kind === 'PROPORTION') {
    const p1 = p.baseline;
    const p2 = p1 + delta;
    if (!(p1 > 0 && p1 < 1)) throw new RangeError(`requiredSampleSizes: baseline rate must be in (0, 1), got ${p1}`);
    if (!(p2 > 0 && p2 < 1)) throw new RangeError(`requiredSampleSizes: baseline + minimumDetectableEffect must be in (0, 1), got ${p2}`);
    const pBar = (p1 + k * p2) / (1 + k);
    const root = zAlpha * Math.sqrt(pBar * (1 - pBar) * (1 + 1 / k)) + zBeta * Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / k);
    nA = root ** 2 / delta ** 2;
  } else {
    throw new RangeError(`requiredSampleSizes: unknown kind ${String(kind)}`);
  }
  return { a: Math.ceil(nA), b: Math.ceil(k * nA) };
}

/** {@link requiredSampleSizes} for equal arms (k = 1): the size each arm needs. */
export function requiredSampleSizePerArm(kind: 'MEAN' | 'PROPORTION', p: Omit<SampleSizeDesign, 'ratio'>): number {
  return requiredSampleSizes(kind, { ...p, ratio: 1 }).a;
}
