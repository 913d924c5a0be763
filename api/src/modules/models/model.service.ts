import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { containsPattern, countAll, cursorFor, findPage, type PageRequest, type Where } from '../../platform/pagination.js';
import { childrenLoader, getOrNotFound, isUuid } from '../../platform/repository.js';
import { namedSort } from '../../platform/sorting.js';
import { RecipeVersion } from '../recipes/recipe-version.entity.js';
import { Recipe } from '../recipes/recipe.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Model } from './model.entity.js';
import { ModelStatus } from './model.enums.js';
import type { ModelFilter, ModelOrder, RegisterModelInput } from './model.inputs.js';

function modelWhere(workspaceId: string, filter: ModelFilter | undefined): Where {
  return (qb) => {
    qb.where('t.workspace_id', workspaceId);
    if (filter?.family) qb.where('t.family', filter.family);
    if (filter?.status) qb.where('t.status', filter.status);
    if (filter?.recipeId) {
      if (isUuid(filter.recipeId)) qb.where('t.recipe_id', filter.recipeId);
      else qb.whereRaw('false');
    }
    if (filter?.search) qb.whereILike('t.name', containsPattern(filter.search));
  };
}

export async function listModels(ctx: Context, filter: ModelFilter | undefined, order: ModelOrder, page: PageRequest) {
  const where = modelWhere(workspaceOf(ctx), filter);
  const sort = namedSort(order.field, order.direction);
  const rows = await findPage(ctx.em, Model, where, sort, page);
  return toConnection(rows, page.first, page.after, cursorFor(sort), () => countAll(ctx.em, Model, where));
}

export function getModel(ctx: Context, id: string) {
  return getOrNotFound(ctx, Model, id, 'Model');
}

export function modelsOfRecipe(ctx: Context, recipeId: string) {
  return childrenLoader(ctx, Model, 'recipe', { name: 'ASC' }).load(recipeId);
}

/** Registers a DRAFT model from a recipe version of the workspace. */
export async function registerModel(ctx: Context, input: RegisterModelInput): Promise<Model> {
  const workspaceId = workspaceOf(ctx);
  const version = await getOrNotFound(ctx, RecipeVersion, input.recipeVersionId, 'RecipeVersion');
  const recipe = await getOrNotFound(ctx, Recipe, version.recipe.id, 'Recipe');
  return ctx.em.transactional(async (em) => {
    return em.create(Model, {
      workspace: em.getReference(Workspace, workspaceId),
      recipe: em.getReference(Recipe, recipe.id),
      recipeVersion: em.getReference(RecipeVersion, version.id),
      family: recipe.family,
      name: input.name.trim(),
      description: input.description,
      owner: input.owner,
      status: ModelStatus.DRAFT,
    });
  });
}
