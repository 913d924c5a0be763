import { FORECASTING_COLUMNS, type ForecastingDataset } from '@modelyard/seeds';
import { JobInputError, type JobInput } from '../types.js';
import type { HoltWintersParams } from './holt-winters.js';
import { formatCount, pickBoolean, pickNumber, pickString, section, stringList, type Json } from '../common/manifest-reader.js';
import type { SeriesMethod } from './series-model.js';

/**
 * What a forecasting run reads from its manifest and params (run params win over the manifest), and
 * the checks of the data set against the manifest's `requirements` and `lineage.input_features`.
 *
 * Manifest paths read: requirements.{label, grain, min_history_days, min_series_length_days},
 * pipeline.quality.min_rows (a warning only), pipeline.training.{algorithm, seasonal_periods,
 * damped_trend, seasonal, max_iter, fallback, max_failed_series_fraction, alpha, beta, gamma, phi,
 * history_days}, pipeline.evaluation.holdout_days, evaluation.validation.{strategy, windows,
 * horizon_days, step_days, min_train_days}, lineage.input_features.
 */
export interface ForecastingConfig {
  algorithm: SeriesMethod;
  seasonalPeriods: number;
  damped: boolean;
  maxIter: number;
  fixed: Partial<HoltWintersParams>;
  fallback: boolean;
  maxFailedSeriesFraction: number;
  /** Train on at most this many most recent days (0: all). */
  historyDays: number;
  holdoutDays: number;
  features: string[];
  /** Known-ahead event columns among the features, used as regressors. */
  regressors: Array<'promo_flag' | 'holiday_flag'>;
  /** Features that are valid but that the smoothing learners do not use. */
  unusedFeatures: string[];
  validation: { strategy: string; windows: number; horizonDays: number; stepDays: number; minTrainDays: number };
  requirements: { label: string; minHistoryDays: number; minSeriesLengthDays: number; minRows: number };
  /** Manifest settings the learner approximates, for a warning in the log. */
  notes: string[];
  ignoredParams: string[];
}

const ALGORITHMS: Record<string, SeriesMethod> = {
  holt_winters: 'holt_winters',
  'holt-winters': 'holt_winters',
  exponential_smoothing: 'holt_winters',
  ets: 'holt_winters',
  seasonal_naive: 'seasonal_naive',
  snaive: 'seasonal_naive',
};

const READ_PARAMS = new Set([
  'algorithm',
  'seasonal_periods',
  'damped_trend',
  'seasonal',
  'trend',
  'max_iter',
  'alpha',
  'beta',
  'gamma',
  'phi',
  'history_days',
  'holdout_days',
  'strategy',
  'windows',
  'horizon_days',
  'step_days',
  'min_train_days',
  'fallback',
]);

const LABEL = 'units_sold';
const CALENDAR_FEATURES = new Set(['day_of_week', 'day_of_month', 'month', 'week_of_year', 'is_weekend']);
const DERIVED = new RegExp(`^${LABEL}_(lag|rolling_mean|rolling_std)_([0-9]+)$`);

/** Whether the data set provides `feature` (a column, a calendar feature, or a lag/rolling statistic of the label). */
function providesFeature(feature: string): boolean {
  if ((FORECASTING_COLUMNS as readonly string[]).includes(feature) || CALENDAR_FEATURES.has(feature)) return true;
  const match = DERIVED.exec(feature);
  return match !== null && Number(match[2]) >= 1;
}

export function readForecastingConfig(input: JobInput): ForecastingConfig {
  const manifest = input.manifest as Json;
  const params = input.params;
  const requirements = section(manifest, 'requirements');
  const training = { ...section(manifest, 'training'), ...section(manifest, 'pipeline.training') };
  const validation = { ...section(manifest, 'validation'), ...section(manifest, 'evaluation.validation') };
  const p = (key: string): [string, unknown] => [`params.${key}`, params[key]];
  const t = (key: string): [string, unknown] => [`pipeline.training.${key}`, training[key]];
  const v = (key: string): [string, unknown] => [`evaluation.validation.${key}`, validation[key]];
  const notes: string[] = [];

  const algorithmName = pickString([p('algorithm'), t('algorithm')], 'holt_winters');
  const algorithm = ALGORITHMS[algorithmName];
  if (!algorithm) throw new JobInputError(`training.algorithm "${algorithmName}" is not supported for FORECASTING (supported: holt_winters, seasonal_naive)`);
  const seasonal = pickString([p('seasonal'), t('seasonal')], 'additive');
  if (seasonal !== 'additive') notes.push(`seasonal "${seasonal}" is fitted as additive seasonality`);
  const fallbackName = pickString([p('fallback'), t('fallback')], 'seasonal_naive');
  if (fallbackName !== 'seasonal_naive' && fallbackName !== 'none') throw new JobInputError(`training.fallback "${fallbackName}" is not supported (seasonal_naive, none)`);

  const unit = { min: 0.0001, max: 0.9999 };
  const fixed: Partial<HoltWintersParams> = {};
  for (const key of ['alpha', 'beta', 'gamma', 'phi'] as const) {
    const value = pickNumber([p(key), t(key)], key === 'phi' ? { min: 0.5, max: 1 } : unit, Number.NaN);
    if (!Number.isNaN(value)) fixed[key] = value;
  }

  const features = stringList('lineage.input_features', section(manifest, 'lineage').input_features) ?? [];
  const unknown = features.filter((f) => !providesFeature(f));
  if (unknown.length > 0) {
    throw new JobInputError(
      `unknown input feature${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `"${f}"`).join(', ')}: the forecasting-demand data set provides ` +
        `${FORECASTING_COLUMNS.join(', ')}, ${[...CALENDAR_FEATURES].join(', ')} and ${LABEL}_lag_N, ${LABEL}_rolling_mean_N, ${LABEL}_rolling_std_N`,
    );
  }
  const regressors = (['promo_flag', 'holiday_flag'] as const).filter((f) => features.includes(f));
  const unusedFeatures = features.filter((f) => !regressors.includes(f as 'promo_flag') && !DERIVED.test(f) && f !== 'day_of_week');

  const seasonalPeriods = pickNumber([p('seasonal_periods'), t('seasonal_periods')], { min: 2, max: 366, integer: true }, 7);
  return {
    algorithm,
    seasonalPeriods,
    damped: pickBoolean([p('damped_trend'), t('damped_trend')], false),
    maxIter: pickNumber([p('max_iter'), t('max_iter')], { min: 1, max: 100_000, integer: true }, 200),
    fixed,
    fallback: fallbackName === 'seasonal_naive',
    maxFailedSeriesFraction: pickNumber([t('max_failed_series_fraction')], { min: 0, max: 1 }, 1),
    historyDays: pickNumber([p('history_days'), t('history_days')], { min: 0, integer: true }, 0),
    holdoutDays: pickNumber(
      [p('holdout_days'), ['pipeline.evaluation.holdout_days', section(manifest, 'pipeline.evaluation').holdout_days], ['evaluation.holdout_days', section(manifest, 'evaluation').holdout_days], v('horizon_days')],
      { min: 1, max: 366, integer: true },
      28,
    ),
    features,
    regressors: [...regressors],
    unusedFeatures,
    validation: {
      strategy: pickString([p('strategy'), v('strategy')], 'walk_forward'),
      windows: pickNumber([p('windows'), v('windows')], { min: 1, max: 200, integer: true }, 12),
      horizonDays: pickNumber([p('horizon_days'), v('horizon_days')], { min: 1, max: 366, integer: true }, 7),
      stepDays: pickNumber([p('step_days'), v('step_days')], { min: 1, max: 366, integer: true }, 7),
      minTrainDays: pickNumber([p('min_train_days'), v('min_train_days')], { min: 1, integer: true }, 2 * seasonalPeriods),
    },
    requirements: {
      label: pickString([['requirements.label', requirements.label]], LABEL),
      minHistoryDays: pickNumber([['requirements.min_history_days', requirements.min_history_days]], { min: 0 }, 0),
      minSeriesLengthDays: pickNumber([['requirements.min_series_length_days', requirements.min_series_length_days]], { min: 0 }, 0),
      minRows: pickNumber([['pipeline.quality.min_rows', section(manifest, 'pipeline.quality').min_rows]], { min: 0 }, 0),
    },
    notes,
    ignoredParams: Object.keys(params).filter((key) => !READ_PARAMS.has(key)),
  };
}

/** Throws JobInputError when the data set does not meet the manifest's requirements; returns warnings. */
export function checkForecastingRequirements(input: JobInput, config: ForecastingConfig, data: ForecastingDataset): string[] {
  const requirements = section(input.manifest as Json, 'requirements');
  if (config.requirements.label !== LABEL) throw new JobInputError(`requirements.label "${config.requirements.label}" is not in the ${data.name} data set (its label is ${LABEL})`);
  const grain = section(input.manifest as Json, 'requirements.grain');
  const entity = stringList('requirements.grain.entity', grain.entity);
  if (entity) {
    const missing = entity.filter((e) => e !== 'store_id' && e !== 'sku_id');
    if (missing.length) throw new JobInputError(`requirements.grain.entity ${missing.join(', ')} is not a column of ${data.name} (grain: store_id × sku_id)`);
    if (entity.length !== 2) throw new JobInputError(`requirements.grain.entity [${entity.join(', ')}] differs from the data set's grain store_id × sku_id (aggregation is not supported)`);
  }
  if (grain.time_column !== undefined && grain.time_column !== 'date') throw new JobInputError(`requirements.grain.time_column "${String(grain.time_column)}" is not in ${data.name} (time column: date)`);
  if (grain.frequency !== undefined && grain.frequency !== 'daily') throw new JobInputError(`requirements.grain.frequency "${String(grain.frequency)}" does not match ${data.name} (daily)`);
  const days = data.dates.length;
  if (days < config.requirements.minHistoryDays) {
    throw new JobInputError(`data set ${data.name} (${data.size}) has ${days} days of history, below requirements.min_history_days ${config.requirements.minHistoryDays}`);
  }
  // Every series covers every day in this data set; a shorter series would be counted here.
  if (days < config.requirements.minSeriesLengthDays) {
    throw new JobInputError(
      `${data.series.length} of ${data.series.length} series have ${days} days, below requirements.min_series_length_days ${config.requirements.minSeriesLengthDays}`,
    );
  }
  const minTrain = 2 * config.seasonalPeriods + 1;
  if (days - config.holdoutDays < minTrain) {
    throw new JobInputError(`holdout of ${config.holdoutDays} days leaves ${days - config.holdoutDays} training days; need at least ${minTrain} (two seasons of ${config.seasonalPeriods})`);
  }
  const warnings: string[] = [];
  if (data.rowCount < config.requirements.minRows) warnings.push(`${formatCount(data.rowCount)} rows, below pipeline.quality.min_rows ${formatCount(config.requirements.minRows)}`);
  if (requirements.feature_sets !== undefined) stringList('requirements.feature_sets', requirements.feature_sets);
  return warnings;
}
