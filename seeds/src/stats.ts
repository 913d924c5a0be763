/**
 * Just enough statistics to give seeded drift rows honest p-values:
 * the two-sample Kolmogorov–Smirnov asymptotic p-value and the chi-square
 * survival function.
 */

/** Kolmogorov distribution survival function Q_KS(λ) = 2 Σ (-1)^(k-1) e^(-2k²λ²). */
function kolmogorovQ(lambda: number): number {
  if (lambda < 1e-3) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/** Asymptotic p-value of a two-sample KS statistic D for samples of size n and m (Numerical Recipes form). */
export function ksPValue(statistic: number, n: number, m: number): number {
  const ne = Math.sqrt((n * m) / (n + m));
  return kolmogorovQ((ne + 0.12 + 0.11 / ne) * statistic);
}

/** ln Γ(x), Lanczos approximation. */
function logGamma(x: number): number {
  const c = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const coefficient of c) ser += coefficient / ++y;
  return -tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** Regularized upper incomplete gamma Q(a, x), by series or continued fraction. */
function upperGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(lnPrefix);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(lnPrefix) * h;
}

/** P(χ²_df ≥ statistic). */
export function chiSquarePValue(statistic: number, degreesOfFreedom: number): number {
  return upperGammaQ(degreesOfFreedom / 2, statistic / 2);
}

/** Critical values of χ² at α = 0.05, used as the drift threshold for chi-square features. */
export const CHI_SQUARE_CRITICAL_05: Readonly<Record<number, number>> = {
  1: 3.841,
  2: 5.991,
  3: 7.815,
  4: 9.488,
  5: 11.07,
  6: 12.592,
  7: 14.067,
  8: 15.507,
};
