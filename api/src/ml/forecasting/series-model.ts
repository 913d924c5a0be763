import { estimateEventLifts } from './event-regressors.js';
import { filterHoltWinters, fitHoltWinters, forecastHoltWinters, Z_80, type HoltWintersParams, type HoltWintersState } from './holt-winters.js';
import { fitSeasonalNaive, forecastSeasonalNaive } from './seasonal-naive.js';

/**
 * One series' model: event lifts (see event-regressors.ts) plus a smoothing learner on the
 * event-adjusted series. Holt-Winters falls back to seasonal naive when its fit is not finite or
 * its in-sample one-step RMSE is worse than seasonal naive's by more than FALLBACK_MARGIN.
 */
export type SeriesMethod = 'holt_winters' | 'seasonal_naive';

export interface SeriesModel {
  method: SeriesMethod;
  fellBack: boolean;
  /** Additive lift (units) per event regressor, in the order of the options' regressors. */
  lifts: number[];
  sigma: number;
  fitRmse: number;
  params: HoltWintersParams | null;
  state: HoltWintersState | null;
  lastSeason: number[] | null;
  iterations: number;
}

export interface SeriesFitOptions {
  algorithm: SeriesMethod;
  seasonalPeriods: number;
  damped: boolean;
  maxIter: number;
  fixed: Partial<HoltWintersParams>;
  fallback: boolean;
}

const FALLBACK_MARGIN = 1.1;

function adjust(y: ArrayLike<number>, n: number, events: ArrayLike<number>[], lifts: number[]): Float64Array {
  const adjusted = Float64Array.from({ length: n }, (_, t) => y[t]!);
  events.forEach((x, r) => {
    const lift = lifts[r]!;
    if (lift !== 0) for (let t = 0; t < n; t++) adjusted[t]! -= lift * x[t]!;
  });
  return adjusted;
}

function naiveModel(adjusted: Float64Array, m: number, lifts: number[], fellBack: boolean): SeriesModel {
  const fit = fitSeasonalNaive(adjusted, adjusted.length, m);
  return { method: 'seasonal_naive', fellBack, lifts, sigma: fit.sigma, fitRmse: fit.fitRmse, params: null, state: null, lastSeason: fit.lastSeason, iterations: 0 };
}

/** Fits y (training days only) with its aligned event columns. */
export function fitSeries(y: ArrayLike<number>, events: ArrayLike<number>[], options: SeriesFitOptions): SeriesModel {
  const n = y.length;
  const m = options.seasonalPeriods;
  const lifts = estimateEventLifts(y, n, m, events);
  const adjusted = adjust(y, n, events, lifts);
  if (options.algorithm === 'seasonal_naive') return naiveModel(adjusted, m, lifts, false);
  const fit = fitHoltWinters(adjusted, n, { seasonalPeriods: m, damped: options.damped, maxIter: options.maxIter, fixed: options.fixed });
  const naive = fitSeasonalNaive(adjusted, n, m);
  const failed = !Number.isFinite(fit.sigma) || !Number.isFinite(fit.state.level) || fit.fitRmse > FALLBACK_MARGIN * naive.fitRmse;
  if (failed && options.fallback) return naiveModel(adjusted, m, lifts, true);
  return { method: 'holt_winters', fellBack: false, lifts, sigma: fit.sigma, fitRmse: fit.fitRmse, params: fit.params, state: fit.state, lastSeason: null, iterations: fit.iterations };
}

/** Re-runs a trained model's parameters and lifts over new history (no re-estimation): the states move to the end of y. */
export function refilterSeries(y: ArrayLike<number>, events: ArrayLike<number>[], trained: Pick<SeriesModel, 'method' | 'params' | 'lifts'>, seasonalPeriods: number): SeriesModel {
  const adjusted = adjust(y, y.length, events, trained.lifts);
  if (trained.method === 'seasonal_naive' || !trained.params) return naiveModel(adjusted, seasonalPeriods, trained.lifts, false);
  const fit = filterHoltWinters(adjusted, adjusted.length, seasonalPeriods, trained.params);
  return { method: 'holt_winters', fellBack: false, lifts: trained.lifts, sigma: fit.sigma, fitRmse: fit.fitRmse, params: fit.params, state: fit.state, lastSeason: null, iterations: 0 };
}

export interface SeriesForecast {
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

/** Forecast of the next `futureEvents[r].length` days with its 80 % interval, lifts added back and clipped at 0 units. */
export function forecastSeries(model: SeriesModel, futureEvents: ArrayLike<number>[], horizon: number): SeriesForecast {
  const base =
    model.method === 'holt_winters' && model.params && model.state
      ? forecastHoltWinters({ params: model.params, state: model.state, sigma: model.sigma }, horizon)
      : forecastSeasonalNaive({ lastSeason: model.lastSeason ?? [], sigma: model.sigma }, horizon);
  const mean = new Float64Array(horizon);
  const lower = new Float64Array(horizon);
  const upper = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    let lift = 0;
    futureEvents.forEach((x, r) => (lift += model.lifts[r]! * x[h]!));
    const center = base.mean[h]! + lift;
    mean[h] = Math.max(0, center);
    lower[h] = Math.max(0, center - Z_80 * base.sd[h]!);
    upper[h] = Math.max(0, center + Z_80 * base.sd[h]!);
  }
  return { mean, lower, upper };
}
