/**
 * Reference profiles of numeric features: a quantile sketch and a bounded, seeded reservoir sample.
 */
import { mulberry32 } from '../common/random.js';
import { assertFinite, assertNonEmpty, meanAndStd, sortedFiniteCopy } from './numeric-utils.js';

/** Summary of a numeric feature. */
export interface NumericSketch {
  /** Number of values summarised. */
  count: number;
  /** Arithmetic mean (numpy's pairwise summation). */
  mean: number;
  /** Population standard deviation (ddof = 0), as `np.std(values)`. */
  std: number;
  min: number;
  max: number;
  /**
   * 101 values: the quantiles at levels q = i/100 for i = 0…100 (0 % = min, 100 % = max), computed as numpy's default
   * `np.quantile(values, q, method='linear')`: with the values sorted ascending as x_0 … x_{n−1}, position
   * h = (n − 1)·q, the quantile is x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋).
   */
  quantiles: number[];
}

/** numpy's `_lerp` (with its t >= 0.5 branch that keeps the result exact at b). */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** `np.quantile(sorted, q)` (method 'linear') of an ascending, non-empty array. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const vi = (n - 1) * q;
  if (vi >= n - 1) return sorted[n - 1]!;
  if (vi < 0) return sorted[0]!;
  const prev = Math.floor(vi);
  return lerp(sorted[prev]!, sorted[prev + 1]!, vi - prev);
}

/** The 101 percentiles of an ascending, non-empty array, as in {@link NumericSketch.quantiles}. */
export function percentilesSorted(sorted: Float64Array): number[] {
  const out = new Array<number>(101);
  for (let i = 0; i <= 100; i++) out[i] = quantileSorted(sorted, i / 100);
  return out;
}

/** The sketch of an ascending array (`sorted`), with mean and std from `original` (the same values, any order). */
export function sketchFromSorted(sorted: Float64Array, original: Float64Array = sorted): NumericSketch {
  const n = sorted.length;
  const { mean, std } = meanAndStd(original);
  return { count: n, mean, std, min: sorted[0]!, max: sorted[n - 1]!, quantiles: percentilesSorted(sorted) };
}

/** Sketch of a numeric feature's values (any order). Throws a RangeError on an empty array or a non-finite value. */
export function sketchNumeric(values: Float64Array): NumericSketch {
  assertNonEmpty(values, 'sketchNumeric: values');
  const sorted = sortedFiniteCopy(values, 'sketchNumeric: values');
  return sketchFromSorted(sorted, values);
}

/**
 * A uniform random sample of `size` values without replacement (Li's Algorithm L over a mulberry32 stream seeded with
 * `seed`), in reservoir order; deterministic for a given (values, size, seed). When `values.length <= size` it returns a
 * copy of all values in their order. Throws a RangeError when `size` is not a non-negative integer or a value is not
 * finite.
 */
export function reservoirSample(values: Float64Array, size: number, seed: number): Float64Array {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`reservoirSample: size must be a non-negative integer, got ${size}`);
  assertFinite(values, 'reservoirSample: values');
  const n = values.length;
  if (n <= size) return Float64Array.from(values);
  const out = values.slice(0, size);
  if (size === 0) return out;
  const next = mulberry32(seed);
  // Uniform in the open interval (0, 1): mulberry32 returns k / 2^32, k in [0, 2^32).
  const u = () => next() + 2 ** -33;
  let w = Math.exp(Math.log(u()) / size);
  let i = size - 1;
  for (;;) {
    i += Math.floor(Math.log(u()) / Math.log1p(-w)) + 1;
    if (i >= n) break;
    out[Math.floor(u() * size)] = values[i]!;
    w *= Math.exp(Math.log(u()) / size);
  }
  return out;
}
