import type { SchemaObject } from 'ajv';
import { RecipeFamily } from '../../recipes/recipe.enums.js';
import { familyManifest, fraction, positiveInteger } from './common.schema.js';

/** Forecasting: time-ordered validation only, prediction intervals, an output horizon. */
export const forecastingManifestSchema: SchemaObject = {
  $id: 'manifest-forecasting',
  title: 'Forecasting recipe manifest',
  type: 'object',
  allOf: [
    ...familyManifest(RecipeFamily.FORECASTING, ['MAPE', 'RMSE', 'MAE', 'forecast_bias', 'coverage_80'], ['walk_forward', 'time_holdout']),
    {
      type: 'object',
      properties: {
        requirements: { type: 'object', properties: { min_series_length_days: positiveInteger } },
        pipeline: {
          type: 'object',
          properties: {
            evaluation: { type: 'object', properties: { holdout_days: positiveInteger, interval_levels: { type: 'array', items: fraction, minItems: 1 } } },
          },
        },
        deployment: { type: 'object', properties: { output_horizon_days: positiveInteger } },
      },
    },
  ],
};
