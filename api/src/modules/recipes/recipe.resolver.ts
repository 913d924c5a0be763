import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import { byIdLoader, loadRef } from '../../platform/repository.js';
import { Recipe } from './recipe.entity.js';
import { CreateRecipeInput, CreateRecipeVersionInput, RecipeFilter, RecipeOrder } from './recipe.inputs.js';
import * as recipes from './recipe.service.js';
import { RecipeVersion } from './recipe-version.entity.js';
import { SyntheticExample } from './synthetic-example.entity.js';
import { childrenLoader } from '../../platform/repository.js';

export const RecipeConnection = Connection(Recipe, 'Recipe');

@Resolver(() => Recipe)
export class RecipeResolver {
  @Query(() => RecipeConnection, { description: 'Recipes of the workspace, keyset-paginated.' })
  recipes(
    @Args() page: PageArgs,
    @Arg('filter', () => RecipeFilter, { nullable: true }) filter: RecipeFilter | undefined,
    @Arg('orderBy', () => RecipeOrder, { nullable: true }) orderBy: RecipeOrder | undefined,
    @Ctx() ctx: Context,
  ) {
    return recipes.listRecipes(ctx, filter, orderBy ?? new RecipeOrder(), page);
  }

  @Query(() => Recipe, { nullable: true, description: 'A recipe by id (null and a NOT_FOUND error if it is not in the workspace).' })
  recipe(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return recipes.getRecipe(ctx, id);
  }

  @Mutation(() => Recipe, { description: 'Creates a BASELINE recipe in DRAFT with version 1.0.0.' })
  createRecipe(@Arg('input', () => CreateRecipeInput) input: CreateRecipeInput, @Ctx() ctx: Context) {
    return recipes.createRecipe(ctx, input);
  }

  @Mutation(() => RecipeVersion, { description: 'Adds an immutable version (semver bump, change note, RFC 6902 diff from the previous one).' })
  createRecipeVersion(@Arg('input', () => CreateRecipeVersionInput) input: CreateRecipeVersionInput, @Ctx() ctx: Context) {
    return recipes.createRecipeVersion(ctx, input);
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
}
