/**
 * Two-sample Kolmogorov–Smirnov test, two-sided: exactly `scipy.stats.ks_2samp(a, b, alternative='two-sided',
 * method=...)` of scipy 1.17, ported from `scipy/stats/_stats_py.py` (`ks_2samp`, `_attempt_exact_2kssamp`,
 * `_compute_prob_outside_square`) and `_stats_pythran.py` (`_compute_outer_prob_inside_method`).
 *
 * - statistic D = max over all observed values v of |F_a(v) − F_b(v)|, with F the empirical CDFs (count of values <= v
 *   divided by the sample size). Ties are handled by evaluating both CDFs after every copy of a value.
 * - method 'auto' (default): 'exact' when max(n_a, n_b) <= 10,000, else 'asymp'.
 * - 'exact': D is snapped to h / lcm(n_a, n_b) with h = round(D · lcm) and the p-value is the exact probability of a
 *   lattice path leaving the band (Hodges; Viehmann's recursion for 1 − p). When that computation fails (a result outside
 *   [0, 1]) scipy falls back to 'asymp', and so does this port (keeping the snapped D). A forced 'exact' with
 *   n_a/g ≥ (2^31 − 1)/(n_b/g) (g = gcd) also switches to 'asymp', as in scipy.
 * - 'asymp': p = kstwo.sf(D, round(n_a·n_b/(n_a+n_b))), the exact distribution of the one-sample statistic with the
 *   effective sample size (see ./kolmogorov.ts).
 * The returned `method` is the one that produced the p-value.
 * One deliberate difference: with method 'asymp' forced on two samples of one value each, round(1·1/2) = 0 and scipy's
 * kstwo returns NaN; this port returns p = 1 (the exact p-value of any 1-vs-1 comparison).
 */
import { kstwoSf } from './kolmogorov.js';
import { assertFinite, assertNonEmpty, roundHalfEven, sortedFiniteCopy } from './numeric-utils.js';

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

const MAX_AUTO_N = 10000;
const INT32_MAX = 2147483647;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Pr(D_{n,n} >= h/n), equal sample sizes (Horner-like alternating sum). */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}

/** Proportion of lattice paths from (0,0) to (m,n) that do not stay strictly inside |x/m − y/n| < h/lcm(m,n). */
export function outerProbInside(m: number, n: number, g: number, h: number): number {
  if (m < n) [m, n] = [n, m];
  const mg = Math.floor(m / g);
  const ng = Math.floor(n / g);
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  for (let j = minj; j < maxj && j < lenA; j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, Math.min(maxj - minj + (lastlen - curlen), lenA));
  }
  return A[maxj - minj - 1]!;
}

function attemptExact(n1: number, n2: number, g: number, d: number): { success: boolean; d: number; prob: number } {
  const lcm = Math.floor(n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  d = h / lcm;
  if (h === 0) return { success: true, d, prob: 1 };
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  if (!(prob >= 0 && prob <= 1)) return { success: false, d, prob };
  return { success: true, d, prob };
}

/** The two-sided statistic max |F_a − F_b| of two ascending samples, in one merged pass. */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 && j < n2) {
    const ai = a[i]!;
    const bj = b[j]!;
    const x = ai <= bj ? ai : bj;
    while (i < n1 && a[i]! <= x) i++;
    while (j < n2 && b[j]! <= x) j++;
    const diff = i / n1 - j / n2;
    const abs = diff < 0 ? -diff : diff;
    if (abs > d) d = abs;
  }
  return d;
}

/** ks_2samp on samples already sorted ascending (and checked finite). */
export function ks2sampSorted(a: Float64Array, b: Float64Array, method: 'auto' | 'exact' | 'asymp' = 'auto'): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  if (Math.min(n1, n2) === 0) throw new RangeError('ks2samp: samples must not be empty');
  let d = ksStatisticSorted(a, b);
  const g = gcd(n1, n2);
  const n1g = n1 / g;
  const n2g = n2 / g;
  let mode: 'exact' | 'asymp';
  if (method === 'auto') mode = Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp';
  else if (method === 'exact') mode = n1g >= INT32_MAX / n2g ? 'asymp' : 'exact';
  else mode = 'asymp';
  let prob = NaN;
  if (mode === 'exact') {
    const r = attemptExact(n1, n2, g, d);
    d = r.d;
    prob = r.prob;
    if (!r.success) mode = 'asymp';
  }
  if (mode === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    prob = kstwoSf(d, roundHalfEven(en));
  }
  prob = prob < 0 ? 0 : prob > 1 ? 1 : prob;
  return { statistic: d, pValue: prob, method: mode };
}

/**
 * Two-sided two-sample Kolmogorov–Smirnov test = `scipy.stats.ks_2samp(a, b, method=...)`. Throws a RangeError on an
 * empty sample or a non-finite value. `sorted: true` promises both inputs are already ascending (they are then not
 * copied, and not re-checked for finiteness beyond a scan).
 */
export function ks2samp(a: Float64Array, b: Float64Array, options?: { method?: 'auto' | 'exact' | 'asymp'; sorted?: boolean }): KsResult {
  assertNonEmpty(a, 'ks2samp: first sample');
  assertNonEmpty(b, 'ks2samp: second sample');
  const method = options?.method ?? 'auto';
  if (method !== 'auto' && method !== 'exact' && method !== 'asymp') throw new RangeError(`ks2samp: unknown method ${String(method)}`);
  let sa: Float64Array;
  let sb: Float64Array;
  if (options?.sorted) {
    assertFinite(a, 'ks2samp: first sample');
    assertFinite(b, 'ks2samp: second sample');
    sa = a;
    sb = b;
  } else {
    sa = sortedFiniteCopy(a, 'ks2samp: first sample');
    sb = sortedFiniteCopy(b, 'ks2samp: second sample');
  }
  return ks2sampSorted(sa, sb, method);
}
