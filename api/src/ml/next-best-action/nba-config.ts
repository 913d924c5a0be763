import { JobInputError, type JobInput } from '../types.js';
import { pickNumber, pickString, section, stringList, type Json } from '../common/manifest-reader.js';

/** What a next-best-action run reads from the resolved manifest and the run's params (params win). */
export interface NbaConfig {
  features: string[];
  label: string;
  treatmentColumn: string;
  /** The column holding the randomised action (not in the manifest: the data set's `action`). */
  actionColumn: string;
  entityColumn: string;
  timeColumn: string;
  /** The actions to choose from, from `pipeline.training.actions` (all of the data set's when absent). */
  actions: string[] | undefined;
  minHistoryDays: number;
  minTreatedRows: number;
  holdoutFraction: number;
  /** Minimum share of control rows the randomised data must hold. */
  controlFraction: number;
  stratifyBy: string | undefined;
  topKPercent: number;
  l2: number;
  maxIterations: number;
  /** A treatment is recommended only when its predicted uplift exceeds this. */
  minUplift: number;
  splitSeed: number;
  backtest: { windows: number; windowDays: number; stepDays: number; minTrainDays: number };
}

const ALGORITHMS = ['two_model_uplift', 't_learner'];

export function readNbaConfig(input: JobInput): NbaConfig {
  const m = input.manifest as Json;
  const p = input.params;
  const requirements = section(m, 'requirements');
  const grain = section(m, 'requirements.grain');
  const training = section(m, 'pipeline.training');
  const quality = section(m, 'pipeline.quality');
  const validation = section(m, 'evaluation.validation');
  const backtest = section(m, 'evaluation.backtest');
  const features = stringList('lineage.input_features', section(m, 'lineage').input_features);
  if (!features || features.length === 0) throw new JobInputError('lineage.input_features must list at least one feature');

  const algorithm = pickString([['params.algorithm', p.algorithm], ['pipeline.training.algorithm', training.algorithm]], 'two_model_uplift');
  if (!ALGORITHMS.includes(algorithm)) {
    throw new JobInputError(`Unsupported algorithm '${algorithm}' for NEXT_BEST_ACTION (supported: ${ALGORITHMS.join(', ')})`);
  }
  const strategy = pickString([['params.validation_strategy', p.validation_strategy], ['evaluation.validation.strategy', validation.strategy]], 'randomized_holdout');
  if (strategy !== 'randomized_holdout') {
    throw new JobInputError(`Unsupported evaluation.validation.strategy '${strategy}' for NEXT_BEST_ACTION (supported: randomized_holdout)`);
  }
  const entity = stringList('requirements.grain.entity', grain.entity);
  const windowDays = pickNumber([['params.window_days', p.window_days], ['evaluation.backtest.window_days', backtest.window_days]], { min: 1, max: 180, integer: true }, 14);
  const minHistoryDays = pickNumber([['requirements.min_history_days', requirements.min_history_days]], { min: 0, integer: true }, 0);
  return {
    features,
    label: pickString([['requirements.label', requirements.label]], 'converted_within_14d'),
    treatmentColumn: pickString([['requirements.treatment_column', requirements.treatment_column]], 'treated'),
    actionColumn: pickString([['params.action_column', p.action_column]], 'action'),
    entityColumn: entity?.[0] ?? 'customer_id',
    timeColumn: pickString([['requirements.grain.time_column', grain.time_column]], 'decision_date'),
    actions: stringList('pipeline.training.actions', training.actions),
    minHistoryDays,
    minTreatedRows: pickNumber([['pipeline.quality.min_treated_rows', quality.min_treated_rows]], { min: 0, integer: true }, 0),
    holdoutFraction: pickNumber(
      [['params.holdout_fraction', p.holdout_fraction], ['evaluation.validation.holdout_fraction', validation.holdout_fraction]],
      { min: 0.05, max: 0.5 },
      0.2,
    ),
    controlFraction: pickNumber(
      [['params.control_fraction', p.control_fraction], ['evaluation.validation.control_fraction', validation.control_fraction]],
      { min: 0, max: 0.9 },
      0,
    ),
    stratifyBy: pickString([['evaluation.validation.stratify_by', validation.stratify_by]], '') || undefined,
    topKPercent: pickNumber(
      [['params.top_k_percent', p.top_k_percent], ['pipeline.evaluation.top_k_percent', section(m, 'pipeline.evaluation').top_k_percent]],
      { min: 1, max: 100 },
      10,
    ),
    l2: pickNumber([['params.l2', p.l2], ['pipeline.training.l2', training.l2]], { min: 0 }, 1),
    maxIterations: pickNumber([['params.max_iter', p.max_iter], ['pipeline.training.max_iter', training.max_iter]], { min: 1, max: 100, integer: true }, 25),
    minUplift: pickNumber([['params.min_uplift', p.min_uplift], ['pipeline.training.min_uplift', training.min_uplift]], { min: -1, max: 1 }, 0),
    splitSeed: pickNumber([['params.split_seed', p.split_seed]], { integer: true }, 0),
    backtest: {
      windows: pickNumber([['params.windows', p.windows], ['evaluation.backtest.windows', backtest.windows]], { min: 1, max: 24, integer: true }, 8),
      windowDays,
      stepDays: pickNumber([['params.step_days', p.step_days], ['evaluation.backtest.step_days', backtest.step_days]], { min: 1, max: 180, integer: true }, windowDays),
      minTrainDays: pickNumber(
        [['params.min_train_days', p.min_train_days], ['evaluation.backtest.min_train_days', backtest.min_train_days]],
        { min: 1, integer: true },
        Math.max(minHistoryDays, 30),
      ),
    },
  };
}

/** The training params this learner does not use (LightGBM's), for one log line. */
export function ignoredTrainingKeys(input: JobInput): string[] {
  const training = section(input.manifest as Json, 'pipeline.training');
  const used = new Set(['algorithm', 'actions', 'l2', 'max_iter', 'min_uplift', 'base_learner']);
  return Object.keys(training).filter((k) => !used.has(k));
}
