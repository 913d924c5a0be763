import { manifestResolvers } from '../manifests/manifests.module.js';
import { RecipeResolver, RecipeVersionResolver } from './recipe.resolver.js';

/** Resolvers of the recipes feature, with the manifests feature's (registered in platform/schema.ts). */
export const recipeResolvers = [RecipeResolver, RecipeVersionResolver, ...manifestResolvers] as const;
