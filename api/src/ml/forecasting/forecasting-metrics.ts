/**
 * Forecast accuracy metrics, pooled over every (series, day) point given. `a` = actual, `f` = point
 * forecast, `[lo, hi]` = the 80 % prediction interval (p10, p90); n = number of points.
 *
 *   MAE                = Σ|f − a| / n
 *   RMSE               = √(Σ(f − a)² / n)
 *   MAPE               = Σ_{a>0} |f − a| / a  /  #{a > 0}         (points with a = 0 are skipped)
 *   forecast_bias      = Σ(f − a) / Σa                              (signed: > 0 over-forecasts)
 *   coverage_80        = #{lo ≤ a ≤ hi} / n
 *   stockout_miss_rate = #{a > hi} / n      (stocking to the p90 still ran out of stock)
 *   overstock_rate     = #{f > (1 + OVERSTOCK_TOLERANCE) · a} / n  (forecast > actual by more than 20 %)
 */
export const FORECAST_METRIC_KEYS = ['MAPE', 'RMSE', 'MAE', 'forecast_bias', 'coverage_80', 'stockout_miss_rate', 'overstock_rate'] as const;
export type ForecastMetricKey = (typeof FORECAST_METRIC_KEYS)[number];
export type ForecastMetrics = Record<ForecastMetricKey, number>;

export const OVERSTOCK_TOLERANCE = 0.2;

export interface ForecastPoints {
  actual: ArrayLike<number>;
  forecast: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

export function mae(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(forecast[i]! - actual[i]!);
  return actual.length ? sum / actual.length : 0;
}

export function rmse(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (forecast[i]! - actual[i]!) ** 2;
  return actual.length ? Math.sqrt(sum / actual.length) : 0;
}

export function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i]! <= 0) continue;
    sum += Math.abs(forecast[i]! - actual[i]!) / actual[i]!;
    count++;
  }
  return count ? sum / count : 0;
}

export function forecastBias(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let error = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    error += forecast[i]! - actual[i]!;
    total += actual[i]!;
  }
  return total > 0 ? error / total : 0;
}

export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside++;
  return actual.length ? inside / actual.length : 0;
}

export function stockoutMissRate(actual: ArrayLike<number>, upper: ArrayLike<number>): number {
  let missed = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! > upper[i]!) missed++;
  return actual.length ? missed / actual.length : 0;
}

export function overstockRate(actual: ArrayLike<number>, forecast: ArrayLike<number>, tolerance = OVERSTOCK_TOLERANCE): number {
  let over = 0;
  for (let i = 0; i < actual.length; i++) if (forecast[i]! > (1 + tolerance) * actual[i]!) over++;
  return actual.length ? over / actual.length : 0;
}

export function forecastMetrics(points: ForecastPoints): ForecastMetrics {
  const { actual, forecast, lower, upper } = points;
  return {
    MAPE: mape(actual, forecast),
    RMSE: rmse(actual, forecast),
    MAE: mae(actual, forecast),
    forecast_bias: forecastBias(actual, forecast),
    coverage_80: coverage(actual, lower, upper),
    stockout_miss_rate: stockoutMissRate(actual, upper),
    overstock_rate: overstockRate(actual, forecast),
  };
}

/** Rounds for display and storage: 4 decimals for ratios, 2 for unit errors. */
export function roundForecastMetrics(metrics: ForecastMetrics): ForecastMetrics {
  const out = { ...metrics };
  for (const key of FORECAST_METRIC_KEYS) out[key] = Math.round(metrics[key] * (key === 'MAE' || key === 'RMSE' ? 100 : 10_000)) / (key === 'MAE' || key === 'RMSE' ? 100 : 10_000);
  return out;
}
