import { JobInputError, type JobInput } from '../types.js';
import { pickNumber, pickString, section, stringList, type Json } from '../common/manifest-reader.js';
import type { ForestOptions } from './random-forest.js';

/** What a location-scoring run reads from the resolved manifest and the run's params (params win). */
export interface LocationConfig {
  features: string[];
  label: string;
  entityColumn: string;
  timeColumn: string;
  regionColumn: string;
  xColumn: string;
  yColumn: string;
  minHistoryDays: number;
  minTrainingSites: number;
  minSitesPerRegion: number;
  /** The algorithm the manifest asked for (every supported one runs as a random forest). */
  requestedAlgorithm: string;
  forest: ForestOptions;
  targetTransform: 'log' | 'none';
  folds: number;
  blockSizeKm: number;
  bufferKm: number;
  /** Sites whose `time_column` falls in the last `holdoutMonths` months are kept out of training for EVAL. */
  holdoutMonths: number;
  topKPercent: number;
  calibrationBins: number;
  revenueTarget: number | undefined;
  revenueTargetQuantile: number;
  backtest: { windows: number; cohortMonths: number };
}

/** Accepted `algorithm` values, all fitted by the random forest (the gradient-boosting ones are mapped to it). */
export const FOREST_ALGORITHMS = ['random_forest', 'gradient_boosting', 'lightgbm', 'gbm'];
/** Training keys the forest reads; the others (LightGBM's) are ignored with a log line. */
export const FOREST_KEYS = ['algorithm', 'n_trees', 'n_estimators', 'max_depth', 'min_samples_leaf', 'max_features', 'max_samples', 'max_bins', 'seed'];

export function readLocationConfig(input: JobInput): LocationConfig {
  const m = input.manifest as Json;
  const p = input.params;
  const requirements = section(m, 'requirements');
  const grain = section(m, 'requirements.grain');
  const training = section(m, 'pipeline.training');
  const quality = section(m, 'pipeline.quality');
  const evaluation = section(m, 'pipeline.evaluation');
  const validation = section(m, 'evaluation.validation');
  const backtest = section(m, 'evaluation.backtest');
  const features = stringList('lineage.input_features', section(m, 'lineage').input_features);
  if (!features || features.length === 0) throw new JobInputError('lineage.input_features must list at least one feature');

  const algorithm = pickString([['params.algorithm', p.algorithm], ['pipeline.training.algorithm', training.algorithm]], 'random_forest');
  if (!FOREST_ALGORITHMS.includes(algorithm)) {
    throw new JobInputError(`Unsupported algorithm '${algorithm}' for LOCATION_SCORING (supported: ${FOREST_ALGORITHMS.join(', ')}; all run as a random forest)`);
  }
  const strategy = pickString([['params.validation_strategy', p.validation_strategy], ['evaluation.validation.strategy', validation.strategy]], 'spatial_block_cv');
  if (strategy !== 'spatial_block_cv') {
    throw new JobInputError(`Unsupported evaluation.validation.strategy '${strategy}' for LOCATION_SCORING (supported: spatial_block_cv)`);
  }
  // A forest's trees are its estimators; boosting rounds (n_estimators of gradient_boosting) are not, so they are not used as a tree count.
  const treeSources: Array<[string, unknown]> = [['params.n_trees', p.n_trees], ['pipeline.training.n_trees', training.n_trees]];
  if (algorithm === 'random_forest') treeSources.push(['params.n_estimators', p.n_estimators], ['pipeline.training.n_estimators', training.n_estimators]);
  const blockSizeKm = pickNumber([['params.block_size_km', p.block_size_km], ['evaluation.validation.block_size_km', validation.block_size_km]], { min: 1, max: 500 }, 25);
  const holdoutText = pickString([['params.holdout', p.holdout], ['pipeline.evaluation.holdout', evaluation.holdout]], 'sites_opened_last_12_months');
  const holdoutMatch = /^sites_opened_last_(\d+)_months$/.exec(holdoutText);
  if (!holdoutMatch) throw new JobInputError(`Unsupported holdout '${holdoutText}' (expected sites_opened_last_<n>_months)`);
  const cohort = pickString([['params.cohort', p.cohort], ['evaluation.backtest.cohort', backtest.cohort]], 'quarter');
  const cohortMonths = { month: 1, quarter: 3, half_year: 6, year: 12 }[cohort];
  if (!cohortMonths) throw new JobInputError(`Unsupported backtest cohort '${cohort}' (supported: month, quarter, half_year, year)`);
  const revenueTarget = pickNumber([['params.revenue_target', p.revenue_target], ['pipeline.evaluation.revenue_target', evaluation.revenue_target]], { min: 0 }, -1);
  const transform = pickString([['pipeline.feature_prep.target_transform', section(m, 'pipeline.feature_prep').target_transform]], 'log');
  if (transform !== 'log' && transform !== 'none') throw new JobInputError(`Unsupported pipeline.feature_prep.target_transform '${transform}' (supported: log, none)`);
  return {
    features,
    label: pickString([['requirements.label', requirements.label]], 'first_year_revenue'),
    entityColumn: stringList('requirements.grain.entity', grain.entity)?.[0] ?? 'site_id',
    timeColumn: pickString([['requirements.grain.time_column', grain.time_column]], 'snapshot_week'),
    regionColumn: pickString([['params.region_column', p.region_column]], 'region'),
    xColumn: 'x_km',
    yColumn: 'y_km',
    minHistoryDays: pickNumber([['requirements.min_history_days', requirements.min_history_days]], { min: 0, integer: true }, 0),
    minTrainingSites: pickNumber([['requirements.min_training_sites', requirements.min_training_sites]], { min: 1, integer: true }, 50),
    minSitesPerRegion: pickNumber([['pipeline.quality.min_sites_per_region', quality.min_sites_per_region]], { min: 1, integer: true }, 15),
    requestedAlgorithm: algorithm,
    forest: {
      trees: pickNumber(treeSources, { min: 1, max: 500, integer: true }, 100),
      maxDepth: pickNumber([['params.max_depth', p.max_depth], ['pipeline.training.max_depth', training.max_depth]], { min: 1, max: 24, integer: true }, 12),
      minLeaf: pickNumber([['params.min_samples_leaf', p.min_samples_leaf], ['pipeline.training.min_samples_leaf', training.min_samples_leaf]], { min: 1, integer: true }, 5),
      maxFeatures: pickNumber([['params.max_features', p.max_features], ['pipeline.training.max_features', training.max_features]], { min: 0.05, max: 1 }, 0.5),
      sampleFraction: pickNumber([['params.max_samples', p.max_samples], ['pipeline.training.max_samples', training.max_samples]], { min: 0.05, max: 1 }, 1),
      maxBins: pickNumber([['params.max_bins', p.max_bins], ['pipeline.training.max_bins', training.max_bins]], { min: 2, max: 255, integer: true }, 64),
      seed: pickNumber([['params.seed', p.seed], ['pipeline.training.seed', training.seed]], { integer: true }, input.dataset.seed),
    },
    targetTransform: transform,
    folds: pickNumber([['params.folds', p.folds], ['evaluation.validation.folds', validation.folds]], { min: 2, max: 20, integer: true }, 5),
    blockSizeKm,
    bufferKm: pickNumber([['params.buffer_km', p.buffer_km], ['evaluation.validation.buffer_km', validation.buffer_km]], { min: 0, max: blockSizeKm }, 0),
    holdoutMonths: Number(holdoutMatch[1]),
    topKPercent: pickNumber([['params.top_k_percent', p.top_k_percent], ['pipeline.evaluation.top_k_percent', evaluation.top_k_percent]], { min: 1, max: 100 }, 10),
    calibrationBins: pickNumber(
      [['params.calibration_bins', p.calibration_bins], ['pipeline.evaluation.calibration_bins', evaluation.calibration_bins]],
      { min: 1, max: 100, integer: true },
      10,
    ),
    revenueTarget: revenueTarget >= 0 ? revenueTarget : undefined,
    revenueTargetQuantile: pickNumber(
      [['params.revenue_target_quantile', p.revenue_target_quantile], ['pipeline.evaluation.revenue_target_quantile', evaluation.revenue_target_quantile]],
      { min: 0, max: 1 },
      0.8,
    ),
    backtest: {
      windows: pickNumber([['params.windows', p.windows], ['evaluation.backtest.windows', backtest.windows]], { min: 1, max: 24, integer: true }, 8),
      cohortMonths,
    },
  };
}

export function ignoredTrainingKeys(input: JobInput): string[] {
  return Object.keys(section(input.manifest as Json, 'pipeline.training')).filter((k) => !FOREST_KEYS.includes(k));
}
