import type { SchemaObject } from 'ajv';
import { RecipeFamily } from '../../recipes/recipe.enums.js';
import { forecastingManifestSchema } from './forecasting.schema.js';
import { locationScoringManifestSchema } from './location-scoring.schema.js';
import { nextBestActionManifestSchema } from './next-best-action.schema.js';
import { pricingManifestSchema } from './pricing.schema.js';

export { commonManifestSchema } from './common.schema.js';

/** The manifest JSON Schema of each family: a new family adds its schema here (the type demands one). */
export const manifestSchemas: Record<RecipeFamily, SchemaObject> = {
  [RecipeFamily.FORECASTING]: forecastingManifestSchema,
  [RecipeFamily.PRICING]: pricingManifestSchema,
  [RecipeFamily.NEXT_BEST_ACTION]: nextBestActionManifestSchema,
  [RecipeFamily.LOCATION_SCORING]: locationScoringManifestSchema,
};
