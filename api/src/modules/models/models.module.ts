import { ModelResolver, RecipeModelsResolver } from './model.resolver.js';

/** Resolvers of the models feature (registered in platform/schema.ts). */
export const modelResolvers = [ModelResolver, RecipeModelsResolver] as const;
