/**
 * The distribution of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, as scipy computes it for
 * `scipy.stats.kstwo` (module `scipy/stats/_ksstats.py`, function `_kolmogn`, after Simard & L'Ecuyer 2011), and the
 * one-sided Smirnov distribution `scipy.special.smirnov`. `ks_2samp`'s asymptotic p-value is `kstwo.sf(d, round(m·n/(m+n)))`.
 *
 * Ported by hand, regime by regime: Ruben–Gambino closed forms near the ends, the Durbin matrix (Marsaglia–Tsang–Wang),
 * the Pomeranz recursion, the Pelz–Good asymptotic series and the exact Birnbaum–Tingey sum for 2·smirnov. scipy
 * computes parts of `smirnov` in double-double arithmetic; this port sums logarithms in double precision instead, which
 * keeps the relative error below ~1e-10 for n up to a few hundred thousand.
 */
import { ldexp } from './numeric-utils.js';

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const MIN_LOG = -708;
const SQRT3 = Math.sqrt(3);
const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
/** cephes MINLOG = log(2^-1022). */
const CEPHES_MINLOG = -7.08396418532264106224e2;
const STIRLING_COEFFS = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

const clip01 = (p: number) => (p < 0 ? 0 : p > 1 ? 1 : p);
const select = (cdfProb: number, sfProb: number, cdf: boolean) => clip01(cdf ? cdfProb : sfProb);

function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  const x = rn / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * x + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** Pr(D_n <= d) (or the SF) by the MTW form of Durbin's matrix algorithm. */
export function kolmognDMTW(n: number, d: number, cdf = true): number {
  if (d >= 1) return select(1, 0, cdf);
  const nd = n * d;
  if (nd <= 0.5) return select(0, 1, cdf);
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  let H: Float64Array = new Float64Array(m * m);
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j;
    w[j - 1] = fac;
    fac /= j;
    v[j - 1]! *= fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)]!;
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;

  let Hpwr: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1;
  const tmp = new Float64Array(m * m);
  const matmul = (A: Float64Array, B: Float64Array): Float64Array => {
    tmp.fill(0);
    for (let i = 0; i < m; i++) {
      for (let l = 0; l < m; l++) {
        const a = A[i * m + l]!;
        if (a === 0) continue;
        const rowB = l * m;
        const rowC = i * m;
        for (let j = 0; j < m; j++) tmp[rowC + j]! += a * B[rowB + j]!;
      }
    }
    return Float64Array.from(tmp);
  };
  let nn = n;
  let expnt = 0;
  let Hexpnt = 0;
  while (nn > 0) {
    if (nn % 2) {
      Hpwr = matmul(Hpwr, H);
      expnt += Hexpnt;
    }
    H = matmul(H, H);
    Hexpnt *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]!) > EP128) {
      for (let i = 0; i < H.length; i++) H[i]! /= EP128;
      Hexpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = Hpwr[(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return select(p, 1 - p, cdf);
}

function pomeranzJ1J2(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pr(D_n <= x) (or the SF) by the Pomeranz recursion. */
export function kolmognPomeranz(n: number, x: number, cdf = true): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1]! * gOverN) / m;
    twogpower[m] = (twogpower[m - 1]! * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1]! * oneMinusTwoGOverN) / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let [j1, j2] = pomeranzJ1J2(0, n, ll, ceilf, roundf);
  const conv = new Float64Array(2 * npwrs);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // np.convolve(V0[k1 - V0s : k1 - V0s + ln2], pwrs[:ln2]) (full mode), with numpy's slice clipping.
      const start = k1 - V0s;
      const aLen = Math.max(0, Math.min(start + ln2, npwrs) - Math.max(start, 0));
      const aFrom = Math.max(start, 0);
      const bLen = Math.min(ln2, npwrs);
      const convLen = aLen + bLen - 1;
      conv.fill(0, 0, Math.max(convLen, 0));
      for (let a = 0; a < aLen; a++) {
        const va = V0[aFrom + a]!;
        if (va === 0) continue;
        for (let b = 0; b < bLen; b++) conv[a + b]! += va * pwrs[b]!;
      }
      const convStart = j1 - k1;
      const convCount = j2 - j1 + 1;
      let maxV = -Infinity;
      for (let c = 0; c < convCount; c++) {
        const val = conv[convStart + c]!;
        V1[c] = val;
        if (val > maxV) maxV = val;
      }
      for (let c = convCount; c < npwrs; c++) if (V1[c]! > maxV) maxV = V1[c]!;
      if (maxV > 0 && maxV < EM128) {
        for (let c = 0; c < npwrs; c++) V1[c]! *= EP128;
        expnt -= E128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return select(ans, 1 - ans, cdf);
}

/** The Pelz–Good approximation of Pr(D_n <= x) (returns the SF when `cdf` is false, unclipped as in scipy). */
export function kolmognPelzGood(n: number, x: number, cdf = true): number {
  if (x <= 0) return select(0, 1, cdf);
  if (x >= 1) return select(1, 0, cdf);
  const z = Math.sqrt(n) * x;
  const zsquared = z ** 2;
  const zthree = z ** 3;
  const zfour = z ** 4;
  const zsix = z ** 6;
  const qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG) return select(0, 1, cdf);
  let q = Math.exp(qlog);
  const k1a = -zsquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zsix + 2 * zfour;
  const k2b = ((2 * zfour - 5 * zsquared) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * zsquared)) / 16;
  const k3d = (PI_SIX * (5 - 30 * zsquared)) / 64;
  const k3c = (PI_FOUR * (-60 * zsquared + 212 * zfour)) / 16;
  const k3b = (PI_SQUARED * (135 * zfour - 96 * zsix)) / 4;
  const k3a = -30 * zsix - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const msquared = m ** 2;
    const mfour = m ** 4;
    const msix = m ** 6;
    const qpower = q ** (8 * k);
    const coeffs = [1, k1a + k1b * msquared, k2a + k2b * msquared + k2c * mfour, k3a + k3b * msquared + k3c * mfour + k3d * msix];
    for (let i = 0; i < 4; i++) K[i] = K[i]! * qpower + coeffs[i]!;
  }
  const div = [z, 6 * zfour, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT2PI) / div[i]!;
  q = Math.exp(-PI_SQUARED / 2 / zsquared);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const ksq = k * k;
    const qp = q ** ksq;
    const kspi = Math.PI * k;
    k2extra += ksq * qp;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qp;
  }
  K[2]! += (k2extra * PI_SQUARED * SQRT2PI) / (-36 * zthree);
  K[3]! += (k3extra * PI_SQUARED * SQRT2PI) / (216 * zsix);
  for (let i = 0; i < 4; i++) K[i]! /= (n * 1) ** (i / 2);
  if (!cdf) {
    for (let i = 0; i < 4; i++) K[i]! *= -1;
    K[0]! += 1;
  }
  return K[0]! + K[1]! + K[2]! + K[3]!;
}

// ---------------------------------------------------------------------------------------------------------------------
// Smirnov's one-sided distribution: Pr(D_n^+ >= x), the Birnbaum–Tingey sum.

/** Exact product a·b as hi + lo (Dekker). */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const split = 134217729; // 2^27 + 1
  const ca = split * a;
  const ahi = ca - (ca - a);
  const alo = a - ahi;
  const cb = split * b;
  const bhi = cb - (cb - b);
  const blo = b - bhi;
  const err = ahi * bhi - p + ahi * blo + alo * bhi + alo * blo;
  return [p, err];
}

/** floor(n·x) and the fractional part of n·x, computed from the exact product. */
function modNX(n: number, x: number): { nxfloor: number; alpha: number } {
  const [hi, lo] = twoProduct(n, x);
  let fl = Math.floor(hi);
  let alpha: number;
  if (fl === hi) {
    const fl2 = Math.floor(lo);
    alpha = lo - fl2;
    fl += fl2;
  } else {
    alpha = hi - fl + lo;
    if (alpha < 0) {
      fl -= 1;
      alpha += 1;
    }
  }
  if (alpha >= 1) {
    fl += 1;
    alpha = 0;
  }
  return { nxfloor: fl, alpha };
}

/** scipy.special.smirnov(n, x): Pr(D_n^+ >= x) for the one-sided one-sample KS statistic. */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { nxfloor: nxfl, alpha } = modNX(n, x);
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    const t = Math.exp((n - 1) * Math.log1p(x));
    const cdf = x * t;
    return clip01(1 - cdf);
  }
  if (-2 * n * x * x < CEPHES_MINLOG) return 0;
  if (nxfl >= n - 1) return clip01(Math.exp(n * Math.log1p(-x)));
  if (n > 1_000_000) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return clip01(logp < -Math.LN2 ? Math.exp(logp) : 1 - -Math.expm1(logp));
  }
  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum = (nUpperTerms <= 1 && x < 0.5) || (n >= 10 && nUpperTerms <= 3 && x <= 0.5 / Math.sqrt(n));
  // Terms A_v = C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v), summed from v = 0 up (lower sum, gives the SF) or from
  // v = n down (upper sum, gives the CDF; a few terms of alternating sign).
  let sum: number;
  let logC = 0; // log C(n, v)
  if (useUpperSum) {
    const nTerms = n - n1mxceil + 1;
    sum = Math.exp((n - 1) * Math.log1p(x)); // A_n = (1 + x)^(n-1)
    for (let j = 1; j < nTerms; j++) {
      logC += Math.log((n - (j - 1)) / j);
      const v = n - j;
      const t1x = (v + nxfl + alpha) / n; // x + v/n
      const t2x = (n - v - nxfl - alpha) / n; // 1 - x - v/n (negative here)
      const Aj = Math.exp(logC + (v - 1) * Math.log(t1x)) * t2x ** (n - v);
      sum += Aj;
    }
    return clip01(1 - x * sum);
  }
  const nTerms = n1mxfl + 1;
  const vmid = Math.floor(n / 2);
  sum = Math.exp(n * Math.log1p(-x) - Math.log(x)); // A_0 = (1 - x)^n / x
  // log C(n, v) is accumulated with Kahan compensation: for n ~ 1e5 the dominant terms have v ~ 1e4 and log C ~ 1e4.
  let logCComp = 0;
  for (let v = 1; v < nTerms; v++) {
    const inc = Math.log((n - (v - 1)) / v) - logCComp;
    const next = logC + inc;
    logCComp = next - logC - inc;
    logC = next;
    const t1x = (v + nxfl + alpha) / n;
    const t2x = (n - v - nxfl - alpha) / n;
    const Aj = Math.exp(logC + (v - 1) * Math.log(t1x) + (n - v) * Math.log(t2x));
    if (Number.isFinite(Aj) && Aj !== 0) sum += Aj;
    if (Aj !== 0) {
      if (4 * (nTerms - v) * Math.abs(Aj) < Number.EPSILON * sum && v !== nTerms - 1) break;
    } else if (v > vmid) break;
  }
  return clip01(x * sum);
}

// ---------------------------------------------------------------------------------------------------------------------

/**
 * CDF (or SF when `cdf` is false) of the two-sided one-sample KS statistic D_n at x: scipy's `_kolmogn(n, x, cdf)`,
 * i.e. `scipy.stats.kstwo(n).cdf(x)` / `.sf(x)`.
 */
export function kolmogn(n: number, x: number, cdf = true): number {
  if (Number.isNaN(n) || Number.isNaN(x)) return NaN;
  if (!Number.isInteger(n) || n <= 0) return NaN;
  if (x >= 1) return select(1, 0, cdf);
  if (x <= 0) return select(0, 1, cdf);
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return select(0, 1, cdf);
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return select(prob, 1 - prob, cdf);
  }
  if (t >= n - 1) {
    const prob = 2 * (1 - x) ** n;
    return select(1 - prob, prob, cdf);
  }
  if (x >= 0.5) {
    const prob = 2 * smirnovSf(n, x);
    return select(1 - prob, prob, cdf);
  }
  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) {
      const prob = kolmognDMTW(n, x, true);
      return select(prob, 1 - prob, cdf);
    }
    if (nxsquared <= 4) {
      const prob = kolmognPomeranz(n, x, true);
      return select(prob, 1 - prob, cdf);
    }
    const prob = 2 * smirnovSf(n, x);
    return select(1 - prob, prob, cdf);
  }
  if (!cdf) {
    if (nxsquared >= 370) return 0;
    if (nxsquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  }
  let cdfprob: number;
  if (nxsquared >= 18) cdfprob = 1;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdfprob = kolmognDMTW(n, x, true);
  else cdfprob = kolmognPelzGood(n, x, true);
  return select(cdfprob, 1 - cdfprob, cdf);
}

/** `scipy.stats.kstwo.sf(x, n)`: Pr(D_n >= x), including the support ends (1 at x <= 1/(2n), 0 at x >= 1). */
export function kstwoSf(x: number, n: number): number {
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;
  return kolmogn(n, x, false);
}
