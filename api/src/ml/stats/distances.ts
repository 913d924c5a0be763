/**
 * Distribution distances and the chi-square test of homogeneity, each equal to its scipy function.
 */
import { chi2Sf } from './distributions.js';
import { assertFinite, assertNonEmpty, numpySum, sortedFiniteCopy } from './numeric-utils.js';

/** Wasserstein-1 distance of two ascending samples: ∫ |F_a − F_b| dx, one merged pass, compensated (Neumaier) sum. */
export function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let comp = 0;
  // Walk the merged order; between consecutive merged values x_k < x_{k+1} both CDFs are constant.
  let prev = a[0]! <= b[0]! ? a[0]! : b[0]!;
  while (i < n1 || j < n2) {
    const x = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    if (x !== prev) {
      const diff = i / n1 - j / n2;
      const term = (diff < 0 ? -diff : diff) * (x - prev);
      const t = sum + term;
      if (Math.abs(sum) >= Math.abs(term)) comp += sum - t + term;
      else comp += term - t + sum;
      sum = t;
      prev = x;
    }
    while (i < n1 && a[i]! <= x) i++;
    while (j < n2 && b[j]! <= x) j++;
  }
  return sum + comp;
}

/**
 * First Wasserstein (earth mover's) distance between the empirical distributions of two samples =
 * `scipy.stats.wasserstein_distance(a, b)` = ∫ |F_a(x) − F_b(x)| dx. Throws a RangeError on an empty sample or a
 * non-finite value. `sorted: true` promises both are ascending (no copy is made).
 */
export function wassersteinDistance(a: Float64Array, b: Float64Array, options?: { sorted?: boolean }): number {
  assertNonEmpty(a, 'wassersteinDistance: first sample');
  assertNonEmpty(b, 'wassersteinDistance: second sample');
  if (options?.sorted) {
    assertFinite(a, 'wassersteinDistance: first sample');
    assertFinite(b, 'wassersteinDistance: second sample');
    return wassersteinSorted(a, b);
  }
  return wassersteinSorted(sortedFiniteCopy(a, 'wassersteinDistance: first sample'), sortedFiniteCopy(b, 'wassersteinDistance: second sample'));
}

function checkDistribution(p: readonly number[], what: string): void {
  if (p.length === 0) throw new RangeError(`${what} is empty`);
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${what}[${i}] must be a finite non-negative number, got ${v}`);
  }
}

function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * Jensen–Shannon distance = `scipy.spatial.distance.jensenshannon(p, q)` (natural logarithm, so within [0, √ln 2]):
 * p and q are first divided by their sums, m = (p + q)/2, and the distance is √((KL(p‖m) + KL(q‖m))/2). A result that
 * rounding would make the square root of a tiny negative number is 0. Throws a RangeError on different lengths, an
 * empty or all-zero vector, or a negative or non-finite entry.
 */
export function jensenShannonDistance(p: number[], q: number[]): number {
  checkDistribution(p, 'jensenShannonDistance: p');
  checkDistribution(q, 'jensenShannonDistance: q');
  if (p.length !== q.length) throw new RangeError(`jensenShannonDistance: p and q differ in length (${p.length} vs ${q.length})`);
  const sp = numpySum(p);
  const sq = numpySum(q);
  if (!(sp > 0) || !(sq > 0)) throw new RangeError('jensenShannonDistance: p and q must each have a positive sum');
  const k = p.length;
  const left = new Float64Array(k);
  const right = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const pi = p[i]! / sp;
    const qi = q[i]! / sq;
    const m = (pi + qi) / 2;
    left[i] = relEntr(pi, m);
    right[i] = relEntr(qi, m);
  }
  const js = numpySum(left) + numpySum(right);
  return js > 0 ? Math.sqrt(js / 2) : 0;
}

/**
 * Population stability index of two binned distributions given as proportions (each usually summing to 1):
 * PSI = Σ (cur_i − ref_i) · ln(cur_i / ref_i), where a zero proportion on either side is replaced by `epsilon`
 * (default 1e-4, as Evidently does) so that empty bins contribute a finite amount. Rule of thumb: < 0.1 stable,
 * 0.1–0.25 moderate shift, > 0.25 significant shift. Throws a RangeError on different lengths, negative or non-finite
 * entries, or an epsilon that is not positive.
 */
export function populationStabilityIndex(reference: number[], current: number[], epsilon = 1e-4): number {
  checkDistribution(reference, 'populationStabilityIndex: reference');
  checkDistribution(current, 'populationStabilityIndex: current');
  if (reference.length !== current.length) {
    throw new RangeError(`populationStabilityIndex: reference and current differ in length (${reference.length} vs ${current.length})`);
  }
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError(`populationStabilityIndex: epsilon must be positive, got ${epsilon}`);
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i] === 0 ? epsilon : reference[i]!;
    const c = current[i] === 0 ? epsilon : current[i]!;
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

/**
 * Chi-square test of homogeneity of two count vectors over the same categories = `scipy.stats.chi2_contingency(
 * [reference, current], correction=False)` (statistic, p-value, dof). Categories with a zero count on both sides are
 * dropped first (scipy refuses a zero expected frequency); with fewer than two categories left the test has dof 0 and
 * returns statistic 0, p-value 1. Expected counts are rowTotal · columnTotal / total; statistic =
 * Σ (observed − expected)² / expected; dof = k − 1; p = upper regularized incomplete gamma Q(dof/2, statistic/2).
 * Throws a RangeError on different lengths, negative or non-finite counts, or a side whose counts are all zero.
 */
export function chiSquareHomogeneity(reference: number[], current: number[]): { statistic: number; pValue: number; dof: number } {
  checkDistribution(reference, 'chiSquareHomogeneity: reference');
  checkDistribution(current, 'chiSquareHomogeneity: current');
  if (reference.length !== current.length) {
    throw new RangeError(`chiSquareHomogeneity: reference and current differ in length (${reference.length} vs ${current.length})`);
  }
  const ref: number[] = [];
  const cur: number[] = [];
  for (let i = 0; i < reference.length; i++) {
    if (reference[i] === 0 && current[i] === 0) continue;
    ref.push(reference[i]!);
    cur.push(current[i]!);
  }
  const k = ref.length;
  const refTotal = numpySum(ref);
  const curTotal = numpySum(cur);
  if (!(refTotal > 0)) throw new RangeError('chiSquareHomogeneity: the reference counts are all zero');
  if (!(curTotal > 0)) throw new RangeError('chiSquareHomogeneity: the current counts are all zero');
  const dof = k - 1;
  if (dof === 0) return { statistic: 0, pValue: 1, dof: 0 };
  const total = numpySum([refTotal, curTotal]);
  const terms = new Float64Array(2 * k);
  for (let i = 0; i < k; i++) {
    const col = ref[i]! + cur[i]!;
    const eRef = (refTotal * col) / total;
    const eCur = (curTotal * col) / total;
    terms[i] = (ref[i]! - eRef) ** 2 / eRef;
    terms[k + i] = (cur[i]! - eCur) ** 2 / eCur;
  }
  const statistic = numpySum(terms);
  return { statistic, pValue: chi2Sf(statistic, dof), dof };
}
