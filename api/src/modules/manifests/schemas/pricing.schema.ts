import type { SchemaObject } from 'ajv';
import { RecipeFamily } from '../../recipes/recipe.enums.js';
import { familyManifest, fraction, positiveInteger } from './common.schema.js';

/** Pricing: enough price variation to learn from, elasticity bounds, and guardrails on every deployment. */
export const pricingManifestSchema: SchemaObject = {
  $id: 'manifest-pricing',
  title: 'Pricing recipe manifest',
  type: 'object',
  allOf: [
    ...familyManifest(RecipeFamily.PRICING, ['revenue_lift', 'margin_impact', 'elasticity_accuracy', 'calibration', 'constraint_violations'], ['time_holdout', 'walk_forward']),
    {
      type: 'object',
      properties: {
        requirements: { type: 'object', properties: { min_price_changes_per_sku: positiveInteger } },
        pipeline: {
          type: 'object',
          properties: {
            training: {
              type: 'object',
              properties: { elasticity_bounds: { type: 'array', items: { type: 'number', maximum: 0 }, minItems: 2, maxItems: 2 } },
            },
            deployment: {
              type: 'object',
              properties: {
                guardrails: {
                  type: 'object',
                  properties: { max_price_change_pct: fraction, min_margin_pct: fraction, price_endings: { type: 'array', items: fraction } },
                  required: ['max_price_change_pct', 'min_margin_pct'],
                },
              },
              required: ['guardrails'],
            },
          },
        },
      },
    },
  ],
};
