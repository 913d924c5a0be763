import { describe, expect, it } from 'vitest';
import { coverage, forecastBias, forecastMetrics, mae, mape, overstockRate, rmse, stockoutMissRate } from './forecasting-metrics.js';

// Hand-computed: errors f − a = [2, −5, 1, 0]; Σa = 70.
const actual = [10, 20, 0, 40];
const forecast = [12, 15, 1, 40];
const lower = [8, 16, 0, 30];
const upper = [14, 19, 2, 50];

describe('forecast metrics', () => {
  it('MAE = (2 + 5 + 1 + 0) / 4', () => expect(mae(actual, forecast)).toBe(2));
  it('RMSE = √((4 + 25 + 1 + 0) / 4)', () => expect(rmse(actual, forecast)).toBeCloseTo(Math.sqrt(7.5), 12));
  it('MAPE skips zero actuals: (0.2 + 0.25 + 0) / 3', () => expect(mape(actual, forecast)).toBeCloseTo(0.15, 12));
  it('forecast_bias = Σ(f − a) / Σa = −2 / 70 (negative: under-forecast)', () => expect(forecastBias(actual, forecast)).toBeCloseTo(-2 / 70, 12));
  it('coverage_80 counts actuals inside [p10, p90]: 3 of 4', () => expect(coverage(actual, lower, upper)).toBe(0.75));
  it('stockout_miss_rate counts actuals above p90: 1 of 4', () => expect(stockoutMissRate(actual, upper)).toBe(0.25));
  it('overstock_rate counts forecasts above 1.2 × actual: 1 of 4 (1 > 0)', () => expect(overstockRate(actual, forecast)).toBe(0.25));
  it('forecastMetrics bundles them under the pack keys', () => {
    expect(forecastMetrics({ actual, forecast, lower, upper })).toEqual({
      MAPE: expect.closeTo(0.15, 12),
      RMSE: expect.closeTo(Math.sqrt(7.5), 12),
      MAE: 2,
      forecast_bias: expect.closeTo(-2 / 70, 12),
      coverage_80: 0.75,
      stockout_miss_rate: 0.25,
      overstock_rate: 0.25,
    });
  });
  it('a perfect forecast scores zero error and full coverage', () => {
    const m = forecastMetrics({ actual, forecast: actual, lower: actual, upper: actual });
    expect([m.MAE, m.RMSE, m.MAPE, m.forecast_bias, m.stockout_miss_rate, m.overstock_rate, m.coverage_80]).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });
});
