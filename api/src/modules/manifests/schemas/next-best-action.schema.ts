import type { SchemaObject } from 'ajv';
import { RecipeFamily } from '../../recipes/recipe.enums.js';
import { familyManifest, fraction, identifier, identifiers, positiveInteger } from './common.schema.js';

/** Next best action: a treatment column for uplift, the actions to choose among, exploration when serving. */
export const nextBestActionManifestSchema: SchemaObject = {
  $id: 'manifest-next-best-action',
  title: 'Next best action recipe manifest',
  type: 'object',
  allOf: [
    ...familyManifest(RecipeFamily.NEXT_BEST_ACTION, ['uplift', 'precision_at_10', 'qini_coefficient', 'incremental_revenue', 'action_distribution'], ['randomized_holdout', 'time_holdout']),
    {
      type: 'object',
      properties: {
        requirements: { type: 'object', properties: { treatment_column: identifier }, required: ['treatment_column'] },
        pipeline: {
          type: 'object',
          properties: {
            training: { type: 'object', properties: { actions: { ...identifiers, minItems: 2 } }, required: ['actions'] },
            deployment: {
              type: 'object',
              properties: {
                exploration: { type: 'object', properties: { policy: identifier, epsilon: fraction }, required: ['policy'] },
                frequency_cap_per_week: positiveInteger,
              },
            },
          },
        },
      },
    },
  ],
};
