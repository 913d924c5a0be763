import { generateNextBestActionDataset, NEXT_BEST_ACTION_DATASET_NAME } from '@modelyard/seeds';
import { JobInputError, type BacktestWindow, type JobHooks, type JobInput, type JobOutput, type MetricPoint, type RunJob } from '../types.js';
import type { Table } from './feature-encoder.js';
import { formatCount } from '../common/manifest-reader.js';
import { referenceColumns, tableColumn } from '../common/reference-columns.js';
import { ignoredTrainingKeys, readNbaConfig, type NbaConfig } from './nba-config.js';
import { differenceInMeans, evaluatePolicy, precisionAtTop, type NbaMetrics } from './uplift-metrics.js';
import { fitUpliftModel, parseUpliftModel, scoreUplift, type UpliftModel } from './uplift-model.js';
import { mulberry32, fnv1a as hash } from '../common/random.js';

/** The data set checked against the manifest: the rows whose action is one of the run's actions. */
interface Prepared {
  table: Table;
  rows: number[];
  actions: string[];
  controlAction: string;
  dates: readonly string[];
  firstDate: string;
  lastDate: string;
}

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

function roundMetrics(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, round(v, Math.abs(v) >= 100 ? 1 : 4)]));
}

function requireColumn(table: Table, name: string, role: string, kind: 'boolean' | 'string'): readonly unknown[] {
  const values = table[name];
  if (!values) throw new JobInputError(`${role} '${name}' is not a column of the data set ${NEXT_BEST_ACTION_DATASET_NAME} (columns: ${Object.keys(table).join(', ')})`);
  if (values.length > 0 && typeof values[0] !== kind) throw new JobInputError(`${role} '${name}' must be a ${kind} column`);
  return values;
}

function prepare(input: JobInput, cfg: NbaConfig): Prepared {
  if (input.dataset.name !== NEXT_BEST_ACTION_DATASET_NAME) {
    throw new JobInputError(`NEXT_BEST_ACTION runs use the data set ${NEXT_BEST_ACTION_DATASET_NAME}, not '${input.dataset.name}'`);
  }
  const dataset = generateNextBestActionDataset({ seed: input.dataset.seed, size: input.dataset.size });
  const table = dataset.columns as Table;
  requireColumn(table, cfg.label, 'requirements.label', 'boolean');
  const treated = requireColumn(table, cfg.treatmentColumn, 'requirements.treatment_column', 'boolean');
  const actionValues = requireColumn(table, cfg.actionColumn, 'The action column', 'string');
  requireColumn(table, cfg.entityColumn, 'requirements.grain.entity', 'string');
  const dates = requireColumn(table, cfg.timeColumn, 'requirements.grain.time_column', 'string') as readonly string[];
  const leaking = cfg.features.filter((f) => [cfg.label, cfg.treatmentColumn, cfg.actionColumn, 'revenue_14d'].includes(f));
  if (leaking.length > 0) throw new JobInputError(`lineage.input_features must not include outcome or treatment columns (label leakage): ${leaking.join(', ')}`);
  for (const feature of cfg.features) {
    if (!table[feature]) throw new JobInputError(`Unknown feature '${feature}' in lineage.input_features: the data set ${NEXT_BEST_ACTION_DATASET_NAME} does not provide it`);
  }

  const controls = new Set<string>();
  const present = new Set<string>();
  for (let r = 0; r < dataset.rows; r++) {
    present.add(String(actionValues[r]));
    if (!treated[r]) controls.add(String(actionValues[r]));
  }
  if (controls.size !== 1) throw new JobInputError(`The data set must have exactly one control action (rows with ${cfg.treatmentColumn} = false); found ${controls.size}`);
  const controlAction = [...controls][0]!;
  const actions = cfg.actions ?? [...present].sort();
  const missing = actions.filter((a) => !present.has(a));
  if (missing.length > 0) throw new JobInputError(`pipeline.training.actions lists actions with no randomised rows in the data set: ${missing.join(', ')}`);
  if (!actions.includes(controlAction)) throw new JobInputError(`pipeline.training.actions must include the control action '${controlAction}'`);
  if (actions.length < 2) throw new JobInputError('pipeline.training.actions needs the control and at least one treatment action');

  const allowed = new Set(actions);
  const rows: number[] = [];
  let treatedRows = 0;
  let controlRows = 0;
  for (let r = 0; r < dataset.rows; r++) {
    if (!allowed.has(String(actionValues[r]))) continue;
    rows.push(r);
    if (treated[r]) treatedRows += 1;
    else controlRows += 1;
  }
  if (treatedRows < cfg.minTreatedRows) {
    throw new JobInputError(`The data set has ${formatCount(treatedRows)} treated rows, below pipeline.quality.min_treated_rows (${formatCount(cfg.minTreatedRows)})`);
  }
  const controlShare = controlRows / Math.max(rows.length, 1);
  if (controlShare < cfg.controlFraction) {
    throw new JobInputError(`The randomised control group is ${(100 * controlShare).toFixed(1)}% of the rows, below evaluation.validation.control_fraction (${cfg.controlFraction})`);
  }
  let firstDate = dates[rows[0]!]!;
  let lastDate = firstDate;
  for (const r of rows) {
    if (dates[r]! < firstDate) firstDate = dates[r]!;
    if (dates[r]! > lastDate) lastDate = dates[r]!;
  }
  const historyDays = daysBetween(firstDate, lastDate) + 1;
  if (historyDays < cfg.minHistoryDays) {
    throw new JobInputError(`The data set covers ${historyDays} days of ${cfg.timeColumn}, below requirements.min_history_days (${cfg.minHistoryDays})`);
  }
  if (cfg.stratifyBy && !table[cfg.stratifyBy]) throw new JobInputError(`evaluation.validation.stratify_by '${cfg.stratifyBy}' is not a column of the data set`);
  return { table, rows, actions, controlAction, dates, firstDate, lastDate };
}



/** Randomised holdout, stratified by `stratify_by`: the same seed always gives the same split. */
function splitHoldout(data: Prepared, cfg: NbaConfig, seed: number): { train: number[]; holdout: number[] } {
  const strata = new Map<string, number[]>();
  const key = cfg.stratifyBy ? data.table[cfg.stratifyBy]! : undefined;
  for (const r of data.rows) {
    const k = key ? String(key[r]) : '';
    const list = strata.get(k) ?? [];
    list.push(r);
    strata.set(k, list);
  }
  const holdout = new Set<number>();
  for (const k of [...strata.keys()].sort()) {
    const list = strata.get(k)!;
    const random = mulberry32(hash(`nba-holdout:${seed}:${k}`));
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    for (const r of list.slice(0, Math.round(list.length * cfg.holdoutFraction))) holdout.add(r);
  }
  return { train: data.rows.filter((r) => !holdout.has(r)), holdout: data.rows.filter((r) => holdout.has(r)) };
}

async function fit(data: Prepared, cfg: NbaConfig, rows: readonly number[], hooks: JobHooks, progress?: [number, number], prefix = ''): Promise<UpliftModel> {
  return fitUpliftModel(
    data.table,
    rows,
    {
      label: cfg.label,
      actionColumn: cfg.actionColumn,
      actions: data.actions,
      controlAction: data.controlAction,
      features: cfg.features,
      l2: cfg.l2,
      maxIterations: cfg.maxIterations,
      minUplift: cfg.minUplift,
      datasetName: NEXT_BEST_ACTION_DATASET_NAME,
    },
    async (action, result, index) => {
      if (!progress) return;
      await hooks.metricPoints(result.losses.map((value, step) => ({ key: `${prefix}loss_${action}`, step, value: round(value, 5) })));
      if (!result.converged) await hooks.log('WARN', `Logistic model for '${action}' did not converge in ${cfg.maxIterations} iterations`);
      await hooks.progress(progress[0] + ((progress[1] - progress[0]) * (index + 1)) / data.actions.length);
    },
  );
}

interface Evaluation {
  metrics: Record<string, number>;
  perAction: Record<string, { recommendedShare: number; predictedUplift: number; observedUplift: number; rows: number }>;
}

function evaluate(model: UpliftModel, data: Prepared, rows: readonly number[], cfg: NbaConfig): Evaluation {
  const scores = scoreUplift(model, data.table, rows, NEXT_BEST_ACTION_DATASET_NAME);
  const actual = rows.map((r) => String(data.table[model.actionColumn]![r]));
  const labels = data.table[model.label]!;
  const converted = Float64Array.from(rows, (r) => (labels[r] ? 1 : 0));
  const revenueColumn = data.table.revenue_14d;
  const revenue = Float64Array.from(rows, (r) => Number(revenueColumn?.[r] ?? 0));
  const input = {
    actual,
    recommended: scores.recommended,
    bestTreatment: scores.bestTreatment,
    score: scores.score,
    converted,
    revenue,
    controlAction: model.controlAction,
    actionCount: model.actions.length,
    topPercent: cfg.topKPercent,
  };
  const metrics: Record<string, number> = { ...evaluatePolicy(input) } satisfies Partial<NbaMetrics>;
  if (cfg.topKPercent !== 10) metrics[`precision_at_${cfg.topKPercent}`] = precisionAtTop(input, cfg.topKPercent);
  const index = (a: string): number[] => actual.flatMap((v, i) => (v === a ? [i] : []));
  const controlIndex = index(model.controlAction);
  const perAction: Evaluation['perAction'] = {};
  for (const action of model.actions) {
    const p = scores.probability[action]!;
    const c = scores.probability[model.controlAction]!;
    let predicted = 0;
    for (let i = 0; i < rows.length; i++) predicted += p[i]! - c[i]!;
    const armIndex = index(action);
    perAction[action] = {
      recommendedShare: round(scores.recommended.filter((a) => a === action).length / Math.max(rows.length, 1), 4),
      predictedUplift: round(predicted / Math.max(rows.length, 1), 4),
      observedUplift: round(differenceInMeans(converted, armIndex, controlIndex), 4),
      rows: armIndex.length,
    };
  }
  return { metrics: roundMetrics(metrics), perAction };
}

function describe(metrics: Record<string, number>): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

async function runTrainOrEval(input: JobInput, hooks: JobHooks, cfg: NbaConfig, data: Prepared): Promise<JobOutput> {
  const split = splitHoldout(data, cfg, input.dataset.seed + cfg.splitSeed);
  await hooks.log(
    'INFO',
    `Randomised holdout: ${formatCount(split.holdout.length)} rows (${cfg.holdoutFraction * 100}%${cfg.stratifyBy ? `, stratified by ${cfg.stratifyBy}` : ''}), ` +
      `${formatCount(split.train.length)} training rows`,
  );
  let model: UpliftModel;
  if (input.type === 'EVAL' && input.trainedModel !== null) {
    model = parseUpliftModel(input.trainedModel);
    await hooks.log('INFO', `Scoring the trained model (${model.actions.length} arms, ${model.encoder.columns.length} encoded features) on the holdout`);
    await hooks.progress(0.5);
  } else {
    if (input.type === 'EVAL') await hooks.log('WARN', 'No trained model: fitting one on the training split first');
    await hooks.log('INFO', `Fitting two_model_uplift: one logistic regression per action (${data.actions.join(', ')}), L2 ${cfg.l2}`);
    model = await fit(data, cfg, split.train, hooks, [0.15, 0.8]);
    const arms = Object.entries(model.arms).map(([a, arm]) => `${a} ${formatCount(arm.rows)} rows, ${(100 * arm.conversionRate).toFixed(1)}% converted`);
    await hooks.log('INFO', `Fitted ${arms.length} arms: ${arms.join('; ')}`);
  }
  const result = evaluate(model, data, split.holdout, cfg);
  await hooks.metricPoints(
    model.actions
      .filter((a) => a !== model.controlAction)
      .map((a, step) => ({ key: 'holdout_uplift_by_action', step, value: result.perAction[a]!.observedUplift })),
  );
  await hooks.progress(0.9);
  await hooks.log('INFO', `Holdout metrics: ${describe(result.metrics)}`);
  const shares = Object.entries(result.perAction).map(([a, s]) => `${a} ${(100 * s.recommendedShare).toFixed(1)}%`);
  await hooks.log('INFO', `Recommended actions on the holdout: ${shares.join(', ')}`);
  const report = {
    kind: input.type === 'EVAL' ? 'nba_evaluation' : 'nba_training',
    dataset: input.dataset,
    holdoutRows: split.holdout.length,
    trainingRows: split.train.length,
    metrics: result.metrics,
    perAction: result.perAction,
    definitions: {
      uplift: 'conversion rate of treated-by-policy customers who received the recommended action minus those who received the control',
      precision_at_10: 'the same difference within the top 10% by predicted uplift',
      qini_coefficient: 'normalised Qini AUC (scikit-uplift qini_auc_score, negative_effect=true)',
      incremental_revenue: 'net revenue difference, USD per 1,000 customers treated by the policy',
      action_distribution: 'normalised entropy of the recommended actions',
    },
  };
  const artifacts: JobOutput['artifacts'] = [];
  if (input.type === 'TRAIN' || input.trainedModel === null) {
    artifacts.push({ name: 'model.json', kind: 'MODEL', content: model, metadata: { algorithm: 'two_model_uplift', baseLearner: 'logistic_regression', arms: model.actions.length } });
  }
  artifacts.push({ name: 'report.json', kind: 'REPORT', content: report });
  if (input.type !== 'TRAIN') return { metrics: result.metrics, artifacts };
  const reference = await referenceColumns(input.manifest, hooks, (feature) => tableColumn(data.table, feature, split.train));
  return { metrics: result.metrics, artifacts, referenceColumns: reference };
}

async function runBacktest(hooks: JobHooks, cfg: NbaConfig, data: Prepared): Promise<JobOutput> {
  const { windows, windowDays, stepDays, minTrainDays } = cfg.backtest;
  const plan = Array.from({ length: windows }, (_, index) => {
    const testEnd = addDays(data.lastDate, -(windows - 1 - index) * stepDays);
    const testStart = addDays(testEnd, -(windowDays - 1));
    return { index, trainStart: data.firstDate, trainEnd: addDays(testStart, -1), testStart, testEnd };
  });
  const first = plan[0]!;
  const trainDays = daysBetween(first.trainStart, first.trainEnd) + 1;
  if (trainDays < minTrainDays) {
    throw new JobInputError(
      `Backtest window 0 has ${trainDays} days of history before it, below ${minTrainDays} (min_train_days): use fewer windows or shorter window_days`,
    );
  }
  await hooks.log('INFO', `Backtest: ${windows} windows of ${windowDays} days (step ${stepDays}) by ${cfg.timeColumn}, ${first.testStart} → ${data.lastDate}; each fits on all earlier decisions`);
  const results: BacktestWindow[] = [];
  for (const window of plan) {
    const train = data.rows.filter((r) => data.dates[r]! < window.testStart);
    const test = data.rows.filter((r) => data.dates[r]! >= window.testStart && data.dates[r]! <= window.testEnd);
    if (test.length === 0) throw new JobInputError(`Backtest window ${window.index} (${window.testStart} → ${window.testEnd}) has no rows`);
    const model = await fit(data, cfg, train, hooks);
    const { metrics } = evaluate(model, data, test, cfg);
    results.push({ ...window, metrics });
    const points: MetricPoint[] = Object.entries(metrics).map(([key, value]) => ({ key, step: window.index, value }));
    await hooks.metricPoints(points);
    await hooks.log('INFO', `Window ${window.index} (${window.testStart} → ${window.testEnd}): ${formatCount(train.length)} training rows, ${formatCount(test.length)} scored; ${describe(metrics)}`);
    await hooks.progress(0.1 + (0.85 * (window.index + 1)) / windows);
  }
  const keys = Object.keys(results[0]!.metrics);
  const aggregate = roundMetrics(Object.fromEntries(keys.map((k) => [k, results.reduce((s, w) => s + (w.metrics[k] ?? 0), 0) / results.length])));
  await hooks.log('INFO', `Backtest aggregate (mean over ${results.length} windows): ${describe(aggregate)}`);
  const report = { kind: 'nba_backtest', aggregation: 'mean over windows', windows: results };
  return { metrics: aggregate, artifacts: [{ name: 'report.json', kind: 'REPORT', content: report }], backtestWindows: results };
}

export const runNextBestActionJob: RunJob = async (input, hooks) => {
  const cfg = readNbaConfig(input);
  await hooks.log('INFO', `Loading ${NEXT_BEST_ACTION_DATASET_NAME} (seed ${input.dataset.seed}, ${input.dataset.size})`);
  const data = prepare(input, cfg);
  const ignored = ignoredTrainingKeys(input);
  await hooks.log(
    'INFO',
    `${formatCount(data.rows.length)} decisions ${data.firstDate} → ${data.lastDate}; actions ${data.actions.join(', ')} (control ${data.controlAction}); ` +
      `features ${cfg.features.join(', ')}`,
  );
  if (ignored.length > 0) await hooks.log('INFO', `Base learner is logistic regression: pipeline.training keys ${ignored.join(', ')} do not apply and are ignored`);
  await hooks.progress(0.1);
  const output = input.type === 'BACKTEST' ? await runBacktest(hooks, cfg, data) : await runTrainOrEval(input, hooks, cfg, data);
  await hooks.progress(1);
  return output;
};
