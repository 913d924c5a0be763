/**
 * Tail probabilities and quantiles of the normal, Student t and chi-square distributions, accurate in the tails:
 * survival functions are computed as upper-tail functions (erfc, the upper regularized incomplete gamma and beta), never
 * as 1 − cdf. erfc, erfcinv, lgamma and the incomplete beta function come from stdlib-js (ports of FreeBSD msun and
 * Boost.Math); the upper incomplete gamma function is the cephes algorithm scipy uses (series / continued fraction).
 */
import betainc from '@stdlib/math-base-special-betainc';
import erfc from '@stdlib/math-base-special-erfc';
import erfcinv from '@stdlib/math-base-special-erfcinv';
import gammaln from '@stdlib/math-base-special-gammaln';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Standard normal survival function Pr(Z > z) = erfc(z/√2)/2 (`scipy.stats.norm.sf`). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z * Math.SQRT1_2);
}

/** Standard normal CDF Pr(Z <= z) (`scipy.stats.norm.cdf`). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z * Math.SQRT1_2);
}

/** Standard normal quantile (`scipy.stats.norm.ppf`) = −√2·erfcinv(2p), p in [0, 1] (accurate down to p = 1e-300). */
export function normalPpf(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  return -Math.SQRT2 * erfcinv(2 * p);
}

/**
 * Student t survival function Pr(T > t) with `df` (> 0, not necessarily integer) degrees of freedom
 * (`scipy.stats.t.sf`), from the regularized incomplete beta function as Boost does: with z = t²/(df + t²),
 * Pr(|T| > |t|) = I_{1−z}(df/2, 1/2) = 1 − I_z(1/2, df/2), whichever argument is the small one.
 */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  if (df === Infinity) return normalSf(t);
  const t2 = t * t;
  let tail: number; // Pr(T > |t|)
  if (df > 2 * t2) {
    const z = t2 / (df + t2);
    tail = betainc(z, 0.5, df / 2, true, true) / 2;
  } else {
    const z = df / (df + t2);
    tail = betainc(z, df / 2, 0.5, true, false) / 2;
  }
  return t > 0 ? tail : 1 - tail;
}

/** Student t quantile (`scipy.stats.t.ppf` / `scipy.special.stdtrit`), p in (0, 1), df > 0. */
export function studentTPpf(p: number, df: number): number {
  if (df === Infinity) return normalPpf(p);
  return tQuantile(p, df);
}

/** Chi-square survival function Pr(X > x) with `dof` degrees of freedom = Q(dof/2, x/2) (`scipy.stats.chi2.sf`). */
export function chi2Sf(x: number, dof: number): number {
  if (Number.isNaN(x) || !(dof > 0)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return gammaIncUpper(dof / 2, x / 2);
}

const MACHEP = 1.11022302462515654042e-16;
const MAXLOG = 7.09782712893383996843e2;
const BIG = 4.503599627370496e15;
const BIGINV = 2.22044604925031308085e-16;
const MAXITER = 100_000;

/** x^a e^{−x} / Γ(a), in logarithms. */
function igamFac(a: number, x: number): number {
  const ax = a * Math.log(x) - x - gammaln(a);
  return ax < -MAXLOG ? 0 : Math.exp(ax);
}

/** Lower regularized P(a, x) by its power series (cephes `igam_series`). */
function igamSeries(a: number, x: number): number {
  const ax = igamFac(a, x);
  if (ax === 0) return 0;
  let r = a;
  let c = 1;
  let ans = 1;
  for (let i = 0; i < MAXITER; i++) {
    r += 1;
    c *= x / r;
    ans += c;
    if (c <= MACHEP * ans) break;
  }
  return (ans * ax) / a;
}

/** Upper regularized Q(a, x) by its continued fraction (cephes `igamc_continued_fraction`), for x >= a. */
function igamcContinuedFraction(a: number, x: number): number {
  const ax = igamFac(a, x);
  if (ax === 0) return 0;
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  for (let i = 0; i < MAXITER; i++) {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    let t = 1;
    if (qk !== 0) {
      const r = pk / qk;
      t = Math.abs((ans - r) / r);
      ans = r;
    }
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (Math.abs(pk) > BIG) {
      pkm2 *= BIGINV;
      pkm1 *= BIGINV;
      qkm2 *= BIGINV;
      qkm1 *= BIGINV;
    }
    if (t <= MACHEP) break;
  }
  return ans * ax;
}

/** Upper regularized Q(a, x) for small x (cephes `igamc_series`). */
function igamcSeries(a: number, x: number): number {
  let fac = 1;
  let sum = 0;
  for (let n = 1; n < MAXITER; n++) {
    fac *= -x / n;
    const term = fac / (a + n);
    sum += term;
    if (Math.abs(term) <= MACHEP * Math.abs(sum)) break;
  }
  const logx = Math.log(x);
  return -Math.expm1(a * logx - gammaln(1 + a)) - Math.exp(a * logx - gammaln(a)) * sum;
}

/**
 * Upper regularized incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) (`scipy.special.gammaincc`), computed directly
 * (never as 1 − P where Q is small): cephes' choice between the power series of P (where Q >= ~1/2), the continued
 * fraction of Q (x >= a) and the series of Q for small x.
 */
export function gammaIncUpper(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || x < 0 || !(a > 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (x > 1.1) return x < a ? 1 - igamSeries(a, x) : igamcContinuedFraction(a, x);
  if (x <= 0.5) return -0.4 / Math.log(x) < a ? 1 - igamSeries(a, x) : igamcSeries(a, x);
  return x * 1.1 < a ? 1 - igamSeries(a, x) : igamcSeries(a, x);
}
