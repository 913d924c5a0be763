import { RecipeResolver, RecipeVersionResolver } from './recipe.resolver.js';

/** Resolvers of the recipes feature (registered in platform/schema.ts). */
export const recipeResolvers = [RecipeResolver, RecipeVersionResolver] as const;
