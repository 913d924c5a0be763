import { generateLocationScoringDataset, LOCATION_SCORING_DATASET_NAME } from '@modelyard/seeds';
import { JobInputError, type BacktestWindow, type JobHooks, type JobInput, type JobOutput, type RunJob } from '../types.js';
import { ignoredTrainingKeys, readLocationConfig, type LocationConfig } from './location-config.js';
import { calibrationError, hitRate, liftAtTop, quantile, regionCoverage, spearman, type LocationMetrics } from './location-metrics.js';
import { formatCount, isRecord } from '../common/manifest-reader.js';
import { referenceColumns, tableColumn } from '../common/reference-columns.js';
import { compactForest, fitForest, predictForest, type ForestJson } from './random-forest.js';
import { spatialFolds } from './spatial-cv.js';

type Table = Readonly<Record<string, readonly unknown[]>>;

type EncodedFeature = { name: string; kind: 'numeric' } | { name: string; kind: 'categorical'; levels: string[] };

/** The stored model (`model.json`). */
export interface SiteModel {
  format: 'modelyard.random_forest_regression';
  version: 1;
  label: string;
  targetTransform: 'log' | 'none';
  /**
   * Linear recalibration of the forest's output, fitted on its out-of-bag predictions (a forest shrinks
   * extreme sites towards the mean): prediction = intercept + slope × forest, in the target's scale.
   */
  recalibration: { intercept: number; slope: number };
  /** log target: predictions are exp(recalibrated) × smearing (Duan's estimate from the out-of-bag residuals). */
  smearing: number;
  features: EncodedFeature[];
  columns: string[];
  /** Revenue a site must reach to count as a hit (hit_rate_at_10). */
  revenueTarget: number;
  trainingSitesPerRegion: Record<string, number>;
  trainingSites: number;
  options: LocationConfig['forest'];
  importance: Record<string, number>;
  forest: ForestJson;
}

interface Prepared {
  table: Table;
  rows: number[];
  times: readonly string[];
  regions: readonly string[];
  labels: readonly number[];
  firstTime: string;
  lastTime: string;
}

const DAY_MS = 86_400_000;
const MIN_SITES_PER_BAND = 15;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

function addMonths(iso: string, months: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

function roundMetrics(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, round(v, 4)]));
}

function describe(metrics: Record<string, number>): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function prepare(input: JobInput, cfg: LocationConfig): Prepared {
  if (input.dataset.name !== LOCATION_SCORING_DATASET_NAME) {
    throw new JobInputError(`LOCATION_SCORING runs use the data set ${LOCATION_SCORING_DATASET_NAME}, not '${input.dataset.name}'`);
  }
  const dataset = generateLocationScoringDataset({ seed: input.dataset.seed, size: input.dataset.size });
  const table = dataset.columns as Table;
  const need = (name: string, role: string, kind: 'number' | 'string'): readonly unknown[] => {
    const values = table[name];
    if (!values) throw new JobInputError(`${role} '${name}' is not a column of the data set ${LOCATION_SCORING_DATASET_NAME} (columns: ${Object.keys(table).join(', ')})`);
    if (values.length > 0 && typeof values[0] !== kind) throw new JobInputError(`${role} '${name}' must be a ${kind} column`);
    return values;
  };
  const labels = need(cfg.label, 'requirements.label', 'number') as readonly number[];
  need(cfg.entityColumn, 'requirements.grain.entity', 'string');
  const times = need(cfg.timeColumn, 'requirements.grain.time_column', 'string') as readonly string[];
  const regions = need(cfg.regionColumn, 'The region column', 'string') as readonly string[];
  need(cfg.xColumn, 'The x coordinate column', 'number');
  need(cfg.yColumn, 'The y coordinate column', 'number');
  for (const feature of cfg.features) {
    if (!table[feature]) throw new JobInputError(`Unknown feature '${feature}' in lineage.input_features: the data set ${LOCATION_SCORING_DATASET_NAME} does not provide it`);
  }
  if (cfg.features.includes(cfg.label)) throw new JobInputError(`lineage.input_features must not include the label '${cfg.label}' (label leakage)`);
  const rows: number[] = [];
  for (let r = 0; r < dataset.rows; r++) if (Number.isFinite(labels[r]) && labels[r]! > 0) rows.push(r);
  if (rows.length === 0) throw new JobInputError('The data set has no labelled sites');
  let firstTime = times[rows[0]!]!;
  let lastTime = firstTime;
  for (const r of rows) {
    if (times[r]! < firstTime) firstTime = times[r]!;
    if (times[r]! > lastTime) lastTime = times[r]!;
  }
  const history = daysBetween(firstTime, lastTime) + 1;
  if (history < cfg.minHistoryDays) {
    throw new JobInputError(`The data set covers ${history} days of ${cfg.timeColumn}, below requirements.min_history_days (${cfg.minHistoryDays})`);
  }
  return { table, rows, times, regions, labels, firstTime, lastTime };
}

function fitEncoding(table: Table, names: readonly string[], rows: readonly number[]): { features: EncodedFeature[]; columns: string[] } {
  const features: EncodedFeature[] = [];
  const columns: string[] = [];
  for (const name of names) {
    const values = table[name]!;
    if (typeof values[0] === 'string') {
      const levels = [...new Set(rows.map((r) => String(values[r])))].sort();
      features.push({ name, kind: 'categorical', levels });
      columns.push(...levels.map((level) => `${name}=${level}`));
    } else {
      features.push({ name, kind: 'numeric' });
      columns.push(name);
    }
  }
  return { features, columns };
}

/** Row-major matrix; numbers as they are (trees need no scaling), categories one-hot. */
function encodeRows(table: Table, features: readonly EncodedFeature[], width: number, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * width);
  let offset = 0;
  for (const feature of features) {
    const values = table[feature.name];
    if (!values) throw new JobInputError(`The model's feature '${feature.name}' is not provided by the data set ${LOCATION_SCORING_DATASET_NAME}`);
    if (feature.kind === 'numeric') {
      for (let i = 0; i < rows.length; i++) out[i * width + offset] = Number(values[rows[i]!]);
      offset += 1;
    } else {
      const index = new Map(feature.levels.map((level, k) => [level, k]));
      for (let i = 0; i < rows.length; i++) {
        const k = index.get(String(values[rows[i]!]));
        if (k !== undefined) out[i * width + offset + k] = 1;
      }
      offset += feature.levels.length;
    }
  }
  return out;
}

async function fitModel(data: Prepared, cfg: LocationConfig, rows: readonly number[], hooks: JobHooks, report: boolean): Promise<SiteModel> {
  const { features, columns } = fitEncoding(data.table, cfg.features, rows);
  const x = encodeRows(data.table, features, columns.length, rows);
  const transform = (v: number): number => (cfg.targetTransform === 'log' ? Math.log(v) : v);
  const y = Float64Array.from(rows, (r) => transform(data.labels[r]!));
  const fit = await fitForest(x, y, columns.length, cfg.forest, report ? async (trees, oobRmse) => hooks.metricPoints([{ key: 'oob_rmse', step: trees, value: round(oobRmse, 5) }]) : undefined);
  const oobRows = rows.flatMap((_, i) => (Number.isNaN(fit.oob[i]!) ? [] : [i]));
  const recalibration = linearFit(
    oobRows.map((i) => fit.oob[i]!),
    oobRows.map((i) => y[i]!),
  );
  let smearing = 1;
  if (cfg.targetTransform === 'log' && oobRows.length > 0) {
    let sum = 0;
    for (const i of oobRows) sum += Math.exp(y[i]! - (recalibration.intercept + recalibration.slope * fit.oob[i]!));
    smearing = sum / oobRows.length;
  }
  const trainingSitesPerRegion: Record<string, number> = {};
  for (const r of rows) trainingSitesPerRegion[data.regions[r]!] = (trainingSitesPerRegion[data.regions[r]!] ?? 0) + 1;
  return {
    format: 'modelyard.random_forest_regression',
    version: 1,
    label: cfg.label,
    targetTransform: cfg.targetTransform,
    recalibration: { intercept: round(recalibration.intercept, 6), slope: round(recalibration.slope, 6) },
    smearing: round(smearing, 6),
    features,
    columns,
    revenueTarget: cfg.revenueTarget ?? Math.round(quantile(rows.map((r) => data.labels[r]!), cfg.revenueTargetQuantile)),
    trainingSitesPerRegion,
    trainingSites: rows.length,
    options: cfg.forest,
    importance: Object.fromEntries(columns.map((c, j) => [c, round(fit.importance[j]!, 4)])),
    forest: compactForest(fit.forest),
  };
}

/** Least squares y ≈ intercept + slope·x; the identity when there are too few points or no spread. */
function linearFit(x: readonly number[], y: readonly number[]): { intercept: number; slope: number } {
  const n = x.length;
  if (n < 10) return { intercept: 0, slope: 1 };
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  if (sxx <= 0) return { intercept: 0, slope: 1 };
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

function predict(model: SiteModel, data: Prepared, rows: readonly number[]): Float64Array {
  const x = encodeRows(data.table, model.features, model.columns.length, rows);
  const { intercept, slope } = model.recalibration;
  const raw = predictForest(model.forest, x, rows.length, model.columns.length).map((v) => intercept + slope * v);
  return model.targetTransform === 'log' ? raw.map((v) => Math.exp(v) * model.smearing) : raw;
}

function parseModel(value: unknown): SiteModel {
  if (!isRecord(value) || value.format !== 'modelyard.random_forest_regression' || value.version !== 1) {
    throw new JobInputError('The trained model is not a location-scoring random forest (format modelyard.random_forest_regression, version 1)');
  }
  const model = value as unknown as SiteModel;
  if (!Array.isArray(model.features) || !Array.isArray(model.columns) || !isRecord(model.forest) || !Array.isArray(model.forest.trees)) {
    throw new JobInputError('The trained model is malformed: features, columns or forest is missing');
  }
  if (!isRecord(model.recalibration) || typeof model.smearing !== 'number') throw new JobInputError('The trained model is malformed: recalibration or smearing is missing');
  if (model.forest.thresholds.length !== model.columns.length) throw new JobInputError('The trained model is malformed: its forest does not match its feature columns');
  return model;
}

interface Scored {
  predicted: number[];
  actual: number[];
}

function metricsOf(scored: Scored, cfg: LocationConfig, revenueTarget: number, coverage: { covered: number; total: number }): Record<string, number> {
  const metrics: LocationMetrics & Record<string, number> = {
    rank_correlation: spearman(scored.predicted, scored.actual),
    // At least MIN_SITES_PER_BAND sites per band: with fewer, a band's mean revenue is mostly noise.
    calibration: calibrationError(scored.predicted, scored.actual, Math.max(1, Math.min(cfg.calibrationBins, Math.floor(scored.actual.length / MIN_SITES_PER_BAND)))),
    hit_rate_at_10: hitRate(scored.predicted, scored.actual, 10, revenueTarget),
    lift_top_decile: liftAtTop(scored.predicted, scored.actual, 10),
    geographic_coverage: coverage.total > 0 ? coverage.covered / coverage.total : 0,
  };
  if (cfg.topKPercent !== 10) metrics[`hit_rate_at_${cfg.topKPercent}`] = hitRate(scored.predicted, scored.actual, cfg.topKPercent, revenueTarget);
  return roundMetrics(metrics);
}

/** Splits the labelled sites into the training pool and the recent-openings holdout (EVAL's fresh sites). */
function holdoutSplit(data: Prepared, cfg: LocationConfig): { pool: number[]; holdout: number[]; cutoff: string } {
  const cutoff = addMonths(data.lastTime, -cfg.holdoutMonths);
  return { pool: data.rows.filter((r) => data.times[r]! <= cutoff), holdout: data.rows.filter((r) => data.times[r]! > cutoff), cutoff };
}

function checkTrainingSites(count: number, cfg: LocationConfig, where: string): void {
  if (count < cfg.minTrainingSites) {
    throw new JobInputError(`${where} has ${formatCount(count)} labelled training sites, below requirements.min_training_sites (${cfg.minTrainingSites})`);
  }
}

async function runTrain(input: JobInput, hooks: JobHooks, cfg: LocationConfig, data: Prepared): Promise<JobOutput> {
  const { pool, holdout, cutoff } = holdoutSplit(data, cfg);
  checkTrainingSites(pool.length, cfg, `The training pool (sites up to ${cutoff})`);
  await hooks.log('INFO', `Training pool: ${formatCount(pool.length)} sites with ${cfg.timeColumn} ≤ ${cutoff}; ${formatCount(holdout.length)} later openings are kept for EVAL`);
  const x = pool.map((r) => Number(data.table[cfg.xColumn]![r]));
  const y = pool.map((r) => Number(data.table[cfg.yColumn]![r]));
  const folds = spatialFolds(x, y, cfg.folds, cfg.blockSizeKm, cfg.bufferKm, cfg.forest.seed);
  await hooks.log('INFO', `Spatial block CV: ${cfg.folds} folds of ${cfg.blockSizeKm} km blocks (${folds.blocks} blocks), ${cfg.bufferKm} km buffer`);
  const predicted = new Array<number>(pool.length).fill(NaN);
  const foldReports: Array<Record<string, number>> = [];
  let covered = 0;
  let total = 0;
  const revenueTarget = cfg.revenueTarget ?? Math.round(quantile(pool.map((r) => data.labels[r]!), cfg.revenueTargetQuantile));
  for (const [f, fold] of folds.folds.entries()) {
    if (fold.test.length === 0) continue;
    const trainRows = fold.train.map((i) => pool[i]!);
    const testRows = fold.test.map((i) => pool[i]!);
    if (trainRows.length < cfg.minTrainingSites) {
      await hooks.log('WARN', `Fold ${f} trains on ${trainRows.length} sites, below min_training_sites (${cfg.minTrainingSites})`);
    }
    const model = await fitModel(data, cfg, trainRows, hooks, false);
    const scores = predict(model, data, testRows);
    fold.test.forEach((i, k) => (predicted[i] = scores[k]!));
    const coverage = regionCoverage(
      testRows.map((r) => data.regions[r]!),
      trainRows.map((r) => data.regions[r]!),
      cfg.minSitesPerRegion,
    );
    covered += coverage.covered;
    total += coverage.total;
    const rho = round(spearman(scores, testRows.map((r) => data.labels[r]!)), 4);
    foldReports.push({ fold: f, trainSites: trainRows.length, testSites: testRows.length, excludedByBuffer: fold.buffered, rank_correlation: rho });
    await hooks.metricPoints([{ key: 'fold_rank_correlation', step: f, value: rho }]);
    await hooks.log('INFO', `Fold ${f}: ${trainRows.length} training sites (${fold.buffered} dropped by the buffer), ${testRows.length} scored, Spearman ${rho}`);
    await hooks.progress(0.1 + (0.6 * (f + 1)) / cfg.folds);
  }
  const scoredIndex = predicted.flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
  const metrics = metricsOf(
    { predicted: scoredIndex.map((i) => predicted[i]!), actual: scoredIndex.map((i) => data.labels[pool[i]!]!) },
    cfg,
    revenueTarget,
    { covered, total },
  );
  await hooks.log('INFO', `Cross-validated metrics (out-of-fold, ${formatCount(scoredIndex.length)} sites): ${describe(metrics)}`);
  await hooks.log('INFO', `Fitting the final forest on all ${formatCount(pool.length)} pool sites`);
  const model = await fitModel(data, cfg, pool, hooks, true);
  await hooks.progress(0.95);
  const top = Object.entries(model.importance)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([k, v]) => `${k} ${v}`);
  await hooks.log('INFO', `Top feature importances: ${top.join(', ')}`);
  const nodes = model.forest.trees.reduce((s, t) => s + t.f.length + t.leaf.length, 0);
  const reference = await referenceColumns(input.manifest, hooks, (feature) => tableColumn(data.table, feature, pool));
  return {
    metrics,
    referenceColumns: reference,
    artifacts: [
      { name: 'model.json', kind: 'MODEL', content: model, metadata: { algorithm: 'random_forest', trees: model.forest.trees.length, nodes } },
      {
        name: 'report.json',
        kind: 'REPORT',
        content: { kind: 'location_training', validation: 'spatial_block_cv', folds: foldReports, metrics, revenueTarget, importance: model.importance },
      },
    ],
  };
}

async function runEval(input: JobInput, hooks: JobHooks, cfg: LocationConfig, data: Prepared): Promise<JobOutput> {
  const { pool, holdout, cutoff } = holdoutSplit(data, cfg);
  if (holdout.length === 0) throw new JobInputError(`No sites opened after ${cutoff} to evaluate on`);
  let model: SiteModel;
  if (input.trainedModel !== null) {
    model = parseModel(input.trainedModel);
    await hooks.log('INFO', `Scoring the trained forest (${model.forest.trees.length} trees, ${model.trainingSites} training sites) on ${holdout.length} sites opened after ${cutoff}`);
  } else {
    checkTrainingSites(pool.length, cfg, `The training pool (sites up to ${cutoff})`);
    await hooks.log('WARN', `No trained model: fitting one on the ${formatCount(pool.length)} sites up to ${cutoff} first`);
    model = await fitModel(data, cfg, pool, hooks, true);
  }
  await hooks.progress(0.6);
  const predicted = Array.from(predict(model, data, holdout));
  const scoredRegions = holdout.map((r) => data.regions[r]!);
  const targets = new Set(scoredRegions);
  const covered = [...targets].filter((region) => (model.trainingSitesPerRegion[region] ?? 0) >= cfg.minSitesPerRegion).length;
  const metrics = metricsOf({ predicted, actual: holdout.map((r) => data.labels[r]!) }, cfg, model.revenueTarget, { covered, total: targets.size });
  await hooks.log('INFO', `Holdout metrics (${holdout.length} sites opened after ${cutoff}): ${describe(metrics)}`);
  const artifacts: JobOutput['artifacts'] = [];
  if (input.trainedModel === null) artifacts.push({ name: 'model.json', kind: 'MODEL', content: model, metadata: { algorithm: 'random_forest', trees: model.forest.trees.length } });
  artifacts.push({ name: 'report.json', kind: 'REPORT', content: { kind: 'location_evaluation', holdoutSites: holdout.length, cutoff, metrics, revenueTarget: model.revenueTarget } });
  return { metrics, artifacts };
}

function cohortStart(iso: string, months: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  const month = date.getUTCMonth() - (date.getUTCMonth() % months);
  return new Date(Date.UTC(date.getUTCFullYear(), month, 1)).toISOString().slice(0, 10);
}

async function runBacktest(hooks: JobHooks, cfg: LocationConfig, data: Prepared): Promise<JobOutput> {
  const { windows, cohortMonths } = cfg.backtest;
  const lastStart = cohortStart(data.lastTime, cohortMonths);
  const plan = Array.from({ length: windows }, (_, index) => {
    const testStart = addMonths(lastStart, -(windows - 1 - index) * cohortMonths);
    const next = addMonths(testStart, cohortMonths);
    const testEnd = new Date(Date.parse(`${next}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
    return { index, trainStart: data.firstTime, trainEnd: new Date(Date.parse(`${testStart}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10), testStart, testEnd };
  });
  const firstTrain = data.rows.filter((r) => data.times[r]! < plan[0]!.testStart).length;
  checkTrainingSites(firstTrain, cfg, `Backtest window 0 (sites before ${plan[0]!.testStart})`);
  await hooks.log('INFO', `Backtest: ${windows} opening cohorts of ${cohortMonths} months by ${cfg.timeColumn}, ${plan[0]!.testStart} → ${plan[windows - 1]!.testEnd}; each trains on the sites opened before it`);
  const results: BacktestWindow[] = [];
  for (const window of plan) {
    const train = data.rows.filter((r) => data.times[r]! < window.testStart);
    const test = data.rows.filter((r) => data.times[r]! >= window.testStart && data.times[r]! <= window.testEnd);
    if (test.length === 0) throw new JobInputError(`Backtest window ${window.index} (${window.testStart} → ${window.testEnd}) has no sites`);
    const model = await fitModel(data, cfg, train, hooks, false);
    const predicted = Array.from(predict(model, data, test));
    const coverage = regionCoverage(test.map((r) => data.regions[r]!), train.map((r) => data.regions[r]!), cfg.minSitesPerRegion);
    const metrics = metricsOf({ predicted, actual: test.map((r) => data.labels[r]!) }, cfg, model.revenueTarget, coverage);
    results.push({ ...window, metrics });
    await hooks.metricPoints(Object.entries(metrics).map(([key, value]) => ({ key, step: window.index, value })));
    await hooks.log('INFO', `Window ${window.index} (${window.testStart} → ${window.testEnd}): ${formatCount(train.length)} training sites, ${test.length} scored; ${describe(metrics)}`);
    await hooks.progress(0.1 + (0.85 * (window.index + 1)) / windows);
  }
  const keys = Object.keys(results[0]!.metrics);
  const aggregate = roundMetrics(Object.fromEntries(keys.map((k) => [k, results.reduce((s, w) => s + (w.metrics[k] ?? 0), 0) / results.length])));
  await hooks.log('INFO', `Backtest aggregate (mean over ${results.length} windows): ${describe(aggregate)}`);
  return {
    metrics: aggregate,
    artifacts: [{ name: 'report.json', kind: 'REPORT', content: { kind: 'location_backtest', aggregation: 'mean over windows', windows: results } }],
    backtestWindows: results,
  };
}

export const runLocationScoringJob: RunJob = async (input, hooks) => {
  const cfg = readLocationConfig(input);
  await hooks.log('INFO', `Loading ${LOCATION_SCORING_DATASET_NAME} (seed ${input.dataset.seed}, ${input.dataset.size})`);
  const data = prepare(input, cfg);
  await hooks.log('INFO', `${formatCount(data.rows.length)} labelled sites, ${cfg.timeColumn} ${data.firstTime} → ${data.lastTime}; features ${cfg.features.join(', ')}`);
  const mapped = cfg.requestedAlgorithm === 'random_forest' ? '' : ` (the manifest asks for ${cfg.requestedAlgorithm}: mapped to the random forest)`;
  await hooks.log(
    'INFO',
    `Learner: random forest regression${mapped}, ${cfg.forest.trees} trees, max depth ${cfg.forest.maxDepth}, min ${cfg.forest.minLeaf} sites per leaf, ` +
      `${cfg.forest.maxFeatures} of the features per split, target transform ${cfg.targetTransform}`,
  );
  const ignored = ignoredTrainingKeys(input);
  if (ignored.length > 0) await hooks.log('INFO', `pipeline.training keys ${ignored.join(', ')} do not apply to the random forest and are ignored`);
  await hooks.progress(0.1);
  const output = input.type === 'TRAIN' ? await runTrain(input, hooks, cfg, data) : input.type === 'EVAL' ? await runEval(input, hooks, cfg, data) : await runBacktest(hooks, cfg, data);
  await hooks.progress(1);
  return output;
};
