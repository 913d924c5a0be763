import type { SchemaObject } from 'ajv';
import { RecipeFamily } from '../../recipes/recipe.enums.js';
import { familyManifest, positiveInteger } from './common.schema.js';

/** Location scoring: an H3 spatial grain and spatially blocked validation (random splits leak neighbours). */
export const locationScoringManifestSchema: SchemaObject = {
  $id: 'manifest-location-scoring',
  title: 'Location scoring recipe manifest',
  type: 'object',
  allOf: [
    ...familyManifest(RecipeFamily.LOCATION_SCORING, ['rank_correlation', 'calibration', 'hit_rate_at_10', 'lift_top_decile', 'geographic_coverage'], ['spatial_block_cv', 'time_holdout']),
    {
      type: 'object',
      properties: {
        requirements: {
          type: 'object',
          properties: {
            grain: {
              type: 'object',
              properties: { spatial_index: { enum: ['h3'] }, h3_resolution: { type: 'integer', minimum: 0, maximum: 15 } },
              required: ['spatial_index', 'h3_resolution'],
            },
            min_training_sites: positiveInteger,
          },
        },
        pipeline: {
          type: 'object',
          properties: {
            deployment: { type: 'object', properties: { score_scale: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 } } },
          },
        },
      },
    },
  ],
};
