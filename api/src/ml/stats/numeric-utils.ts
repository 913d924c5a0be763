/**
 * Numeric helpers shared by the drift and A/B-test statistics: input checks, numpy-compatible summation and a fast
 * sort for Float64Array. Pure functions, no I/O.
 */

/** Throws a RangeError naming `what` unless every value is finite (no NaN, no ±Infinity). */
export function assertFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`${what} contains a non-finite value (${v}) at index ${i}`);
  }
}

/** Throws a RangeError naming `what` when it has no values. */
export function assertNonEmpty(values: ArrayLike<number>, what: string): void {
  if (values.length === 0) throw new RangeError(`${what} is empty`);
}

/**
 * numpy's pairwise summation of `values[from, to)` (the algorithm of `np.add.reduce` for float64: blocks of 128 summed
 * with eight accumulators, halves summed recursively), so that means and standard deviations agree with numpy to the
 * last bits and stay accurate for millions of values.
 */
export function pairwiseSum(values: ArrayLike<number>, from = 0, to = values.length): number {
  const n = to - from;
  if (n < 8) {
    let s = -0;
    for (let i = from; i < to; i++) s += values[i]!;
    return s;
  }
  if (n <= 128) {
    let r0 = values[from]!, r1 = values[from + 1]!, r2 = values[from + 2]!, r3 = values[from + 3]!;
    let r4 = values[from + 4]!, r5 = values[from + 5]!, r6 = values[from + 6]!, r7 = values[from + 7]!;
    const end = from + (n - (n % 8));
    let i = from + 8;
    for (; i < end; i += 8) {
      r0 += values[i]!;
      r1 += values[i + 1]!;
      r2 += values[i + 2]!;
      r3 += values[i + 3]!;
      r4 += values[i + 4]!;
      r5 += values[i + 5]!;
      r6 += values[i + 6]!;
      r7 += values[i + 7]!;
    }
    let s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < to; i++) s += values[i]!;
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(values, from, from + n2) + pairwiseSum(values, from + n2, to);
}

/** `np.sum(values)`: the first value, plus the pairwise sum of the rest (numpy's reduction starts from the first item). */
export function numpySum(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  return values[0]! + pairwiseSum(values, 1, values.length);
}

/** `np.mean` and `np.std` (population, ddof = 0) as numpy computes them: two passes, pairwise sums. */
export function meanAndStd(values: Float64Array): { mean: number; std: number } {
  const n = values.length;
  const mean = numpySum(values) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    sq[i] = d * d;
  }
  return { mean, std: Math.sqrt(numpySum(sq) / n) };
}

/** Round half to even, as `np.round` does. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** x · 2^e without overflow or underflow in the intermediate powers of two. */
export function ldexp(x: number, e: number): number {
  let r = x;
  while (e > 1000) {
    r *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    r *= 2 ** -1000;
    e += 1000;
  }
  return r * 2 ** e;
}

const RADIX_MIN = 4096;

/**
 * A sorted copy of `values` (ascending, -0 before +0), checking on the way that every value is finite. Large arrays are
 * sorted with an LSD radix sort on the IEEE-754 bit patterns (4 passes of 16 bits, skipping passes whose digit is the
 * same for every value): several times faster than `Float64Array.prototype.sort` for a million values.
 */
export function sortedFiniteCopy(values: Float64Array, what: string): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN) {
    const out = Float64Array.from(values);
    assertFinite(out, what);
    return out.sort();
  }
  const src = new Float64Array(n);
  src.set(values);
  const u = new Uint32Array(src.buffer);
  // Map each double's bits to an unsigned key with the same order: flip every bit of negatives, the sign bit of others.
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < n; i++) {
    let lo = u[2 * i]!;
    let hi = u[2 * i + 1]!;
    if ((hi & 0x7ff00000) === 0x7ff00000) {
      assertFinite(values, what);
    }
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    u[2 * i] = lo;
    u[2 * i + 1] = hi;
    counts[lo & 0xffff]!++;
    counts[65536 + (lo >>> 16)]!++;
    counts[131072 + (hi & 0xffff)]!++;
    counts[196608 + (hi >>> 16)]!++;
  }
  let from = u;
  let to = new Uint32Array(2 * n);
  for (let pass = 0; pass < 4; pass++) {
    const off = pass * 65536;
    let sum = 0;
    let single = false;
    for (let b = 0; b < 65536; b++) {
      const c = counts[off + b]!;
      if (c === n) single = true;
      counts[off + b] = sum;
      sum += c;
    }
    if (single) continue;
    const word = pass < 2 ? 0 : 1;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < n; i++) {
      const lo = from[2 * i]!;
      const hi = from[2 * i + 1]!;
      const digit = ((word === 0 ? lo : hi) >>> shift) & 0xffff;
      const pos = counts[off + digit]!++;
      to[2 * pos] = lo;
      to[2 * pos + 1] = hi;
    }
    const t = from;
    from = to;
    to = t;
  }
  for (let i = 0; i < n; i++) {
    const hi = from[2 * i + 1]!;
    if (hi & 0x80000000) {
      from[2 * i + 1] = hi & 0x7fffffff;
    } else {
      from[2 * i + 1] = ~hi >>> 0;
      from[2 * i] = ~from[2 * i]! >>> 0;
    }
  }
  return new Float64Array(from.buffer);
}

/** Number of values of the ascending array `sorted` that are <= x (numpy's `searchsorted(sorted, x, side='right')`). */
export function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
