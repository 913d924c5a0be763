/**
 * Additive Holt-Winters with an optionally damped trend, in the error-correction (state-space) form of
 * ETS(A,Ad,A) (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", §8.3 and §8.7):
 *
 *   ŷ_t  = ℓ_{t−1} + φ b_{t−1} + s_{t−m}              one-step forecast
 *   e_t  = y_t − ŷ_t
 *   ℓ_t  = ℓ_{t−1} + φ b_{t−1} + α e_t
 *   b_t  = φ b_{t−1} + β e_t
 *   s_t  = s_{t−m} + γ e_t
 *
 *   ŷ_{T+h} = ℓ_T + φ_h b_T + s_{T+h−m(k+1)},  φ_h = φ + φ² + … + φ^h,  k = ⌊(h−1)/m⌋
 *   Var(y_{T+h} − ŷ_{T+h}) = σ² (1 + Σ_{j=1}^{h−1} c_j²),  c_j = α + β φ_j + γ·[j mod m = 0]
 *
 * with 0 < α < 1, 0 < β < α, 0 < γ < 1 − α and φ ∈ [0.8, 0.98] (φ = 1 when undamped). σ² is the
 * one-step residual variance SSE / (n − #parameters). The smoothing parameters minimise the in-sample
 * one-step SSE (Nelder–Mead over an unconstrained reparametrisation); the initial states come from a
 * classical decomposition of the first (up to four) seasons.
 */
import { minimize } from './nelder-mead.js';

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export interface HoltWintersState {
  level: number;
  trend: number;
  /** Seasonal effects rotated so that seasonal[0] applies to the first forecast step. */
  seasonal: number[];
}

export interface HoltWintersFit {
  params: HoltWintersParams;
  state: HoltWintersState;
  /** One-step residual standard deviation. */
  sigma: number;
  /** In-sample one-step RMSE (after the first season). */
  fitRmse: number;
  iterations: number;
}

export interface HoltWintersOptions {
  seasonalPeriods: number;
  damped: boolean;
  maxIter: number;
  /** Parameters fixed by the recipe or the run (the rest are optimised). */
  fixed?: Partial<HoltWintersParams>;
}

/** z of the standard normal at 0.9: the 80 % central interval is ŷ ± 1.2816 σ_h. */
export const Z_80 = 1.2815515655446004;

interface Initial {
  level: number;
  trend: number;
  seasonal: Float64Array;
}

/** Initial level (at t = −1), trend and seasonal effects (for t = 0 … m−1) from the first K ≤ 4 full seasons. */
export function initialStates(y: ArrayLike<number>, n: number, m: number): Initial {
  const seasons = Math.max(1, Math.min(4, Math.floor(n / m)));
  const means: number[] = [];
  for (let k = 0; k < seasons; k++) {
    let sum = 0;
    for (let j = 0; j < m; j++) sum += y[k * m + j]!;
    means.push(sum / m);
  }
  const trend = seasons > 1 ? (means[seasons - 1]! - means[0]!) / ((seasons - 1) * m) : 0;
  const level = means[0]! - trend * ((m - 1) / 2 + 1);
  const seasonal = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let sum = 0;
    for (let k = 0; k < seasons; k++) sum += y[k * m + j]! - (level + trend * (k * m + j + 1));
    seasonal[j] = sum / seasons;
  }
  let mean = 0;
  for (let j = 0; j < m; j++) mean += seasonal[j]!;
  mean /= m;
  for (let j = 0; j < m; j++) seasonal[j]! -= mean;
  return { level, trend, seasonal };
}

/** Runs the recursions over y[0..n). Returns the one-step SSE from t = m on and the final states. */
function run(y: ArrayLike<number>, n: number, m: number, p: HoltWintersParams, init: Initial, buffer: Float64Array) {
  const { alpha, beta, gamma, phi } = p;
  buffer.set(init.seasonal);
  let level = init.level;
  let trend = init.trend;
  let sse = 0;
  let phase = 0;
  for (let t = 0; t < n; t++) {
    const s = buffer[phase]!;
    const e = y[t]! - (level + phi * trend + s);
    if (t >= m) sse += e * e;
    level = level + phi * trend + alpha * e;
    trend = phi * trend + beta * e;
    buffer[phase] = s + gamma * e;
    phase = phase + 1 === m ? 0 : phase + 1;
  }
  return { sse, level, trend, phase };
}

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

/** Maps unconstrained u to admissible (α, β, γ, φ): β = α·σ(u₁), γ = (1 − α)·σ(u₂), φ = 0.8 + 0.18·σ(u₃). */
function toParams(u: number[], options: HoltWintersOptions): HoltWintersParams {
  const fixed = options.fixed ?? {};
  const alpha = fixed.alpha ?? 0.001 + 0.998 * sigmoid(u[0]!);
  const beta = fixed.beta ?? alpha * 0.999 * sigmoid(u[1]!);
  const gamma = fixed.gamma ?? (1 - alpha) * 0.999 * sigmoid(u[2]!);
  const phi = options.damped ? (fixed.phi ?? 0.8 + 0.18 * sigmoid(u[3]!)) : 1;
  return { alpha, beta, gamma, phi };
}

/** State and residual scale of y[0..n) under given parameters (no optimisation). */
export function filterHoltWinters(y: ArrayLike<number>, n: number, m: number, params: HoltWintersParams): Omit<HoltWintersFit, 'iterations'> {
  const init = initialStates(y, n, m);
  const buffer = new Float64Array(m);
  const { sse, level, trend, phase } = run(y, n, m, params, init, buffer);
  const seasonal = Array.from({ length: m }, (_, j) => buffer[(phase + j) % m]!);
  const scored = Math.max(1, n - m);
  const dof = Math.max(1, scored - 4);
  return {
    params,
    state: { level, trend, seasonal },
    sigma: Math.sqrt(sse / dof),
    fitRmse: Math.sqrt(sse / scored),
  };
}

/** Fits the smoothing parameters by minimising the one-step SSE of y[0..n). */
export function fitHoltWinters(y: ArrayLike<number>, n: number, options: HoltWintersOptions): HoltWintersFit {
  const m = options.seasonalPeriods;
  const init = initialStates(y, n, m);
  const buffer = new Float64Array(m);
  const objective = (u: number[]) => {
    const { sse } = run(y, n, m, toParams(u, options), init, buffer);
    return Number.isFinite(sse) ? sse : Number.MAX_VALUE;
  };
  // Start at α = 0.2, β = 0.1α, γ = 0.1(1 − α), φ = 0.95.
  const x0 = [logit((0.2 - 0.001) / 0.998), logit(0.1 / 0.999), logit(0.1 / 0.999), logit(0.15 / 0.18)];
  const dims = options.damped ? 4 : 3;
  const result = minimize(objective, x0.slice(0, dims), { maxIter: options.maxIter, step: 1 });
  const params = toParams([...result.x, 0, 0, 0, 0], options);
  return { ...filterHoltWinters(y, n, m, params), iterations: result.iterations };
}

/** Damped-trend multiplier φ_h = φ + … + φ^h (h when φ = 1). */
function phiSum(phi: number, h: number): number {
  if (phi === 1) return h;
  return (phi * (1 - phi ** h)) / (1 - phi);
}

/** Point forecasts and h-step standard deviations for h = 1 … horizon. */
export function forecastHoltWinters(fit: Omit<HoltWintersFit, 'iterations' | 'fitRmse'>, horizon: number): { mean: Float64Array; sd: Float64Array } {
  const { level, trend, seasonal } = fit.state;
  const { alpha, beta, gamma, phi } = fit.params;
  const m = seasonal.length;
  const mean = new Float64Array(horizon);
  const sd = new Float64Array(horizon);
  let variance = 1; // 1 + Σ_{j<h} c_j²
  for (let h = 1; h <= horizon; h++) {
    if (h > 1) {
      const j = h - 1;
      const c = alpha + beta * phiSum(phi, j) + (j % m === 0 ? gamma : 0);
      variance += c * c;
    }
    mean[h - 1] = level + phiSum(phi, h) * trend + seasonal[(h - 1) % m]!;
    sd[h - 1] = fit.sigma * Math.sqrt(variance);
  }
  return { mean, sd };
}
