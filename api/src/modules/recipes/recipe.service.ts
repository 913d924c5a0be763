import { LockMode } from '@mikro-orm/core';
import { createPatch } from 'rfc6902';
import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { assertUnreachable, ConflictError } from '../../platform/errors.js';
import { containsPattern, countAll, cursorFor, findPage, type PageRequest, type Where } from '../../platform/pagination.js';
import { childrenLoader, getOrNotFound } from '../../platform/repository.js';
import { namedSort } from '../../platform/sorting.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Recipe } from './recipe.entity.js';
import { RecipeLevel, RecipeStatus, VersionBump } from './recipe.enums.js';
import type { CreateRecipeInput, CreateRecipeVersionInput, RecipeFilter, RecipeOrder } from './recipe.inputs.js';
import { type JsonPatchOperation, RecipeVersion } from './recipe-version.entity.js';

function recipeWhere(workspaceId: string, filter: RecipeFilter | undefined): Where {
  return (qb) => {
    qb.where('t.workspace_id', workspaceId);
    if (filter?.family) qb.where('t.family', filter.family);
    if (filter?.level) qb.where('t.level', filter.level);
    if (filter?.status) qb.where('t.status', filter.status);
    if (filter?.search) qb.whereILike('t.name', containsPattern(filter.search));
  };
}

export function listRecipes(ctx: Context, filter: RecipeFilter | undefined, order: RecipeOrder, page: PageRequest) {
  const workspaceId = workspaceOf(ctx);
  const sort = namedSort(order.field, order.direction);
  const where = recipeWhere(workspaceId, filter);
  return findPage(ctx.em, Recipe, where, sort, page).then((rows) =>
    toConnection(rows, page.first, page.after, cursorFor(sort), () => countAll(ctx.em, Recipe, where)),
  );
}

export function getRecipe(ctx: Context, id: string): Promise<Recipe> {
  return getOrNotFound(ctx, Recipe, id, 'Recipe');
}

/** Versions of a recipe, newest first. */
export function recipeVersions(ctx: Context, recipeId: string): Promise<RecipeVersion[]> {
  return childrenLoader(ctx, RecipeVersion, 'recipe', { createdAt: 'DESC' }).load(recipeId);
}

export async function latestVersion(ctx: Context, recipeId: string): Promise<RecipeVersion | null> {
  return (await recipeVersions(ctx, recipeId))[0] ?? null;
}

export function childRecipes(ctx: Context, recipeId: string): Promise<Recipe[]> {
  return childrenLoader(ctx, Recipe, 'parent', { name: 'ASC' }).load(recipeId);
}

export function nextVersion(current: string, bump: VersionBump): string {
  const [major = 0, minor = 0, patch = 0] = current.split('.').map(Number);
  switch (bump) {
    case VersionBump.MAJOR:
      return `${major + 1}.0.0`;
    case VersionBump.MINOR:
      return `${major}.${minor + 1}.0`;
    case VersionBump.PATCH:
      return `${major}.${minor}.${patch + 1}`;
    default:
      return assertUnreachable(bump);
  }
}

function semverKey(version: string): number[] {
  return version.split('.').map(Number);
}

function compareSemver(a: string, b: string): number {
  const [x, y] = [semverKey(a), semverKey(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** A new BASELINE recipe in DRAFT with its first version 1.0.0, in one transaction. */
export async function createRecipe(ctx: Context, input: CreateRecipeInput): Promise<Recipe> {
  const workspaceId = workspaceOf(ctx);
  return ctx.em.transactional(async (em) => {
    const workspace = em.getReference(Workspace, workspaceId);
    const recipe = em.create(Recipe, {
      workspace,
      name: input.name.trim(),
      description: input.description,
      family: input.family,
      level: RecipeLevel.BASELINE,
      status: RecipeStatus.DRAFT,
    });
    em.create(RecipeVersion, {
      workspace,
      recipe,
      version: '1.0.0',
      manifest: input.manifest,
      changeNote: input.changeNote,
      author: ctx.caller.actor,
    });
    return recipe;
  });
}

/**
 * An immutable new version: semver bump from the highest existing version, the full manifest and
 * the RFC 6902 patch from the previous version. Concurrent creators serialize on the recipe row.
 */
export async function createRecipeVersion(ctx: Context, input: CreateRecipeVersionInput): Promise<RecipeVersion> {
  const workspaceId = workspaceOf(ctx);
  await getRecipe(ctx, input.recipeId);
  return ctx.em.transactional(async (em) => {
    const recipe = await em.findOneOrFail(Recipe, { id: input.recipeId, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (recipe.status === RecipeStatus.ARCHIVED) {
      throw new ConflictError(`Recipe ${recipe.id} is ARCHIVED; restore it before adding versions`, { current: recipe.status });
    }
    const versions = await em.find(RecipeVersion, { recipe }, { fields: ['id', 'version', 'manifest', 'createdAt'] });
    const previous = versions.sort((a, b) => compareSemver(b.version, a.version))[0];
    const version = em.create(RecipeVersion, {
      workspace: em.getReference(Workspace, workspaceId),
      recipe,
      version: previous ? nextVersion(previous.version, input.bump) : '1.0.0',
      manifest: input.manifest,
      diff: previous ? (createPatch(previous.manifest, input.manifest) as JsonPatchOperation[]) : undefined,
      changeNote: input.changeNote,
      author: ctx.caller.actor,
    });
    recipe.updatedAt = new Date();
    return version;
  });
}
