/**
 * Drift of one feature between a reference profile (captured from training data) and a batch of current values.
 *
 * Numeric features — every statistic is computed on the reference *sample* (the bounded reservoir kept in the profile)
 * and all current values, except the bin edges and the Wasserstein normaliser, which come from the reference *sketch*
 * (the whole reference):
 * - Bins: the cut points are the reference quantiles at 1/k, 2/k, …, (k−1)/k (k = `bins`, default 10: the deciles
 *   10 %…90 % of `sketch.quantiles`; for a k that does not divide 100 the level is interpolated linearly between the
 *   sketch's neighbouring percentiles), with duplicates removed, so a constant or heavily tied reference yields fewer
 *   bins (a constant reference: two bins, (−∞, c] and (c, ∞)). Bins are closed on the right: (−∞, c₁], (c₁, c₂], …,
 *   (c_{k−1}, ∞), i.e. a value's bin index is `np.searchsorted(cuts, x, side='left')`.
 * - `bins.reference` / `bins.current`: the share of the reference sample / of the current values in each bin.
 * - `psi`: {@link populationStabilityIndex} of those proportions (zero shares replaced by `epsilon`, default 1e-4).
 * - `jensenShannon`: {@link jensenShannonDistance} of the same proportions (no epsilon), natural log.
 * - `ks`: {@link ks2samp}(reference sample, current), method 'auto' (exact when both have ≤ 10,000 values).
 * - `wasserstein`: {@link wassersteinDistance}(reference sample, current);
 *   `wassersteinNormed` = wasserstein / max(sketch.std, 0.001), the reference's population standard deviation floored
 *   at 0.001 as Evidently does (so a constant reference gives wasserstein / 0.001 rather than a division by zero).
 * - `currentSketch`: {@link sketchNumeric}(current).
 *
 * Categorical features — over the union of categories seen on either side, sorted by value (JavaScript string order):
 * proportions of each side's total, PSI (with epsilon) and Jensen–Shannon distance of those proportions, and the chi-
 * square test of homogeneity of the counts ({@link chiSquareHomogeneity}).
 */
import { chiSquareHomogeneity, jensenShannonDistance, populationStabilityIndex, wassersteinSorted } from './distances.js';
import { ks2sampSorted, type KsResult } from './ks.js';
import { assertFinite, assertNonEmpty, countAtMost, sortedFiniteCopy } from './numeric-utils.js';
import { sketchFromSorted, type NumericSketch } from './sketch.js';

export interface DriftBins {
  /** Interior cut points, ascending, length k − 1. */
  cuts: number[];
  /** Share of the reference sample in each of the k bins. */
  reference: number[];
  /** Share of the current values in each of the k bins. */
  current: number[];
}

export interface NumericDrift {
  psi: number;
  bins: DriftBins;
  ks: KsResult;
  wasserstein: number;
  /** wasserstein / max(reference sketch std (ddof 0), 0.001). */
  wassersteinNormed: number;
  /** Jensen–Shannon distance over the same bins as PSI. */
  jensenShannon: number;
  currentSketch: NumericSketch;
}

export interface CategoricalDrift {
  psi: number;
  jensenShannon: number;
  chiSquare: { statistic: number; pValue: number; dof: number };
  /** Proportions per category, union of both sides, sorted by value. */
  categories: { value: string; reference: number; current: number }[];
}

/** Floor of the normaliser of `wassersteinNormed` (Evidently's). */
export const WASSERSTEIN_NORM_FLOOR = 0.001;

function checkSketch(sketch: NumericSketch): void {
  if (!sketch || !Array.isArray(sketch.quantiles) || sketch.quantiles.length !== 101) {
    throw new RangeError('numericDrift: reference sketch must have 101 quantiles');
  }
  assertFinite(sketch.quantiles, 'numericDrift: reference sketch quantiles');
  if (!Number.isFinite(sketch.std) || sketch.std < 0) throw new RangeError(`numericDrift: reference sketch std must be finite and >= 0, got ${sketch.std}`);
}

/** The distinct reference quantiles at levels j/k, j = 1…k−1, read from (or interpolated in) the sketch's percentiles. */
export function binCuts(sketch: NumericSketch, bins: number): number[] {
  const cuts: number[] = [];
  for (let j = 1; j < bins; j++) {
    const pos = (100 * j) / bins;
    const lo = Math.floor(pos);
    const frac = pos - lo;
    const q = frac === 0 ? sketch.quantiles[lo]! : sketch.quantiles[lo]! + frac * (sketch.quantiles[lo + 1]! - sketch.quantiles[lo]!);
    if (cuts.length === 0 || q > cuts[cuts.length - 1]!) cuts.push(q);
  }
  return cuts;
}

/** Share of an ascending sample in each right-closed bin delimited by `cuts`. */
export function binProportionsSorted(sorted: Float64Array, cuts: number[]): number[] {
  const n = sorted.length;
  const out = new Array<number>(cuts.length + 1);
  let below = 0;
  for (let i = 0; i < cuts.length; i++) {
    const atMost = countAtMost(sorted, cuts[i]!);
    out[i] = (atMost - below) / n;
    below = atMost;
  }
  out[cuts.length] = (n - below) / n;
  return out;
}

/** Drift statistics of a numeric feature; see the module comment for the definitions. Throws a RangeError on empty or non-finite input. */
export function numericDrift(
  reference: { sample: Float64Array; sketch: NumericSketch },
  current: Float64Array,
  options?: { bins?: number; epsilon?: number },
): NumericDrift {
  const bins = options?.bins ?? 10;
  const epsilon = options?.epsilon ?? 1e-4;
  if (!Number.isInteger(bins) || bins < 2 || bins > 100) throw new RangeError(`numericDrift: bins must be an integer in [2, 100], got ${bins}`);
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError(`numericDrift: epsilon must be positive, got ${epsilon}`);
  assertNonEmpty(reference.sample, 'numericDrift: reference sample');
  assertNonEmpty(current, 'numericDrift: current values');
  checkSketch(reference.sketch);
  const ref = sortedFiniteCopy(reference.sample, 'numericDrift: reference sample');
  const cur = sortedFiniteCopy(current, 'numericDrift: current values');

  const cuts = binCuts(reference.sketch, bins);
  const refProps = binProportionsSorted(ref, cuts);
  const curProps = binProportionsSorted(cur, cuts);
  const psi = populationStabilityIndex(refProps, curProps, epsilon);
  const jensenShannon = jensenShannonDistance(refProps, curProps);
  const ks = ks2sampSorted(ref, cur, 'auto');
  const wasserstein = wassersteinSorted(ref, cur);
  const wassersteinNormed = wasserstein / Math.max(reference.sketch.std, WASSERSTEIN_NORM_FLOOR);
  const currentSketch = sketchFromSorted(cur, current);
  return { psi, bins: { cuts, reference: refProps, current: curProps }, ks, wasserstein, wassersteinNormed, jensenShannon, currentSketch };
}

function checkCounts(counts: Record<string, number>, what: string): number {
  let total = 0;
  for (const [k, v] of Object.entries(counts)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`${what}: count of "${k}" must be a finite non-negative number, got ${String(v)}`);
    total += v;
  }
  if (!(total > 0)) throw new RangeError(`${what}: no observations (all counts are zero or there are no categories)`);
  return total;
}

/** Drift statistics of a categorical feature from category counts; see the module comment. Throws a RangeError when a side has no observations. */
export function categoricalDrift(reference: Record<string, number>, current: Record<string, number>, options?: { epsilon?: number }): CategoricalDrift {
  const epsilon = options?.epsilon ?? 1e-4;
  const refTotal = checkCounts(reference, 'categoricalDrift: reference');
  const curTotal = checkCounts(current, 'categoricalDrift: current');
  const values = [...new Set([...Object.keys(reference), ...Object.keys(current)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const refCounts = values.map((v) => (Object.hasOwn(reference, v) ? reference[v]! : 0));
  const curCounts = values.map((v) => (Object.hasOwn(current, v) ? current[v]! : 0));
  const refProps = refCounts.map((c) => c / refTotal);
  const curProps = curCounts.map((c) => c / curTotal);
  return {
    psi: populationStabilityIndex(refProps, curProps, epsilon),
    jensenShannon: jensenShannonDistance(refProps, curProps),
    chiSquare: chiSquareHomogeneity(refCounts, curCounts),
    categories: values.map((value, i) => ({ value, reference: refProps[i]!, current: curProps[i]! })),
  };
}
