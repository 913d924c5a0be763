import { CHI_SQUARE_CRITICAL_05 } from '../stats.js';
import type { FamilyDefinition } from '../spec.js';
import { round } from '../util.js';
import { PLATFORM_TEAM, PEOPLE } from './people.js';

const STORES = ['S014', 'S027', 'S031', 'S102'] as const;
const SKUS = ['SKU-10442', 'SKU-20871', 'SKU-31007'] as const;

export const forecasting: FamilyDefinition = {
  family: 'FORECASTING',
  slug: 'forecasting',
  pack: {
    key: 'forecasting-standard',
    name: 'Forecasting Standard Evaluation',
    description:
      'Accuracy, bias and interval-coverage gates for demand forecasts. MAPE and forecast_bias are fractions ' +
      '(0.12 = 12%); RMSE and MAE are in units per store-SKU-day; forecast_bias is the absolute relative bias ' +
      '|Σ(forecast − actual)| / Σ actual; coverage_80 is the share of actuals inside the 80% prediction interval.',
    tags: ['forecasting', 'standard', 'accuracy', 'intervals'],
    author: PEOPLE.priya,
    createdDaysAgo: 96,
    rules: [
      { key: 'MAPE', direction: 'LOWER_IS_BETTER', promote: 0.15, warn: 0.25, fail: 0.4, required: true },
      { key: 'RMSE', direction: 'LOWER_IS_BETTER', promote: 30, warn: 45, fail: 70, required: false },
      { key: 'MAE', direction: 'LOWER_IS_BETTER', promote: 18, warn: 28, fail: 42, required: true },
      { key: 'forecast_bias', direction: 'LOWER_IS_BETTER', promote: 0.03, warn: 0.05, fail: 0.1, required: true },
      { key: 'coverage_80', direction: 'HIGHER_IS_BETTER', promote: 0.8, warn: 0.75, fail: 0.65, required: true },
    ],
  },
  recipe: {
    key: 'forecasting-baseline',
    name: 'Forecasting Baseline',
    description:
      'Daily store × SKU demand forecast with Holt-Winters exponential smoothing (weekly seasonality, damped trend) ' +
      'and 80% prediction intervals, validated walk-forward over 12 windows of 28 days.',
    tags: ['forecasting', 'retail', 'demand', 'baseline', 'daily'],
    owner: PLATFORM_TEAM,
    author: PEOPLE.priya,
    createdDaysAgo: 92,
    changeNote: 'Initial baseline: Holt-Winters per series, walk-forward validation, PSI drift monitoring.',
    manifest: {
      requirements: {
        feature_sets: ['sales_history', 'calendar', 'promotions', 'pricing', 'weather'],
        grain: { entity: ['store_id', 'sku_id'], time_column: 'date', frequency: 'daily' },
        label: 'units_sold',
        min_history_days: 730,
        min_series_length_days: 365,
      },
      pipeline: {
        quality: {
          checks: ['schema', 'not_null', 'non_negative_label', 'duplicate_keys', 'calendar_gaps'],
          max_null_fraction: 0.02,
          min_rows: 100_000,
          on_failure: 'abort',
        },
        feature_prep: {
          lags_days: [7, 14, 28],
          rolling_mean_windows_days: [7, 28],
          calendar_features: ['day_of_week', 'holiday_flag'],
          impute: 'forward_fill',
          outlier_clip_quantile: 0.995,
        },
        training: {
          algorithm: 'holt_winters',
          trend: 'additive',
          damped_trend: true,
          seasonal: 'multiplicative',
          seasonal_periods: 7,
          optimizer: 'L-BFGS-B',
          max_iter: 200,
          per_series: true,
          fallback: 'seasonal_naive',
          max_failed_series_fraction: 0.05,
        },
        evaluation: { holdout_days: 28, interval_levels: [0.8], gate: 'block_on_fail' },
        deployment: { approval: 'manual', canary_fraction: 0.1, rollback_on: 'FAIL' },
      },
      validation: { strategy: 'walk_forward', windows: 12, horizon_days: 28, step_days: 7, min_train_days: 365 },
      lineage: {
        input_features: [
          'units_sold_lag_7',
          'units_sold_lag_28',
          'units_sold_rolling_mean_28',
          'price',
          'promo_flag',
          'day_of_week',
          'holiday_flag',
          'temperature_c',
        ],
        output_features: ['forecast_units', 'forecast_p10', 'forecast_p90'],
        upstream_tables: ['sales.daily_store_sku', 'marketing.promotions', 'pricing.shelf_prices', 'external.weather_daily'],
      },
      deployment: {
        mode: 'batch',
        schedule: '0 4 * * *',
        endpoint: 'warehouse://analytics.forecasts.store_sku_daily',
        timezone: 'UTC',
        output_horizon_days: 28,
      },
    },
    syntheticExample: {
      description: 'Three SKUs in four stores over a week: daily units with price, promotion, calendar and weather.',
      primaryKey: ['store_id', 'sku_id', 'date'],
      columns: [
        { name: 'store_id', type: 'string', description: 'Store identifier' },
        { name: 'sku_id', type: 'string', description: 'Stock-keeping unit' },
        { name: 'date', type: 'date', description: 'Sales day (UTC)' },
        { name: 'units_sold', type: 'integer', description: 'Label: units sold that day' },
        { name: 'price', type: 'number', description: 'Shelf price in USD' },
        { name: 'promo_flag', type: 'boolean', description: 'Item on promotion' },
        { name: 'holiday_flag', type: 'boolean', description: 'Public holiday in the store region' },
        { name: 'temperature_c', type: 'number', description: 'Daily mean temperature' },
      ],
      rows: 8,
      row: (rng, i, day) => {
        const promo = rng.range(0, 1) < 0.25;
        return {
          store_id: STORES[i % STORES.length],
          sku_id: SKUS[i % SKUS.length],
          date: day(8 - i),
          units_sold: Math.round(rng.range(12, 60) * (promo ? 1.6 : 1)),
          price: round(rng.range(2.49, 9.99), 2),
          promo_flag: promo,
          holiday_flag: i === 5,
          temperature_c: round(rng.range(4, 22), 1),
        };
      },
      exampleRun: {
        type: 'TRAIN',
        durationSeconds: 2_940,
        rowsUsed: 35_400_000,
        notes: '48,612 series fitted; 1.2% fell back to seasonal naive.',
      },
    },
  },
  primaryMetric: 'MAPE',
  referenceMetrics: { MAPE: 0.131, RMSE: 27.4, MAE: 16.8, forecast_bias: 0.021, coverage_80: 0.812 },
  driftFeatures: [
    { feature: 'units_sold_lag_7', method: 'PSI', threshold: 0.25 },
    { feature: 'units_sold_rolling_mean_28', method: 'PSI', threshold: 0.25 },
    { feature: 'price', method: 'KS', threshold: 0.1 },
    { feature: 'promo_flag', method: 'CHI_SQUARE', threshold: CHI_SQUARE_CRITICAL_05[1] as number, categories: 2 },
    { feature: 'temperature_c', method: 'WASSERSTEIN', threshold: 2 },
  ],
  freshnessLimitHours: 30,
  driftSampleSize: 2_000,
  params: {
    TRAIN: {
      algorithm: 'holt_winters',
      trend: 'additive',
      damped_trend: 'true',
      seasonal: 'multiplicative',
      seasonal_periods: '7',
      optimizer: 'L-BFGS-B',
      max_iter: '200',
      history_days: '730',
    },
    EVAL: { holdout_days: '28', interval_level: '0.8', series: 'all' },
    BACKTEST: { strategy: 'walk_forward', windows: '12', horizon_days: '28', step_days: '7' },
  },
  history: {
    train: {
      points: 40,
      stepSize: 5,
      losses: [{ key: 'loss', from: 1.84, to: 0.412 }],
      validation: { metric: 'MAPE', start: 0.31 },
    },
    eval: { points: 28, metrics: ['MAPE', 'MAE'] },
    backtest: {
      windows: 12,
      metrics: ['MAE', 'MAPE', 'stockout_miss_rate', 'overstock_rate'],
      extra: { stockout_miss_rate: 0.064, overstock_rate: 0.118 },
    },
  },
  modelArtifact: { name: 'model.json', framework: 'statsmodels 0.14', format: 'json', sizeBytes: [18_000_000, 26_000_000] },
  logs: {
    rowsLoaded: 35_400_000,
    featurePrep: 'Built lags [7, 14, 28] and rolling means [7, 28] for 48,612 store × SKU series',
    training: 'Fitting holt_winters per series (multiplicative weekly seasonality, damped additive trend)',
    evaluating: 'Scoring the last 28 days against actuals with 80% prediction intervals',
    backtesting: 'Walk-forward backtest: 12 windows, 28-day horizon, 7-day step',
  },
  models: [
    {
      key: 'retail-demand-forecast',
      name: 'Retail Demand Forecast',
      status: 'PRODUCTION',
      owner: PEOPLE.maya,
      description: 'Daily unit forecasts for 48k store × SKU series feeding replenishment orders.',
      createdDaysAgo: 84,
      runs: [
        {
          type: 'BACKTEST',
          status: 'FAILED',
          trigger: 'SCHEDULED',
          daysAgo: 22.3,
          durationMinutes: 96,
          failure: {
            atFraction: 0.6,
            warning: 'Window 8/12: actuals coverage 97.5% is below the required 99%',
            error:
              'BacktestDataError: actuals missing for window 8/12 — sales_history has no rows for 1,204 of 48,612 series ' +
              'in the horizon (required coverage ≥ 99%)',
          },
        },
        {
          type: 'EVAL',
          status: 'SUCCEEDED',
          trigger: 'SCHEDULED',
          daysAgo: 10.2,
          durationMinutes: 34,
          metrics: { MAPE: 0.142, RMSE: 38.9, MAE: 29.6, forecast_bias: 0.031, coverage_80: 0.792 },
        },
        {
          type: 'TRAIN',
          status: 'FAILED',
          trigger: 'DRIFT',
          daysAgo: 2.6,
          durationMinutes: 55,
          params: { reason: 'psi(units_sold_lag_7) >= 0.25' },
          failure: {
            atFraction: 0.35,
            warning: 'Optimizer reached max_iter for 2,116 series in promotion-heavy categories',
            error:
              'ConvergenceError: holt_winters failed to converge for 3,872 of 48,612 series (max_iter=200); ' +
              'failed fraction 7.97% exceeds max_failed_series_fraction 5%',
          },
        },
      ],
      monitoring: {
        snapshots: 9,
        everyHours: 72,
        latestHoursAgo: 2,
        evaluated: 5,
        rowCount: 48_600,
        degradationExponent: 1.2,
        performance: {
          MAPE: [0.124, 0.44],
          RMSE: [26.5, 74],
          MAE: [16.2, 44.5],
          forecast_bias: [0.014, 0.083],
          coverage_80: [0.82, 0.69],
        },
        drift: {
          units_sold_lag_7: [0.04, 0.34],
          units_sold_rolling_mean_28: [0.03, 0.21],
          price: [0.018, 0.13],
          promo_flag: [0.8, 14.2],
          temperature_c: [0.6, 1.4],
        },
        freshness: { typicalLagHours: [5, 9] },
      },
    },
  ],
};
