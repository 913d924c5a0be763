import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import { loadRef } from '../../platform/repository.js';
import { Recipe } from '../recipes/recipe.entity.js';
import { RecipeVersion } from '../recipes/recipe-version.entity.js';
import { Model } from './model.entity.js';
import { ModelFilter, ModelOrder, RegisterModelInput, TransitionModelInput, UpdateModelInput } from './model.inputs.js';
import * as models from './model.service.js';

export const ModelConnection = Connection(Model, 'Model');

@Resolver(() => Model)
export class ModelResolver {
  @Authorized(Role.VIEWER)
  @Query(() => ModelConnection)
  models(
    @Args() page: PageArgs,
    @Arg('filter', () => ModelFilter, { nullable: true }) filter: ModelFilter | undefined,
    @Arg('orderBy', () => ModelOrder, { nullable: true }) orderBy: ModelOrder | undefined,
    @Ctx() ctx: Context,
  ) {
    return models.listModels(ctx, filter, orderBy ?? new ModelOrder(), page);
  }

  @Authorized(Role.VIEWER)
  @Query(() => Model, { nullable: true, description: 'By id (null and a NOT_FOUND error if it is not in the workspace).' })
  model(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return models.getModel(ctx, id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Model, { description: 'Registers a DRAFT model from a version of an APPROVED recipe (CONFLICT otherwise).' })
  registerModel(@Arg('input', () => RegisterModelInput) input: RegisterModelInput, @Ctx() ctx: Context) {
    return models.registerModel(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Model, { description: 'Edits name, description or owner. A stale `expectedVersion` is refused with CONFLICT.' })
  updateModel(@Arg('input', () => UpdateModelInput) input: UpdateModelInput, @Ctx() ctx: Context) {
    return models.updateModel(ctx, input);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Model, {
    description: 'DRAFT → STAGING → PRODUCTION → RETIRED, and STAGING → DRAFT; anything else (or a stale `expectedVersion`) is CONFLICT. A model in an arena cannot retire.',
  })
  transitionModel(@Arg('input', () => TransitionModelInput) input: TransitionModelInput, @Ctx() ctx: Context) {
    return models.transitionModel(ctx, input);
  }

  @FieldResolver(() => Recipe)
  recipe(@Root() model: Model, @Ctx() ctx: Context) {
    return loadRef(ctx, Recipe, model.recipe);
  }

  @FieldResolver(() => RecipeVersion)
  recipeVersion(@Root() model: Model, @Ctx() ctx: Context) {
    return loadRef(ctx, RecipeVersion, model.recipeVersion);
  }
}

@Resolver(() => Recipe)
export class RecipeModelsResolver {
  @FieldResolver(() => [Model], { description: 'Models registered from this recipe.' })
  models(@Root() recipe: Recipe, @Ctx() ctx: Context) {
    return models.modelsOfRecipe(ctx, recipe.id);
  }
}
