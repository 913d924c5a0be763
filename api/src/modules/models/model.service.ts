import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { dehydrate } from '../../platform/materialize.js';
import { containsPattern, countAll, cursorFor, findPage, type PageRequest, type Where } from '../../platform/pagination.js';
import { childrenLoader, getOrNotFound, isUuid } from '../../platform/repository.js';
import { namedSort } from '../../platform/sorting.js';
import { ArenaEntry } from '../arena/arena-entry.entity.js';
import { recordAudit } from '../audit/audit.service.js';
import { RecipeVersion } from '../recipes/recipe-version.entity.js';
import { Recipe } from '../recipes/recipe.entity.js';
import { assertApprovedForModels } from '../recipes/recipe.service.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Model } from './model.entity.js';
import { MODEL_TRANSITIONS, ModelStatus } from './model.enums.js';
import type { ModelFilter, ModelOrder, RegisterModelInput, TransitionModelInput, UpdateModelInput } from './model.inputs.js';

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

/** Registers a DRAFT model from a version of an APPROVED recipe of the workspace (CONFLICT otherwise). */
export async function registerModel(ctx: Context, input: RegisterModelInput): Promise<Model> {
  const version = await getOrNotFound(ctx, RecipeVersion, input.recipeVersionId, 'RecipeVersion');
  const recipe = await getOrNotFound(ctx, Recipe, version.recipe.id, 'Recipe');
  return ctx.em.transactional((em) => registerModelIn(em, ctx, version, recipe, input));
}

/** `registerModel` inside the caller's transaction (the recipe is locked and must be APPROVED). */
export async function registerModelIn(em: EntityManager, ctx: Context, version: RecipeVersion, recipe: Recipe, fields: { name: string; description: string; owner: string }): Promise<Model> {
  await assertApprovedForModels(em, ctx, recipe.id);
  const model = em.create(Model, {
    workspace: em.getReference(Workspace, workspaceOf(ctx)),
    recipe: em.getReference(Recipe, recipe.id),
    recipeVersion: em.getReference(RecipeVersion, version.id),
    family: recipe.family,
    name: fields.name.trim(),
    description: fields.description,
    owner: fields.owner,
    status: ModelStatus.DRAFT,
  });
  await em.flush();
  return model;
}

/** Outbox event for subscribers of `modelUpdated` (published after commit); flushes first so the payload carries the new version. */
export async function emitModelUpdated(em: EntityManager, model: Model, change: string) {
  await em.flush();
  return emitEvent(em, model.workspace.id, 'MODEL_UPDATED', { modelId: model.id, subjectId: model.id }, { modelId: model.id, change, model: dehydrate(em, Model, model) });
}

/** A model of the workspace, row-locked until the transaction ends (NOT_FOUND otherwise). */
export async function lockModel(em: EntityManager, workspaceId: string, id: string): Promise<Model> {
  const model = isUuid(id) ? await em.findOne(Model, { id, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  if (!model) throw new NotFoundError('Model', id);
  return model;
}

/** Optimistic concurrency: the caller's change must be based on the current version. */
function checkVersion(model: Model, expectedVersion: number): void {
  if (model.version !== expectedVersion) {
    throw new ConflictError(`Model ${model.id} changed since version ${expectedVersion}; it is now at version ${model.version}. Reload it and retry.`, {
      expectedVersion,
      currentVersion: model.version,
    });
  }
}

/**
 * Sets a model's status inside the caller's transaction, with its `model.status` audit event and live
 * event. No transition check: `transitionModel` checks the state machine, promotions move statuses directly.
 */
export async function setModelStatus(em: EntityManager, ctx: Context, model: Model, status: ModelStatus, reason?: string): Promise<void> {
  if (model.status === status) return;
  const before = model.status;
  model.status = status;
  recordAudit(em, ctx, { action: 'model.status', subjectType: 'Model', subjectId: model.id, before: { status: before }, after: { status }, reason });
  await emitModelUpdated(em, model, 'status');
}

/** A model serving in an arena cannot retire by itself: it leaves the arena first (or is replaced by a promotion). */
async function assertNotInArena(em: EntityManager, model: Model, requested: ModelStatus): Promise<void> {
  const entry = await em.findOne(ArenaEntry, { model: model.id }, { populate: ['arena'] });
  if (entry) {
    throw new ConflictError(`Model ${model.id} is the ${entry.role} of arena "${entry.arena.name}"; it cannot become ${requested} until it leaves the arena`, {
      current: model.status,
      requested,
      arenaId: entry.arena.id,
      role: entry.role,
    });
  }
}

export async function transitionModel(ctx: Context, input: TransitionModelInput): Promise<Model> {
  const workspaceId = workspaceOf(ctx);
  return ctx.em.transactional(async (em) => {
    const model = await lockModel(em, workspaceId, input.id);
    checkVersion(model, input.expectedVersion);
    if (!MODEL_TRANSITIONS[model.status].includes(input.status)) {
      throw new ConflictError(`Model ${model.id} is ${model.status}; it cannot become ${input.status}`, { current: model.status, requested: input.status });
    }
    if (input.status === ModelStatus.RETIRED) await assertNotInArena(em, model, input.status);
    await setModelStatus(em, ctx, model, input.status);
    return model;
  });
}

type EditableField = 'name' | 'description' | 'owner';

export async function updateModel(ctx: Context, input: UpdateModelInput): Promise<Model> {
  const workspaceId = workspaceOf(ctx);
  return ctx.em.transactional(async (em) => {
    const model = await lockModel(em, workspaceId, input.id);
    checkVersion(model, input.expectedVersion);
    const requested: Record<EditableField, string | undefined> = { name: input.name?.trim(), description: input.description, owner: input.owner };
    const before: Partial<Record<EditableField, string>> = {};
    const after: Partial<Record<EditableField, string>> = {};
    for (const field of Object.keys(requested) as EditableField[]) {
      const value = requested[field];
      if (value === undefined || value === null || value === model[field]) continue;
      before[field] = model[field];
      after[field] = value;
    }
    if (!Object.keys(after).length) return model;
    Object.assign(model, after);
    recordAudit(em, ctx, { action: 'model.update', subjectType: 'Model', subjectId: model.id, before, after });
    await emitModelUpdated(em, model, 'details');
    return model;
  });
}
