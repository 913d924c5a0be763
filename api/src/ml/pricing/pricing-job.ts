import { generatePricingDataset, PRICING_DATASET_NAME, pricingExpectedUnits, type PricingDataset } from '@modelyard/seeds';
import { JobInputError, type BacktestWindow, type JobHooks, type JobInput, type JobOutput, type MetricPoint, type RunJob } from '../types.js';
import { fitLogLog, seriesIntercepts, type RegressionFit, type RegressionInput } from './log-log-regression.js';
import { formatCount, isRecord } from '../common/manifest-reader.js';
import { referenceColumns } from '../common/reference-columns.js';
import { guardrailBreaches, recommendPrice } from './price-recommender.js';
import { checkPricingRequirements, PRICING_FEATURES, readPricingConfig, type PricingConfig } from './pricing-config.js';
import { calibration, elasticityAccuracy, marginImpact, PRICING_METRIC_KEYS, profitLift, revenueLift, roundPricingMetrics, type PricingMetrics, type SimulatedOutcome } from './pricing-metrics.js';

/**
 * The PRICING family's job: a log-log demand regression per segment (category by default), then
 * guardrailed price recommendations, simulated against the data set's ground-truth demand curve.
 * - TRAIN fits on all weeks but the last `holdout_weeks`, recommends prices from the last training
 *   week's regular prices and scores them over the holdout; stores model.json and report.json.
 * - EVAL scores the latest trained model on the holdout: its slopes are kept, the series intercepts
 *   are re-anchored on the weeks before the holdout; without a trained model it fits first.
 * - BACKTEST walks forward: `windows` windows of `window_weeks` weeks ending on the last week, each
 *   refitted on every week before it; final metrics are the mean over windows.
 */
const MODEL_FORMAT = 'modelyard.pricing.v1';

interface SegmentModel {
  segment: string;
  elasticity: number;
  /** Coefficient per feature name (price term under "log_price"). */
  coefficients: Record<string, number>;
  smear: number;
  fit: RegressionFit | null;
}

interface Model {
  columnNames: string[];
  segments: Map<string, SegmentModel>;
  /** Intercept a_i per series index. */
  intercepts: Map<number, number>;
}

interface StoredModel {
  format: typeof MODEL_FORMAT;
  family: 'PRICING';
  algorithm: 'log_log_regression';
  segment_by: PricingConfig['segmentBy'];
  label_transform: PricingConfig['labelTransform'];
  columns: string[];
  trained_through: string;
  segments: Array<{ segment: string; elasticity: number; raw_elasticity: number | null; std_error: number | null; coefficients: Record<string, number>; smear: number; rows: number | null }>;
  series: Array<{ sku_id: string; price_zone: string; segment: string; intercept: number }>;
}

interface Evaluation {
  metrics: PricingMetrics;
  segmentErrors: Array<{ segment: string; estimate: number; truth: number; relError: number }>;
  recommendations: Array<{ sku_id: string; price_zone: string; segment: string; current_price: number; recommended_price: number; change_pct: number; unit_cost: number }>;
  breaches: number;
}

const round = (value: number, decimals = 4) => Math.round(value * 10 ** decimals) / 10 ** decimals;

function loadDataset(input: JobInput): PricingDataset {
  if (input.dataset.name !== PRICING_DATASET_NAME) throw new JobInputError(`data set "${input.dataset.name}" is not a pricing data set (expected ${PRICING_DATASET_NAME})`);
  return generatePricingDataset({ seed: input.dataset.seed, size: input.dataset.size });
}

function segmentOf(data: PricingDataset, config: Pick<PricingConfig, 'segmentBy'>, series: number): string {
  const s = data.series[series]!;
  return config.segmentBy === 'category_id' ? s.categoryId : config.segmentBy === 'price_zone' ? s.priceZone : 'all';
}

/** Column names of the regression: the price term first, then the numeric controls. */
function columnNames(config: PricingConfig): string[] {
  return ['log_price', ...config.controls];
}

const transformLabel = (config: Pick<PricingConfig, 'labelTransform'>, units: number) => (config.labelTransform === 'log1p' ? Math.log1p(units) : Math.log(Math.max(units, 0.5)));

/** The regression rows of the given series over weeks [from, to). */
function regressionInput(data: PricingDataset, config: PricingConfig, columns: string[], seriesList: number[], from: number, to: number): RegressionInput {
  const weeks = data.weeks.length;
  const n = seriesList.length * (to - from);
  const input: RegressionInput = { series: new Int32Array(n), y: new Float64Array(n), x: columns.map(() => new Float64Array(n)), names: columns };
  const values = columns.map((name) => (name === 'log_price' ? (d: PricingDataset, r: number) => Math.log(d.columns.price[r]!) : (PRICING_FEATURES[name] as { value: (d: PricingDataset, r: number) => number }).value));
  let k = 0;
  for (const i of seriesList) {
    for (let w = from; w < to; w++, k++) {
      const r = i * weeks + w;
      input.series[k] = i;
      input.y[k] = transformLabel(config, data.columns.units_sold[r]!);
      for (let j = 0; j < columns.length; j++) input.x[j]![k] = values[j]!(data, r);
    }
  }
  return input;
}

function seriesBySegment(data: PricingDataset, config: PricingConfig): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  data.series.forEach((_, i) => {
    const key = segmentOf(data, config, i);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  return groups;
}

/** Truth of a segment: the mean true elasticity of its series (exact for category segments). */
function segmentTruth(data: PricingDataset, seriesList: number[]): number {
  return seriesList.reduce((sum, i) => sum + data.truth.series[i]!.elasticity, 0) / seriesList.length;
}

async function fitModel(data: PricingDataset, config: PricingConfig, trainWeeks: number, hooks: JobHooks, verbose: boolean): Promise<Model> {
  const columns = columnNames(config);
  const segments = new Map<string, SegmentModel>();
  const intercepts = new Map<number, number>();
  const droppedNotes = new Map<string, Set<string>>();
  for (const [segment, seriesList] of seriesBySegment(data, config)) {
    const input = regressionInput(data, config, columns, seriesList, 0, trainWeeks);
    const fit = fitLogLog(input, { alpha: config.alpha, bounds: config.bounds });
    if (!Number.isFinite(fit.rawElasticity)) throw new JobInputError(`segment ${segment}: the price term cannot be estimated (no price variation within its series)`);
    segments.set(segment, { segment, elasticity: fit.elasticity, coefficients: Object.fromEntries(columns.map((c, j) => [c, fit.coefficients[j]!])), smear: fit.smear, fit });
    for (const [i, a] of fit.intercepts) intercepts.set(i, a);
    for (const d of fit.dropped) droppedNotes.set(`${d.name}: ${d.reason.replace(/ \(R² .*\)/, '')}`, (droppedNotes.get(`${d.name}: ${d.reason.replace(/ \(R² .*\)/, '')}`) ?? new Set()).add(segment));
    if (verbose) {
      await hooks.log(
        fit.clipped ? 'WARN' : 'INFO',
        `segment ${segment}: elasticity ${fit.elasticity.toFixed(2)} ± ${fit.elasticityStdError.toFixed(2)} (truth ${segmentTruth(data, seriesList).toFixed(2)}), ${formatCount(fit.rows)} rows, ${seriesList.length} series` +
          (fit.clipped ? `; raw estimate ${fit.rawElasticity.toFixed(2)} clipped to the bounds [${config.bounds.join(', ')}]` : ''),
      );
    }
  }
  if (verbose) for (const [note, segs] of droppedNotes) await hooks.log('INFO', `dropped control ${note} (in ${segs.size} of ${segments.size} segments)`);
  return { columnNames: columns, segments, intercepts };
}

/** Expected units of row r under the model at its observed features. */
function predictUnits(data: PricingDataset, config: PricingConfig, model: Model, series: number, row: number): number {
  const seg = model.segments.get(segmentOf(data, config, series))!;
  let y = model.intercepts.get(series)!;
  for (const name of model.columnNames) {
    const value = name === 'log_price' ? Math.log(data.columns.price[row]!) : (PRICING_FEATURES[name] as { value: (d: PricingDataset, r: number) => number }).value(data, row);
    y += seg.coefficients[name]! * value;
  }
  const units = seg.smear * Math.exp(y);
  return Math.max(0, config.labelTransform === 'log1p' ? units - 1 : units);
}

/** Recommends prices from the regular prices of week `from − 1` and scores weeks [from, to). */
function evaluateWindow(data: PricingDataset, config: PricingConfig, model: Model, from: number, to: number): Evaluation {
  const weeks = data.weeks.length;
  const outcomes: SimulatedOutcome[] = [];
  const estimated: number[] = [];
  const truth: number[] = [];
  const recommendations: Evaluation['recommendations'] = [];
  const predicted: number[] = [];
  const actual: number[] = [];
  const groups = new Map<string, number[]>();
  let breaches = 0;
  data.series.forEach((s, i) => {
    const segment = segmentOf(data, config, i);
    const seg = model.segments.get(segment)!;
    const last = i * weeks + from - 1;
    const currentPrice = data.columns.list_price[last]!;
    const cost = data.columns.unit_cost[last]!;
    const recommended = recommendPrice(currentPrice, cost, seg.elasticity, config.guardrails, config.objective);
    if (guardrailBreaches(recommended, currentPrice, cost, config.guardrails).length) breaches++;
    const outcome: SimulatedOutcome = { cost, currentPrice, recommendedPrice: recommended, currentUnits: 0, recommendedUnits: 0 };
    for (let w = from; w < to; w++) {
      const r = i * weeks + w;
      outcome.currentUnits += pricingExpectedUnits(data, r, currentPrice);
      outcome.recommendedUnits += pricingExpectedUnits(data, r, recommended);
      const key = `${segment}|${w}`;
      const group = groups.get(key);
      if (group) group.push(predicted.length);
      else groups.set(key, [predicted.length]);
      predicted.push(predictUnits(data, config, model, i, r));
      actual.push(data.columns.units_sold[r]!);
    }
    outcomes.push(outcome);
    estimated.push(seg.elasticity);
    truth.push(data.truth.series[i]!.elasticity);
    recommendations.push({ sku_id: s.skuId, price_zone: s.priceZone, segment, current_price: currentPrice, recommended_price: recommended, change_pct: round(recommended / currentPrice - 1), unit_cost: cost });
  });
  const segmentErrors = [...seriesBySegment(data, config)].map(([segment, list]) => {
    const t = segmentTruth(data, list);
    const estimate = model.segments.get(segment)!.elasticity;
    return { segment, estimate: round(estimate), truth: round(t), relError: round(Math.abs(estimate - t) / Math.abs(t)) };
  });
  const metrics = roundPricingMetrics({
    revenue_lift: revenueLift(outcomes),
    margin_impact: marginImpact(outcomes),
    elasticity_accuracy: elasticityAccuracy(estimated, truth),
    calibration: calibration(predicted, actual, [...groups.values()]),
    constraint_violations: breaches,
    profit_lift: profitLift(outcomes),
  });
  return { metrics, segmentErrors, recommendations, breaches };
}

function describe(m: PricingMetrics): string {
  const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(2)} %`;
  return `revenue_lift ${pct(m.revenue_lift)}, margin_impact ${m.margin_impact >= 0 ? '+' : ''}${(m.margin_impact * 100).toFixed(2)} pp, profit_lift ${pct(m.profit_lift)}, elasticity_accuracy ${m.elasticity_accuracy.toFixed(3)}, calibration ${m.calibration.toFixed(3)}, constraint_violations ${m.constraint_violations}`;
}

function toStoredModel(data: PricingDataset, config: PricingConfig, model: Model, trainWeeks: number): StoredModel {
  return {
    format: MODEL_FORMAT,
    family: 'PRICING',
    algorithm: 'log_log_regression',
    segment_by: config.segmentBy,
    label_transform: config.labelTransform,
    columns: model.columnNames,
    trained_through: data.weeks[trainWeeks - 1]!,
    segments: [...model.segments.values()].map((s) => ({
      segment: s.segment,
      elasticity: round(s.elasticity, 6),
      raw_elasticity: s.fit ? round(s.fit.rawElasticity, 6) : null,
      std_error: s.fit ? round(s.fit.elasticityStdError, 6) : null,
      coefficients: Object.fromEntries(Object.entries(s.coefficients).map(([k, v]) => [k, round(v, 6)])),
      smear: round(s.smear, 6),
      rows: s.fit?.rows ?? null,
    })),
    series: data.series.map((s, i) => ({ sku_id: s.skuId, price_zone: s.priceZone, segment: segmentOf(data, config, i), intercept: round(model.intercepts.get(i)!, 6) })),
  };
}

/** Rebuilds a trained model on new data: slopes kept, intercepts re-anchored on weeks [0, trainWeeks). */
function restoreModel(content: unknown, data: PricingDataset, config: PricingConfig, trainWeeks: number): { model: Model; config: PricingConfig; stored: StoredModel } {
  if (!isRecord(content) || content.format !== MODEL_FORMAT || !Array.isArray(content.segments) || !Array.isArray(content.columns)) {
    throw new JobInputError(`the trained model is not a ${MODEL_FORMAT} model.json (was it trained by another family or an older learner?)`);
  }
  const stored = content as unknown as StoredModel;
  const unknown = stored.columns.filter((c) => c !== 'log_price' && !(c in PRICING_FEATURES));
  if (unknown.length) throw new JobInputError(`the trained model uses features this data set does not provide: ${unknown.join(', ')}`);
  const modelConfig: PricingConfig = { ...config, segmentBy: stored.segment_by, labelTransform: stored.label_transform, controls: stored.columns.slice(1) };
  const segments = new Map(stored.segments.map((s) => [s.segment, { segment: s.segment, elasticity: s.elasticity, coefficients: s.coefficients, smear: s.smear, fit: null } satisfies SegmentModel]));
  const intercepts = new Map<number, number>();
  for (const [segment, list] of seriesBySegment(data, modelConfig)) {
    const seg = segments.get(segment);
    if (!seg) throw new JobInputError(`segment ${segment} of the data set is not in the trained model (its segments: ${[...segments.keys()].join(', ')})`);
    const input = regressionInput(data, modelConfig, stored.columns, list, 0, trainWeeks);
    for (const [i, a] of seriesIntercepts(input, stored.columns.map((c) => seg.coefficients[c] ?? 0))) intercepts.set(i, a);
  }
  return { model: { columnNames: stored.columns, segments, intercepts }, config: modelConfig, stored };
}

async function startJob(input: JobInput, hooks: JobHooks): Promise<{ data: PricingDataset; config: PricingConfig }> {
  if (input.family !== 'PRICING') throw new JobInputError(`runPricingJob cannot run a ${input.family} job`);
  const config = readPricingConfig(input);
  const data = loadDataset(input);
  const warnings = checkPricingRequirements(input, config, data);
  await hooks.log('INFO', `loaded ${data.name} (seed ${data.seed}, ${data.size}): ${data.series.length} SKU × zone series × ${data.weeks.length} weeks = ${formatCount(data.rowCount)} rows, ${data.weeks[0]} … ${data.weeks[data.weeks.length - 1]}`);
  for (const warning of warnings) await hooks.log('WARN', warning);
  await hooks.log(
    'INFO',
    `log-log model of ${config.labelTransform}(units_sold) per ${config.segmentBy === 'none' ? 'data set' : config.segmentBy} segment; price term log_price; controls: ${config.controls.join(', ') || 'none'}` +
      (config.absorbed.length ? `; ${config.absorbed.join(', ')} absorbed by the per-series intercepts` : '') +
      `; ridge α ${config.alpha}, elasticity bounds [${config.bounds.join(', ')}], objective ${config.objective}`,
  );
  if (config.ignoredParams.length) await hooks.log('DEBUG', `params not read by this learner: ${config.ignoredParams.join(', ')}`);
  await hooks.progress(0.05);
  return { data, config };
}

async function reportEvaluation(data: PricingDataset, evaluation: Evaluation, from: number, to: number, hooks: JobHooks): Promise<void> {
  const changed = evaluation.recommendations.filter((r) => r.recommended_price !== r.current_price);
  const up = changed.filter((r) => r.recommended_price > r.current_price).length;
  await hooks.log('INFO', `recommended ${changed.length} price changes of ${evaluation.recommendations.length} series (${up} up, ${changed.length - up} down); ${evaluation.breaches} break a guardrail`);
  await hooks.log('INFO', `holdout ${data.weeks[from]} … ${data.weeks[to - 1]} (${to - from} weeks), simulated on the true demand curve: ${describe(evaluation.metrics)}`);
  await hooks.metricPoints(evaluation.segmentErrors.map((s, k): MetricPoint => ({ key: 'segment_elasticity_rel_error', step: k, value: s.relError })));
}

/**
 * The values of a drift feature over weeks [0, trainWeeks) of every series, or undefined when the data
 * set does not have it: its numeric columns, `log_<column>`, the derived features of PRICING_FEATURES,
 * and the series' ids (category_id, price_zone, sku_id) as categories.
 */
function pricingColumn(data: PricingDataset, feature: string, trainWeeks: number): number[] | string[] | undefined {
  const weeks = data.weeks.length;
  const rows = <T>(value: (row: number, series: number) => T): T[] => {
    const out: T[] = [];
    for (let i = 0; i < data.series.length; i++) for (let w = 0; w < trainWeeks; w++) out.push(value(i * weeks + w, i));
    return out;
  };
  const columns = data.columns as Record<string, Float64Array>;
  if (columns[feature]) return rows((r) => columns[feature]![r]!);
  const logged = feature.startsWith('log_') ? columns[feature.slice(4)] : undefined;
  if (logged) return rows((r) => Math.log(logged[r]!));
  if (feature === 'category_id') return rows((_, i) => data.series[i]!.categoryId);
  if (feature === 'price_zone') return rows((_, i) => data.series[i]!.priceZone);
  if (feature === 'sku_id') return rows((_, i) => data.series[i]!.skuId);
  const derived = PRICING_FEATURES[feature];
  if (derived?.role === 'control') return rows((r) => derived.value(data, r));
  return undefined;
}

async function train(input: JobInput, hooks: JobHooks): Promise<JobOutput> {
  const { data, config } = await startJob(input, hooks);
  const trainWeeks = data.weeks.length - config.holdoutWeeks;
  await hooks.log('INFO', `training on ${data.weeks[0]} … ${data.weeks[trainWeeks - 1]} (${trainWeeks} weeks), holding out the last ${config.holdoutWeeks} weeks`);
  const model = await fitModel(data, config, trainWeeks, hooks, true);
  await hooks.progress(0.6);
  const evaluation = evaluateWindow(data, config, model, trainWeeks, data.weeks.length);
  await reportEvaluation(data, evaluation, trainWeeks, data.weeks.length, hooks);
  await hooks.progress(0.95);
  const stored = toStoredModel(data, config, model, trainWeeks);
  const reference = await referenceColumns(input.manifest, hooks, (feature) => pricingColumn(data, feature, trainWeeks));
  return {
    metrics: { ...evaluation.metrics },
    referenceColumns: reference,
    artifacts: [
      { name: 'model.json', kind: 'MODEL', content: stored, metadata: { algorithm: 'log_log_regression', segments: stored.segments.length, segment_by: config.segmentBy, trained_through: stored.trained_through } },
      { name: 'report.json', kind: 'REPORT', content: { type: 'TRAIN', dataset: input.dataset, holdout: { start: data.weeks[trainWeeks], end: data.weeks[data.weeks.length - 1] }, metrics: evaluation.metrics, segments: evaluation.segmentErrors, recommendations: evaluation.recommendations } },
    ],
  };
}

async function evaluate(input: JobInput, hooks: JobHooks): Promise<JobOutput> {
  const started = await startJob(input, hooks);
  const { data } = started;
  let { config } = started;
  const trainWeeks = data.weeks.length - config.holdoutWeeks;
  let model: Model;
  if (input.trainedModel === null) {
    await hooks.log('INFO', 'no trained model: fitting one on the weeks before the holdout first');
    model = await fitModel(data, config, trainWeeks, hooks, true);
  } else {
    const restored = restoreModel(input.trainedModel, data, config, trainWeeks);
    ({ model, config } = restored);
    await hooks.log('INFO', `scoring the trained model (trained through ${restored.stored.trained_through}, ${restored.stored.segments.length} segments); intercepts re-anchored through ${data.weeks[trainWeeks - 1]}`);
  }
  await hooks.progress(0.6);
  const evaluation = evaluateWindow(data, config, model, trainWeeks, data.weeks.length);
  await reportEvaluation(data, evaluation, trainWeeks, data.weeks.length, hooks);
  await hooks.progress(1);
  return {
    metrics: { ...evaluation.metrics },
    artifacts: [{ name: 'report.json', kind: 'REPORT', content: { type: 'EVAL', dataset: input.dataset, fitted_first: input.trainedModel === null, metrics: evaluation.metrics, segments: evaluation.segmentErrors, recommendations: evaluation.recommendations } }],
  };
}

async function backtest(input: JobInput, hooks: JobHooks): Promise<JobOutput> {
  const { data, config } = await startJob(input, hooks);
  const { windows: count, windowWeeks, minTrainWeeks } = config.backtest;
  const stepWeeks = Number.isNaN(config.backtest.stepWeeks) ? windowWeeks : config.backtest.stepWeeks;
  const weeks = data.weeks.length;
  const firstStart = weeks - windowWeeks - (count - 1) * stepWeeks;
  if (firstStart < minTrainWeeks) {
    throw new JobInputError(`backtest of ${count} windows × ${windowWeeks} weeks, ${stepWeeks} weeks apart, leaves ${Math.max(0, firstStart)} training weeks before the first window; min_train_weeks is ${minTrainWeeks} (the data set has ${weeks} weeks)`);
  }
  await hooks.log('INFO', `walk-forward backtest: ${count} windows of ${windowWeeks} week${windowWeeks > 1 ? 's' : ''}, ${stepWeeks} apart, from ${data.weeks[firstStart]} to ${data.weeks[weeks - 1]}`);
  const windows: BacktestWindow[] = [];
  for (let k = 0; k < count; k++) {
    const from = firstStart + k * stepWeeks;
    const to = from + windowWeeks;
    const model = await fitModel(data, config, from, hooks, false);
    const evaluation = evaluateWindow(data, config, model, from, to);
    windows.push({ index: k, trainStart: data.weeks[0]!, trainEnd: data.weeks[from - 1]!, testStart: data.weeks[from]!, testEnd: data.weeks[to - 1]!, metrics: { ...evaluation.metrics } });
    await hooks.log('INFO', `window ${k + 1}/${count} ${data.weeks[from]} … ${data.weeks[to - 1]}: ${describe(evaluation.metrics)}`);
    await hooks.metricPoints(PRICING_METRIC_KEYS.map((key): MetricPoint => ({ key, step: k, value: evaluation.metrics[key] })));
    await hooks.progress(0.05 + (0.95 * (k + 1)) / count);
  }
  const metrics = roundPricingMetrics(Object.fromEntries(PRICING_METRIC_KEYS.map((key) => [key, windows.reduce((sum, w) => sum + w.metrics[key]!, 0) / count])) as PricingMetrics);
  await hooks.log('INFO', `backtest mean over ${count} windows: ${describe(metrics)}`);
  return {
    metrics: { ...metrics },
    backtestWindows: windows,
    artifacts: [{ name: 'report.json', kind: 'REPORT', content: { type: 'BACKTEST', dataset: input.dataset, backtest: { windows: count, window_weeks: windowWeeks, step_weeks: stepWeeks }, aggregate: metrics, windows } }],
  };
}

export const runPricingJob: RunJob = async (input, hooks) => {
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
