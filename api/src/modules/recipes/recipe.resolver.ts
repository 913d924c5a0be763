import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import { byIdLoader, childrenLoader, loadRef } from '../../platform/repository.js';
import { Recipe } from './recipe.entity.js';
import { CloneRecipeInput, CreateRecipeInput, CreateRecipeVersionInput, RecipeFilter, RecipeOrder } from './recipe.inputs.js';
import * as recipes from './recipe.service.js';
import { JsonPatchOperation, RecipeVersion } from './recipe-version.entity.js';
import { SyntheticExample } from './synthetic-example.entity.js';

export const RecipeConnection = Connection(Recipe, 'Recipe');

@Resolver(() => Recipe)
export class RecipeResolver {
  @Authorized(Role.VIEWER)
  @Query(() => RecipeConnection, { description: 'Recipes of the workspace, keyset-paginated.' })
  recipes(
    @Args() page: PageArgs,
    @Arg('filter', () => RecipeFilter, { nullable: true }) filter: RecipeFilter | undefined,
    @Arg('orderBy', () => RecipeOrder, { nullable: true }) orderBy: RecipeOrder | undefined,
    @Ctx() ctx: Context,
  ) {
    return recipes.listRecipes(ctx, filter, orderBy ?? new RecipeOrder(), page);
  }

  @Authorized(Role.VIEWER)
  @Query(() => Recipe, { nullable: true, description: 'A recipe by id (null and a NOT_FOUND error if it is not in the workspace).' })
  recipe(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return recipes.getRecipe(ctx, id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Recipe, { description: 'Creates a BASELINE recipe in DRAFT with version 1.0.0. The manifest must satisfy the family’s JSON Schema: VALIDATION_FAILED lists every problem with its path.' })
  createRecipe(@Arg('input', () => CreateRecipeInput) input: CreateRecipeInput, @Ctx() ctx: Context) {
    return recipes.createRecipe(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => RecipeVersion, { description: 'Adds an immutable version (semver bump, change note, RFC 6902 diff from the previous one); CONFLICT for an ARCHIVED recipe. A child’s manifest is an overlay, validated once merged over its parent’s.' })
  createRecipeVersion(@Arg('input', () => CreateRecipeVersionInput) input: CreateRecipeVersionInput, @Ctx() ctx: Context) {
    return recipes.createRecipeVersion(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Recipe, { description: 'Clones a BASELINE recipe into an INDUSTRY one, or an INDUSTRY recipe into a CLIENT one (DRAFT, version 1.0.0 = the overlay, same attached packs). Cloning a CLIENT recipe is CONFLICT.' })
  cloneRecipe(@Arg('input', () => CloneRecipeInput) input: CloneRecipeInput, @Ctx() ctx: Context) {
    return recipes.cloneRecipe(ctx, input);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Recipe, { description: 'DRAFT → APPROVED (otherwise CONFLICT). Only an APPROVED recipe’s versions can register models.' })
  approveRecipe(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return recipes.transitionRecipe(ctx, id, 'approve');
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Recipe, { description: 'APPROVED → ARCHIVED (otherwise CONFLICT).' })
  archiveRecipe(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return recipes.transitionRecipe(ctx, id, 'archive');
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Recipe, { description: 'ARCHIVED → DRAFT (otherwise CONFLICT): the only way back from ARCHIVED.' })
  restoreRecipe(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return recipes.transitionRecipe(ctx, id, 'restore');
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a recipe with its versions, pack attachments and example; CONFLICT while it has models or child recipes. Returns the id.' })
  deleteRecipe(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return recipes.deleteRecipe(ctx, id);
  }

  @FieldResolver(() => [JsonPatchOperation], { description: 'The RFC 6902 patch from version `from` to version `to` (version numbers such as `1.0.0`; NOT_FOUND for an unknown one).' })
  diff(@Root() recipe: Recipe, @Arg('from') from: string, @Arg('to') to: string, @Ctx() ctx: Context) {
    return recipes.diffVersions(ctx, recipe.id, from, to);
  }

  @FieldResolver(() => [RecipeVersion], { description: 'All versions, newest first.' })
  versions(@Root() recipe: Recipe, @Ctx() ctx: Context) {
    return recipes.recipeVersions(ctx, recipe.id);
  }

  @FieldResolver(() => RecipeVersion, { nullable: true })
  latestVersion(@Root() recipe: Recipe, @Ctx() ctx: Context) {
    return recipes.latestVersion(ctx, recipe.id);
  }

  @FieldResolver(() => Recipe, { nullable: true, description: 'The recipe this one was cloned from.' })
  async parent(@Root() recipe: Recipe, @Ctx() ctx: Context) {
    return recipe.parent ? ((await byIdLoader(ctx, Recipe).load(recipe.parent.id)) ?? null) : null;
  }

  @FieldResolver(() => RecipeVersion, { nullable: true, description: 'The parent’s version this recipe was cloned from.' })
  async parentVersion(@Root() recipe: Recipe, @Ctx() ctx: Context) {
    return recipe.parentVersionId ? ((await byIdLoader(ctx, RecipeVersion).load(recipe.parentVersionId)) ?? null) : null;
  }

  @FieldResolver(() => [Recipe], { description: 'Recipes cloned from this one.' })
  children(@Root() recipe: Recipe, @Ctx() ctx: Context) {
    return recipes.childRecipes(ctx, recipe.id);
  }

  @FieldResolver(() => SyntheticExample, { nullable: true })
  async syntheticExample(@Root() recipe: Recipe, @Ctx() ctx: Context) {
    return (await childrenLoader(ctx, SyntheticExample, 'recipe', { createdAt: 'DESC' }).load(recipe.id))[0] ?? null;
  }
}

@Resolver(() => RecipeVersion)
export class RecipeVersionResolver {
  @FieldResolver(() => Recipe)
  recipe(@Root() version: RecipeVersion, @Ctx() ctx: Context) {
    return loadRef(ctx, Recipe, version.recipe);
  }

  @FieldResolver(() => GraphQLJSON, { description: 'The parent’s resolved manifest (at the version the recipe was cloned from) deep-merged with this version’s manifest: objects merge, arrays and scalars replace. A baseline’s is its own manifest.' })
  resolvedManifest(@Root() version: RecipeVersion, @Ctx() ctx: Context) {
    return recipes.resolvedManifest(ctx, version);
  }
}
