import { ModelResolver, RecipeModelsResolver } from './model.resolver.js';
import { ModelSubscriptionResolver } from './model.subscriptions.js';

/** Resolvers of the models feature (registered in platform/schema.ts). */
export const modelResolvers = [ModelResolver, RecipeModelsResolver, ModelSubscriptionResolver] as const;
