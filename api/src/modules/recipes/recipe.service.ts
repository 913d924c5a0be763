import DataLoader from 'dataloader';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createPatch } from 'rfc6902';
import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { assertUnreachable, BadInputError, ConflictError, NotFoundError, ValidationFailedError } from '../../platform/errors.js';
import { containsPattern, countAll, cursorFor, findPage, type PageRequest, type Where } from '../../platform/pagination.js';
import { childrenLoader, getOrNotFound, isUuid, loadRef } from '../../platform/repository.js';
import { namedSort } from '../../platform/sorting.js';
import { recordAudit } from '../audit/audit.service.js';
import { PackAttachment } from '../evaluation/pack-attachment.entity.js';
import { deepMerge } from '../manifests/deep-merge.js';
import { manifestProblems } from '../manifests/manifest.validator.js';
import { Model } from '../models/model.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Recipe } from './recipe.entity.js';
import { RecipeFamily, RecipeLevel, RecipeStatus, VersionBump } from './recipe.enums.js';
import type { CloneRecipeInput, CreateRecipeInput, CreateRecipeVersionInput, RecipeFilter, RecipeOrder } from './recipe.inputs.js';
import { type JsonPatchOperation, type Manifest, RecipeVersion } from './recipe-version.entity.js';

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

/** The level a clone lands on; CLIENT recipes have none. */
const CHILD_LEVEL: Record<RecipeLevel, RecipeLevel | null> = {
  [RecipeLevel.BASELINE]: RecipeLevel.INDUSTRY,
  [RecipeLevel.INDUSTRY]: RecipeLevel.CLIENT,
  [RecipeLevel.CLIENT]: null,
};

/** The status machine: each action moves one status to another; nothing else moves a status. */
const TRANSITIONS = {
  approve: { from: RecipeStatus.DRAFT, to: RecipeStatus.APPROVED },
  archive: { from: RecipeStatus.APPROVED, to: RecipeStatus.ARCHIVED },
  restore: { from: RecipeStatus.ARCHIVED, to: RecipeStatus.DRAFT },
} as const;
export type RecipeTransition = keyof typeof TRANSITIONS;

/** A recipe of the workspace, re-read and row-locked until the transaction ends (NOT_FOUND otherwise). */
async function lockRecipe(em: EntityManager, ctx: Context, id: string, lockMode = LockMode.PESSIMISTIC_WRITE): Promise<Recipe> {
  const recipe = isUuid(id) ? await em.findOne(Recipe, { id, workspace: workspaceOf(ctx) }, { lockMode, refresh: true }) : null;
  if (!recipe) throw new NotFoundError('Recipe', id);
  return recipe;
}

/**
 * For `registerModel`, inside its transaction: the recipe must be APPROVED, and stays so (share lock)
 * until the model is committed.
 */
export async function assertApprovedForModels(em: EntityManager, ctx: Context, recipeId: string): Promise<void> {
  const recipe = await lockRecipe(em, ctx, recipeId, LockMode.PESSIMISTIC_READ);
  if (recipe.status !== RecipeStatus.APPROVED) {
    throw new ConflictError(`Recipe ${recipe.id} is ${recipe.status}; only the versions of an APPROVED recipe can register models`, {
      current: recipe.status,
      requested: RecipeStatus.APPROVED,
    });
  }
}

/**
 * The manifest each version stands for: its recipe's parent's resolved manifest (at the parent version
 * it was cloned from) with the version's own manifest deep-merged over it; a baseline's own manifest.
 */
export function resolvedManifest(ctx: Context, version: RecipeVersion): Promise<Manifest> {
  return ctx.loaders
    .get('resolvedManifest', () => new DataLoader<RecipeVersion, Manifest, string>((versions) => resolveManifests(ctx, versions), { cacheKeyFn: (v) => v.id }))
    .load(version);
}

/**
 * The resolved manifests of a batch: each version's ancestry is walked through the by-id loaders, so
 * every inheritance level costs one batch for all versions (never a query per row).
 */
function resolveManifests(ctx: Context, versions: readonly RecipeVersion[]): Promise<Manifest[]> {
  return Promise.all(versions.map(async (version) => (await ancestry(ctx, version)).reduceRight<Manifest>((resolved, v) => deepMerge(resolved, v.manifest), {})));
}

/** The version, then the parent version its recipe was cloned from, and so on up to the baseline. */
async function ancestry(ctx: Context, version: RecipeVersion): Promise<RecipeVersion[]> {
  const { parentVersionId } = await loadRef(ctx, Recipe, version.recipe);
  if (!parentVersionId) return [version];
  return [version, ...(await ancestry(ctx, await getOrNotFound(ctx, RecipeVersion, parentVersionId, 'RecipeVersion')))];
}

/**
 * Refuses a manifest that does not satisfy the family's schema once resolved: a child's manifest is an
 * overlay, so it is checked merged over the parent version it was cloned from.
 */
async function assertValidManifest(ctx: Context, family: RecipeFamily, parentVersionId: string | undefined, manifest: Manifest, path: string): Promise<void> {
  const base = parentVersionId ? await resolvedManifest(ctx, await getOrNotFound(ctx, RecipeVersion, parentVersionId, 'RecipeVersion')) : undefined;
  const problems = manifestProblems(family, base ? deepMerge(base, manifest) : manifest, path);
  if (problems.length) throw new ValidationFailedError(problems);
}

/** The RFC 6902 patch that turns version `from`'s manifest into version `to`'s (version numbers). */
export async function diffVersions(ctx: Context, recipeId: string, from: string, to: string): Promise<JsonPatchOperation[]> {
  const versions = await recipeVersions(ctx, recipeId);
  const find = (number: string) => {
    const version = versions.find((v) => v.version === number);
    if (!version) throw new NotFoundError('RecipeVersion', `${number} of recipe ${recipeId}`);
    return version;
  };
  return createPatch(find(from).manifest, find(to).manifest) as JsonPatchOperation[];
}

type NewRecipe = Pick<Recipe, 'name' | 'description' | 'family' | 'level'> & Partial<Pick<Recipe, 'parent' | 'parentVersionId'>>;

/** A DRAFT recipe with its first version 1.0.0 and the audit event of `action`, inside `em`'s transaction. */
function insertRecipe(em: EntityManager, ctx: Context, fields: NewRecipe, first: { manifest: Manifest; changeNote: string }, action: string): Recipe {
  const workspace = em.getReference(Workspace, workspaceOf(ctx));
  const recipe = em.create(Recipe, { workspace, ...fields, status: RecipeStatus.DRAFT });
  em.create(RecipeVersion, { workspace, recipe, version: '1.0.0', ...first, author: ctx.caller.actor });
  recordAudit(em, ctx, {
    action,
    subjectType: 'Recipe',
    subjectId: recipe.id,
    after: { status: recipe.status, level: recipe.level, version: '1.0.0', parentId: fields.parent?.id, parentVersionId: fields.parentVersionId },
  });
  return recipe;
}

/** A new BASELINE recipe in DRAFT with its first version 1.0.0 (a full, valid manifest). */
export async function createRecipe(ctx: Context, input: CreateRecipeInput): Promise<Recipe> {
  await assertValidManifest(ctx, input.family, undefined, input.manifest, 'input.manifest');
  return ctx.em.transactional(async (em) =>
    insertRecipe(
      em,
      ctx,
      { name: input.name.trim(), description: input.description, family: input.family, level: RecipeLevel.BASELINE },
      { manifest: input.manifest, changeNote: input.changeNote },
      'recipe.create',
    ),
  );
}

/** The parent version a clone starts from: the one asked for (it must be the parent's) or the latest. */
async function cloneSource(ctx: Context, parent: Recipe, versionId: string | undefined): Promise<RecipeVersion> {
  const version = versionId ? await getOrNotFound(ctx, RecipeVersion, versionId, 'RecipeVersion') : await latestVersion(ctx, parent.id);
  if (!version) throw new ConflictError(`Recipe ${parent.id} has no version to clone`);
  if (version.recipe.id !== parent.id) throw new BadInputError(`RecipeVersion ${version.id} is not a version of recipe ${parent.id}`, { path: 'input.versionId' });
  return version;
}

/**
 * A child recipe one level down (BASELINE → INDUSTRY → CLIENT) in DRAFT, recording its parent and the
 * parent version it was cloned from; its first version 1.0.0 holds the overlay, and it is evaluated by
 * the same pack versions as the parent.
 */
export async function cloneRecipe(ctx: Context, input: CloneRecipeInput): Promise<Recipe> {
  const parent = await getRecipe(ctx, input.recipeId);
  const level = CHILD_LEVEL[parent.level];
  if (!level) throw new ConflictError(`Recipe ${parent.id} is a ${parent.level} recipe; it cannot be cloned (levels: BASELINE → INDUSTRY → CLIENT)`, { level: parent.level });
  const source = await cloneSource(ctx, parent, input.versionId);
  const overlay = input.overlay ?? {};
  await assertValidManifest(ctx, parent.family, source.id, overlay, 'input.overlay');
  return ctx.em.transactional(async (em) => {
    // Shared lock: the parent cannot be deleted while its child is written.
    const locked = await lockRecipe(em, ctx, parent.id, LockMode.PESSIMISTIC_READ);
    const child = insertRecipe(
      em,
      ctx,
      { name: input.name.trim(), description: input.description, family: parent.family, level, parent: locked, parentVersionId: source.id },
      { manifest: overlay, changeNote: `Cloned from ${parent.name} ${source.version}` },
      'recipe.clone',
    );
    for (const attachment of await em.find(PackAttachment, { recipe: parent.id })) {
      em.create(PackAttachment, { workspace: attachment.workspace, recipe: child, packVersion: attachment.packVersion });
    }
    return child;
  });
}

/**
 * An immutable new version: semver bump from the highest existing version, the full manifest and
 * the RFC 6902 patch from the previous version. Concurrent creators serialize on the recipe row.
 */
export async function createRecipeVersion(ctx: Context, input: CreateRecipeVersionInput): Promise<RecipeVersion> {
  const current = await getRecipe(ctx, input.recipeId);
  // Family and parent version never change: the manifest can be checked before the transaction.
  await assertValidManifest(ctx, current.family, current.parentVersionId, input.manifest, 'input.manifest');
  return ctx.em.transactional(async (em) => {
    const recipe = await lockRecipe(em, ctx, input.recipeId);
    if (recipe.status === RecipeStatus.ARCHIVED) {
      throw new ConflictError(`Recipe ${recipe.id} is ARCHIVED; restore it before adding versions`, { current: recipe.status });
    }
    const versions = await em.find(RecipeVersion, { recipe }, { fields: ['id', 'version', 'manifest', 'createdAt'] });
    const previous = versions.sort((a, b) => compareSemver(b.version, a.version))[0];
    const version = em.create(RecipeVersion, {
      workspace: recipe.workspace,
      recipe,
      version: previous ? nextVersion(previous.version, input.bump) : '1.0.0',
      manifest: input.manifest,
      diff: previous ? (createPatch(previous.manifest, input.manifest) as JsonPatchOperation[]) : undefined,
      changeNote: input.changeNote,
      author: ctx.caller.actor,
    });
    recipe.updatedAt = new Date();
    recordAudit(em, ctx, {
      action: 'recipe.version',
      subjectType: 'Recipe',
      subjectId: recipe.id,
      before: { status: recipe.status, version: previous?.version },
      after: { status: recipe.status, version: version.version },
    });
    return version;
  });
}

/** approve: DRAFT → APPROVED, archive: APPROVED → ARCHIVED, restore: ARCHIVED → DRAFT; anything else is CONFLICT. */
export async function transitionRecipe(ctx: Context, id: string, action: RecipeTransition): Promise<Recipe> {
  const { from, to } = TRANSITIONS[action];
  return ctx.em.transactional(async (em) => {
    const recipe = await lockRecipe(em, ctx, id);
    if (recipe.status !== from) {
      throw new ConflictError(`Recipe ${recipe.id} is ${recipe.status}; it cannot become ${to} (${action} moves ${from} → ${to})`, { current: recipe.status, requested: to });
    }
    recipe.status = to;
    recordAudit(em, ctx, { action: `recipe.${action}`, subjectType: 'Recipe', subjectId: recipe.id, before: { status: from }, after: { status: to } });
    return recipe;
  });
}

/** Deletes a recipe without models or children; its versions, pack attachments and example go with it. */
export async function deleteRecipe(ctx: Context, id: string): Promise<string> {
  return ctx.em.transactional(async (em) => {
    const recipe = await lockRecipe(em, ctx, id);
    const models = await em.count(Model, { recipe: recipe.id });
    const children = await em.count(Recipe, { parent: recipe.id });
    if (models || children) {
      throw new ConflictError(`Recipe ${recipe.id} has ${models} model(s) and ${children} child recipe(s); it cannot be deleted`, { models, children });
    }
    recordAudit(em, ctx, { action: 'recipe.delete', subjectType: 'Recipe', subjectId: recipe.id, before: { status: recipe.status, name: recipe.name } });
    // recipe_version, recipe_pack_attachment and synthetic_example rows cascade in the database.
    await em.nativeDelete(Recipe, { id: recipe.id });
    return recipe.id;
  });
}
