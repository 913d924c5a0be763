import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Authorized, Query, Resolver } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { RecipeFamily } from '../recipes/recipe.enums.js';
import { ManifestValidation } from './manifest.types.js';
import { manifestProblems } from './manifest.validator.js';

@Resolver()
export class ManifestResolver {
  @Authorized(Role.VIEWER)
  @Query(() => ManifestValidation, { description: 'Checks a full manifest against the family’s JSON Schema and lists every problem with its path.' })
  validateManifest(@Arg('family', () => RecipeFamily) family: RecipeFamily, @Arg('manifest', () => GraphQLJSON) manifest: unknown): ManifestValidation {
    const problems = manifestProblems(family, manifest, 'manifest');
    return { valid: problems.length === 0, problems };
  }
}
