import { FORECASTING_DATASET_NAME, generateForecastingDataset, type ForecastingDataset } from '@modelyard/seeds';
import { JobInputError, type ArtifactOutput, type BacktestWindow, type JobHooks, type JobInput, type JobOutput, type MetricPoint, type RunJob } from '../types.js';
import { checkForecastingRequirements, readForecastingConfig, type ForecastingConfig } from './forecasting-config.js';
import { FORECAST_METRIC_KEYS, forecastMetrics, mae, roundForecastMetrics, type ForecastMetrics } from './forecasting-metrics.js';
import { Z_80 } from './holt-winters.js';
import { formatCount, isRecord } from '../common/manifest-reader.js';
import { referenceColumns } from '../common/reference-columns.js';
import { fitSeries, forecastSeries, refilterSeries, type SeriesModel } from './series-model.js';

/**
 * The FORECASTING family's job: per store × SKU series, event lifts + Holt-Winters (or seasonal
 * naive) with 80 % intervals.
 * - TRAIN fits on all days but the last `holdout_days`, scores the holdout, and stores model.json
 *   (per-series parameters, lifts and end states) and report.json.
 * - EVAL scores the latest trained model on the holdout: its parameters and lifts are kept and only
 *   the states are re-run over the history before the holdout (how a deployed model is updated with
 *   new days); without a trained model it fits first.
 * - BACKTEST walks forward: `windows` windows of `horizon_days`, `step_days` apart, ending on the last
 *   day; each window refits on every day before it. Final metrics are the mean over windows.
 */
const MODEL_FORMAT = 'modelyard.forecasting.v1';

type Regressor = ForecastingConfig['regressors'][number];

interface Pooled {
  actual: Float64Array;
  forecast: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

interface Scored {
  metrics: ForecastMetrics;
  /** The noise floor: the same metrics for the true mean and the true 80 % interval. */
  oracle: ForecastMetrics;
  perSeries: ForecastMetrics[];
  maeByHorizon: number[];
}

interface StoredSeries {
  store_id: string;
  sku_id: string;
  method: SeriesModel['method'];
  fell_back: boolean;
  params: SeriesModel['params'];
  lifts: Record<string, number>;
  sigma: number;
  fit_rmse: number;
  state: SeriesModel['state'];
  last_season: number[] | null;
}

interface StoredModel {
  format: typeof MODEL_FORMAT;
  family: 'FORECASTING';
  algorithm: ForecastingConfig['algorithm'];
  seasonal_periods: number;
  damped_trend: boolean;
  regressors: Regressor[];
  train_start: string;
  train_end: string;
  series: StoredSeries[];
}

function loadDataset(input: JobInput): ForecastingDataset {
  if (input.dataset.name !== FORECASTING_DATASET_NAME) {
    throw new JobInputError(`data set "${input.dataset.name}" is not a forecasting data set (expected ${FORECASTING_DATASET_NAME})`);
  }
  return generateForecastingDataset({ seed: input.dataset.seed, size: input.dataset.size });
}

const round = (value: number, decimals = 4) => Math.round(value * 10 ** decimals) / 10 ** decimals;

function eventSlices(data: ForecastingDataset, regressors: Regressor[], series: number, start: number, end: number): Uint8Array[] {
  const offset = series * data.dates.length;
  return regressors.map((r) => data.columns[r].subarray(offset + start, offset + end));
}

function trainStartFor(config: ForecastingConfig, trainEnd: number): number {
  return config.historyDays > 0 ? Math.max(0, trainEnd - config.historyDays) : 0;
}

/** Fits every series on days [start, end), reporting progress from `from` to `to`. */
async function fitAll(data: ForecastingDataset, config: ForecastingConfig, start: number, end: number, hooks: JobHooks, from: number, to: number): Promise<SeriesModel[]> {
  const models: SeriesModel[] = [];
  const count = data.series.length;
  const every = Math.max(1, Math.ceil(count / 10));
  for (let s = 0; s < count; s++) {
    const offset = s * data.dates.length;
    models.push(fitSeries(data.columns.units_sold.subarray(offset + start, offset + end), eventSlices(data, config.regressors, s, start, end), config));
    if ((s + 1) % every === 0 || s + 1 === count) await hooks.progress(from + ((to - from) * (s + 1)) / count);
  }
  return models;
}

/** Forecasts days [start, start + horizon) of every series and scores them against the actuals and the noise floor. */
function scoreAll(data: ForecastingDataset, models: SeriesModel[], regressors: Regressor[], start: number, horizon: number): Scored {
  const count = data.series.length;
  const pooled: Pooled = { actual: new Float64Array(count * horizon), forecast: new Float64Array(count * horizon), lower: new Float64Array(count * horizon), upper: new Float64Array(count * horizon) };
  const oracle: Pooled = { actual: pooled.actual, forecast: new Float64Array(count * horizon), lower: new Float64Array(count * horizon), upper: new Float64Array(count * horizon) };
  const perSeries: ForecastMetrics[] = [];
  for (let s = 0; s < count; s++) {
    const offset = s * data.dates.length + start;
    const forecast = forecastSeries(models[s]!, eventSlices(data, regressors, s, start, start + horizon), horizon);
    const noiseSd = data.truth.series[s]!.noiseSd;
    for (let h = 0; h < horizon; h++) {
      const i = s * horizon + h;
      pooled.actual[i] = data.columns.units_sold[offset + h]!;
      pooled.forecast[i] = forecast.mean[h]!;
      pooled.lower[i] = forecast.lower[h]!;
      pooled.upper[i] = forecast.upper[h]!;
      const mean = data.truth.mean[offset + h]!;
      oracle.forecast[i] = mean;
      oracle.lower[i] = mean - Z_80 * noiseSd;
      oracle.upper[i] = mean + Z_80 * noiseSd;
    }
    const slice = (a: Float64Array) => a.subarray(s * horizon, (s + 1) * horizon);
    perSeries.push(forecastMetrics({ actual: slice(pooled.actual), forecast: slice(pooled.forecast), lower: slice(pooled.lower), upper: slice(pooled.upper) }));
  }
  const maeByHorizon = Array.from({ length: horizon }, (_, h) => {
    const actual = Float64Array.from({ length: count }, (_, s) => pooled.actual[s * horizon + h]!);
    const forecast = Float64Array.from({ length: count }, (_, s) => pooled.forecast[s * horizon + h]!);
    return mae(actual, forecast);
  });
  return { metrics: roundForecastMetrics(forecastMetrics(pooled)), oracle: roundForecastMetrics(forecastMetrics(oracle)), perSeries, maeByHorizon };
}

function describeMetrics(m: ForecastMetrics): string {
  return `MAPE ${m.MAPE.toFixed(3)}, MAE ${m.MAE.toFixed(1)}, RMSE ${m.RMSE.toFixed(1)}, bias ${m.forecast_bias >= 0 ? '+' : ''}${m.forecast_bias.toFixed(3)}, coverage_80 ${m.coverage_80.toFixed(3)}`;
}

function fitSummary(models: SeriesModel[], config: ForecastingConfig): string {
  const fellBack = models.filter((m) => m.fellBack).length;
  const hw = models.filter((m) => m.method === 'holt_winters');
  const mean = (pick: (m: SeriesModel) => number) => (hw.length ? hw.reduce((sum, m) => sum + pick(m), 0) / hw.length : 0);
  const params = hw.length ? `; mean α ${mean((m) => m.params!.alpha).toFixed(3)}, β ${mean((m) => m.params!.beta).toFixed(4)}, γ ${mean((m) => m.params!.gamma).toFixed(3)}${config.damped ? `, φ ${mean((m) => m.params!.phi).toFixed(3)}` : ''}` : '';
  return `fitted ${models.length} series with ${config.algorithm}, ${fellBack} fell back to seasonal naive${params}`;
}

function liftSummary(models: SeriesModel[], regressors: Regressor[]): string | null {
  if (!regressors.length) return null;
  const parts = regressors.map((r, i) => `${r} ${(models.reduce((sum, m) => sum + m.lifts[i]!, 0) / models.length).toFixed(1)} units`);
  return `event regressors (mean additive lift): ${parts.join(', ')}`;
}

function toStoredModel(data: ForecastingDataset, config: ForecastingConfig, models: SeriesModel[], start: number, end: number): StoredModel {
  return {
    format: MODEL_FORMAT,
    family: 'FORECASTING',
    algorithm: config.algorithm,
    seasonal_periods: config.seasonalPeriods,
    damped_trend: config.damped,
    regressors: config.regressors,
    train_start: data.dates[start]!,
    train_end: data.dates[end - 1]!,
    series: models.map((m, s) => ({
      store_id: data.series[s]!.storeId,
      sku_id: data.series[s]!.skuId,
      method: m.method,
      fell_back: m.fellBack,
      params: m.params && { alpha: round(m.params.alpha, 6), beta: round(m.params.beta, 6), gamma: round(m.params.gamma, 6), phi: round(m.params.phi, 6) },
      lifts: Object.fromEntries(config.regressors.map((r, i) => [r, round(m.lifts[i]!, 4)])),
      sigma: round(m.sigma, 4),
      fit_rmse: round(m.fitRmse, 4),
      state: m.state && { level: round(m.state.level, 4), trend: round(m.state.trend, 6), seasonal: m.state.seasonal.map((v) => round(v, 4)) },
      last_season: m.lastSeason,
    })),
  };
}

function parseStoredModel(content: unknown): StoredModel {
  if (!isRecord(content) || content.format !== MODEL_FORMAT || !Array.isArray(content.series)) {
    throw new JobInputError(`the trained model is not a ${MODEL_FORMAT} model.json (was it trained by another family or an older learner?)`);
  }
  return content as unknown as StoredModel;
}

async function startJob(input: JobInput, hooks: JobHooks): Promise<{ data: ForecastingDataset; config: ForecastingConfig }> {
  if (input.family !== 'FORECASTING') throw new JobInputError(`runForecastingJob cannot run a ${input.family} job`);
  const config = readForecastingConfig(input);
  const data = loadDataset(input);
  const warnings = checkForecastingRequirements(input, config, data);
  await hooks.log(
    'INFO',
    `loaded ${data.name} (seed ${data.seed}, ${data.size}): ${data.series.length} series × ${data.dates.length} days = ${formatCount(data.rowCount)} rows, ${data.dates[0]} … ${data.dates[data.dates.length - 1]}`,
  );
  for (const warning of [...warnings, ...config.notes]) await hooks.log('WARN', warning);
  if (config.regressors.length || config.unusedFeatures.length) {
    await hooks.log(
      'INFO',
      `features: ${config.regressors.length ? `${config.regressors.join(', ')} as known-ahead event regressors` : 'no event regressors'}; lags and rolling means are carried by the smoothing state` +
        (config.unusedFeatures.length ? `; not used by ${config.algorithm}: ${config.unusedFeatures.join(', ')}` : ''),
    );
  }
  if (config.ignoredParams.length) await hooks.log('DEBUG', `params not read by this learner: ${config.ignoredParams.join(', ')}`);
  await hooks.progress(0.05);
  return { data, config };
}

async function reportFit(models: SeriesModel[], config: ForecastingConfig, hooks: JobHooks): Promise<void> {
  await hooks.log('INFO', fitSummary(models, config));
  const lifts = liftSummary(models, config.regressors);
  if (lifts) await hooks.log('INFO', lifts);
  const fellBack = models.filter((m) => m.fellBack).length / models.length;
  if (fellBack > config.maxFailedSeriesFraction) {
    await hooks.log('WARN', `${(fellBack * 100).toFixed(1)} % of series fell back to seasonal naive, above max_failed_series_fraction ${(config.maxFailedSeriesFraction * 100).toFixed(1)} %`);
  }
  await hooks.metricPoints(models.map((m, s) => ({ key: 'series_fit_rmse', step: s, value: round(m.fitRmse, 3) })));
}

async function reportHoldout(data: ForecastingDataset, scored: Scored, start: number, horizon: number, hooks: JobHooks): Promise<void> {
  await hooks.log('INFO', `holdout ${data.dates[start]} … ${data.dates[start + horizon - 1]} (${horizon} days × ${data.series.length} series): ${describeMetrics(scored.metrics)}`);
  await hooks.log('INFO', `noise floor (true mean demand): MAPE ${scored.oracle.MAPE.toFixed(3)}, MAE ${scored.oracle.MAE.toFixed(1)}, coverage_80 ${scored.oracle.coverage_80.toFixed(3)}`);
  await hooks.metricPoints(scored.maeByHorizon.map((value, h) => ({ key: 'holdout_MAE_by_horizon_day', step: h + 1, value: round(value, 3) })));
}

function holdoutReport(data: ForecastingDataset, scored: Scored, start: number, horizon: number) {
  return {
    holdout: { start: data.dates[start], end: data.dates[start + horizon - 1], days: horizon },
    metrics: scored.metrics,
    noise_floor: scored.oracle,
    mae_by_horizon_day: scored.maeByHorizon.map((v) => round(v, 3)),
    series: scored.perSeries.map((m, s) => ({ store_id: data.series[s]!.storeId, sku_id: data.series[s]!.skuId, ...roundForecastMetrics(m) })),
  };
}

/**
 * The values of a drift feature over days [start, end) of every series, or undefined when the data
 * set does not have it: the columns (flags as "true"/"false" categories), `units_sold_lag_N` (units N
 * days before) and `units_sold_rolling_mean_N` (mean units of the N days before, the day itself
 * excluded); days whose lag or window reaches before the history are left out.
 */
function forecastingColumn(data: ForecastingDataset, feature: string, start: number, end: number): number[] | string[] | undefined {
  const days = data.dates.length;
  const perSeries = <T>(value: (offset: number, d: number) => T | undefined): T[] => {
    const out: T[] = [];
    for (let s = 0; s < data.series.length; s++) {
      for (let d = start; d < end; d++) {
        const v = value(s * days, d);
        if (v !== undefined) out.push(v);
      }
    }
    return out;
  };
  const units = data.columns.units_sold;
  switch (feature) {
    case 'units_sold':
    case 'price':
    case 'temperature_c': {
      const column = data.columns[feature];
      return perSeries((o, d) => column[o + d]!);
    }
    case 'promo_flag':
    case 'holiday_flag': {
      const column = data.columns[feature];
      return perSeries((o, d) => (column[o + d] ? 'true' : 'false'));
    }
  }
  const lag = /^units_sold_lag_(\d+)$/.exec(feature);
  if (lag) {
    const n = Number(lag[1]);
    return perSeries((o, d) => (d - n >= 0 ? units[o + d - n]! : undefined));
  }
  const rolling = /^units_sold_rolling_mean_(\d+)$/.exec(feature);
  if (rolling && Number(rolling[1]) > 0) {
    const n = Number(rolling[1]);
    return perSeries((o, d) => {
      if (d - n < 0) return undefined;
      let sum = 0;
      for (let k = d - n; k < d; k++) sum += units[o + k]!;
      return sum / n;
    });
  }
  return undefined;
}

async function train(input: JobInput, hooks: JobHooks): Promise<JobOutput> {
  const { data, config } = await startJob(input, hooks);
  const testStart = data.dates.length - config.holdoutDays;
  const trainStart = trainStartFor(config, testStart);
  await hooks.log('INFO', `training on ${data.dates[trainStart]} … ${data.dates[testStart - 1]} (${testStart - trainStart} days), holding out the last ${config.holdoutDays} days`);
  const models = await fitAll(data, config, trainStart, testStart, hooks, 0.05, 0.85);
  await reportFit(models, config, hooks);
  const scored = scoreAll(data, models, config.regressors, testStart, config.holdoutDays);
  await reportHoldout(data, scored, testStart, config.holdoutDays, hooks);
  await hooks.progress(0.95);
  const model = toStoredModel(data, config, models, trainStart, testStart);
  const artifacts: ArtifactOutput[] = [
    { name: 'model.json', kind: 'MODEL', content: model, metadata: { algorithm: config.algorithm, series: models.length, fell_back: models.filter((m) => m.fellBack).length, train_end: model.train_end } },
    { name: 'report.json', kind: 'REPORT', content: { type: 'TRAIN', dataset: input.dataset, ...holdoutReport(data, scored, testStart, config.holdoutDays) } },
  ];
  const reference = await referenceColumns(input.manifest, hooks, (feature) => forecastingColumn(data, feature, trainStart, testStart));
  await hooks.progress(1);
  return { metrics: { ...scored.metrics }, artifacts, referenceColumns: reference };
}

async function evaluate(input: JobInput, hooks: JobHooks): Promise<JobOutput> {
  const { data, config } = await startJob(input, hooks);
  const testStart = data.dates.length - config.holdoutDays;
  const trainStart = trainStartFor(config, testStart);
  let models: SeriesModel[];
  let regressors = config.regressors;
  if (input.trainedModel === null) {
    await hooks.log('INFO', 'no trained model: fitting one on the days before the holdout first');
    models = await fitAll(data, config, trainStart, testStart, hooks, 0.05, 0.85);
    await reportFit(models, config, hooks);
  } else {
    const stored = parseStoredModel(input.trainedModel);
    regressors = stored.regressors;
    const byKey = new Map(stored.series.map((s) => [`${s.store_id}|${s.sku_id}`, s]));
    let unseen = 0;
    models = data.series.map((series, s) => {
      const offset = s * data.dates.length;
      const y = data.columns.units_sold.subarray(offset + trainStart, offset + testStart);
      const events = eventSlices(data, regressors, s, trainStart, testStart);
      const trained = byKey.get(`${series.storeId}|${series.skuId}`);
      if (!trained) {
        unseen++;
        return fitSeries(y, events, { ...config, seasonalPeriods: stored.seasonal_periods });
      }
      return refilterSeries(y, events, { method: trained.method, params: trained.params, lifts: regressors.map((r) => trained.lifts[r] ?? 0) }, stored.seasonal_periods);
    });
    await hooks.log(
      'INFO',
      `scoring the trained ${stored.algorithm} model (trained through ${stored.train_end}) with its parameters fixed; states updated through ${data.dates[testStart - 1]}` +
        (unseen ? `; ${unseen} series not in the model were fitted afresh` : ''),
    );
    if (unseen) await hooks.log('WARN', `${unseen} of ${data.series.length} series are not in the trained model`);
    await hooks.progress(0.85);
  }
  const scored = scoreAll(data, models, regressors, testStart, config.holdoutDays);
  await reportHoldout(data, scored, testStart, config.holdoutDays, hooks);
  await hooks.progress(1);
  return {
    metrics: { ...scored.metrics },
    artifacts: [{ name: 'report.json', kind: 'REPORT', content: { type: 'EVAL', dataset: input.dataset, fitted_first: input.trainedModel === null, ...holdoutReport(data, scored, testStart, config.holdoutDays) } }],
  };
}

async function backtest(input: JobInput, hooks: JobHooks): Promise<JobOutput> {
  const { data, config } = await startJob(input, hooks);
  const { strategy, windows: count, horizonDays, stepDays, minTrainDays } = config.validation;
  if (strategy !== 'walk_forward' && strategy !== 'rolling_origin') {
    throw new JobInputError(`validation.strategy "${strategy}" is not supported for FORECASTING backtests (walk_forward)`);
  }
  const days = data.dates.length;
  const firstTestStart = days - horizonDays - (count - 1) * stepDays;
  const firstTrainDays = firstTestStart - trainStartFor(config, firstTestStart);
  if (firstTestStart < 0 || firstTrainDays < Math.max(minTrainDays, 2 * config.seasonalPeriods + 1)) {
    throw new JobInputError(
      `backtest of ${count} windows × ${horizonDays} days, ${stepDays} days apart, leaves ${Math.max(0, firstTrainDays)} training days before the first window; ` +
        `min_train_days is ${minTrainDays} (the data set has ${days} days)`,
    );
  }
  await hooks.log('INFO', `walk-forward backtest: ${count} windows of ${horizonDays} days, ${stepDays} days apart, from ${data.dates[firstTestStart]} to ${data.dates[days - 1]}`);
  const windows: BacktestWindow[] = [];
  for (let k = 0; k < count; k++) {
    const testStart = firstTestStart + k * stepDays;
    const trainStart = trainStartFor(config, testStart);
    const from = 0.05 + (0.9 * k) / count;
    const models = await fitAll(data, config, trainStart, testStart, hooks, from, from + 0.9 / count);
    const scored = scoreAll(data, models, config.regressors, testStart, horizonDays);
    windows.push({
      index: k,
      trainStart: data.dates[trainStart]!,
      trainEnd: data.dates[testStart - 1]!,
      testStart: data.dates[testStart]!,
      testEnd: data.dates[testStart + horizonDays - 1]!,
      metrics: { ...scored.metrics },
    });
    const fellBack = models.filter((m) => m.fellBack).length;
    await hooks.log('INFO', `window ${k + 1}/${count} ${data.dates[testStart]} … ${data.dates[testStart + horizonDays - 1]}: ${describeMetrics(scored.metrics)}${fellBack ? ` (${fellBack} series fell back to seasonal naive)` : ''}`);
    await hooks.metricPoints(FORECAST_METRIC_KEYS.map((key): MetricPoint => ({ key, step: k, value: scored.metrics[key] })));
  }
  const aggregate = Object.fromEntries(FORECAST_METRIC_KEYS.map((key) => [key, windows.reduce((sum, w) => sum + w.metrics[key]!, 0) / windows.length])) as ForecastMetrics;
  const metrics = roundForecastMetrics(aggregate);
  await hooks.log('INFO', `backtest mean over ${count} windows: ${describeMetrics(metrics)}`);
  await hooks.progress(1);
  return {
    metrics: { ...metrics },
    backtestWindows: windows,
    artifacts: [{ name: 'report.json', kind: 'REPORT', content: { type: 'BACKTEST', dataset: input.dataset, validation: config.validation, aggregate: metrics, windows } }],
  };
}

export const runForecastingJob: RunJob = async (input, hooks) => {
  switch (input.type) {
    case 'TRAIN':
      return train(input, hooks);
    case 'EVAL':
      return evaluate(input, hooks);
    case 'BACKTEST':
      return backtest(input, hooks);
    default:
      throw new JobInputError(`unknown job type ${String(input.type)}`);
  }
};
