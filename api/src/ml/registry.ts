import { FORECASTING_DATASET_NAME, LOCATION_SCORING_DATASET_NAME, NEXT_BEST_ACTION_DATASET_NAME, PRICING_DATASET_NAME } from '@modelyard/seeds';
import type { Family, RunJob } from './types.js';

/** Each family's shipped data set (seeds/src/datasets) and its learner (loaded on first use: the API process never needs them). */
const FAMILIES: Record<Family, { datasetName: string; load: () => Promise<RunJob> }> = {
  FORECASTING: { datasetName: FORECASTING_DATASET_NAME, load: async () => (await import('./forecasting/index.js')).runForecastingJob },
  PRICING: { datasetName: PRICING_DATASET_NAME, load: async () => (await import('./pricing/index.js')).runPricingJob },
  NEXT_BEST_ACTION: { datasetName: NEXT_BEST_ACTION_DATASET_NAME, load: async () => (await import('./next-best-action/index.js')).runNextBestActionJob },
  LOCATION_SCORING: { datasetName: LOCATION_SCORING_DATASET_NAME, load: async () => (await import('./location-scoring/index.js')).runLocationScoringJob },
};

export function datasetNameOf(family: string): string {
  const entry = FAMILIES[family as Family];
  if (!entry) throw new Error(`No learner for the family ${family}`);
  return entry.datasetName;
}

export function learnerOf(family: string): Promise<RunJob> {
  const entry = FAMILIES[family as Family];
  if (!entry) throw new Error(`No learner for the family ${family}`);
  return entry.load();
}
