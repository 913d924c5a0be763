import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { ConflictError, DomainError, NotFoundError, type Problem, ValidationFailedError } from '../../platform/errors.js';
import { containsPattern, countAll, cursorFor, findPage, type PageRequest, type Where } from '../../platform/pagination.js';
import { childrenLoader, getOrNotFound, isUuid, loadRef } from '../../platform/repository.js';
import { namedSort } from '../../platform/sorting.js';
import { type AuditEntry, recordAudit } from '../audit/audit.service.js';
import { PackAttachment } from '../evaluation/pack-attachment.entity.js';
import { Model } from '../models/model.entity.js';
import { ModelStatus } from '../models/model.enums.js';
import { emitModelUpdated, lockModel } from '../models/model.service.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { ArenaEntry } from './arena-entry.entity.js';
import { Arena } from './arena.entity.js';
import { ArenaRole, SERVING_ROLES } from './arena.enums.js';
import type { AddArenaEntryInput, ArenaFilter, ArenaOrder, CreateArenaInput, PromotionPolicyInput, SetTrafficWeightsInput } from './arena.inputs.js';
import { resolvePromotionPending } from './promotion-alerts.js';
import { defaultPolicy, validatePolicy } from './promotion-policy.js';

/** Serving weights must sum to 1 within this tolerance. */
export const WEIGHT_TOLERANCE = 1e-9;

/** A weight without floating-point noise (0.7 + 0.2 is 0.9, not 0.8999999999999999): 12 significant digits. */
const clean = (weight: number) => Number(weight.toPrecision(12));

/** Merges one entry's traffic into another's (a promotion or a removal). */
export function mergedWeight(a: number, b: number): number {
  return Math.min(1, clean(a + b));
}

/** An arena row-locked for the rest of the transaction, with its entries (models loaded). */
export interface LockedArena {
  arena: Arena;
  entries: ArenaEntry[];
}

// --- reads -----------------------------------------------------------------------------------

function arenaWhere(workspaceId: string, filter: ArenaFilter | undefined): Where {
  return (qb) => {
    qb.where('t.workspace_id', workspaceId);
    if (filter?.family) qb.where('t.family', filter.family);
    if (filter?.search) qb.whereILike('t.name', containsPattern(filter.search));
  };
}

export async function listArenas(ctx: Context, filter: ArenaFilter | undefined, order: ArenaOrder, page: PageRequest) {
  const where = arenaWhere(workspaceOf(ctx), filter);
  const sort = namedSort(order.field, order.direction);
  const rows = await findPage(ctx.em, Arena, where, sort, page);
  return toConnection(rows, page.first, page.after, cursorFor(sort), () => countAll(ctx.em, Arena, where));
}

export function getArena(ctx: Context, id: string) {
  return getOrNotFound(ctx, Arena, id, 'Arena');
}

/** Entries of an arena: champion first, then challengers, then shadows (batched per request). */
export function entriesOfArena(ctx: Context, arenaId: string): Promise<ArenaEntry[]> {
  return childrenLoader(ctx, ArenaEntry, 'arena', { role: 'ASC', createdAt: 'ASC' }).load(arenaId);
}

/** `Model.arenaEntry`: a model is in at most one arena (batched per request). */
export async function entryOfModel(ctx: Context, modelId: string): Promise<ArenaEntry | null> {
  const [entry] = await childrenLoader(ctx, ArenaEntry, 'model', { createdAt: 'ASC' }).load(modelId);
  return entry ?? null;
}

export async function championOfArena(ctx: Context, arenaId: string): Promise<Model> {
  return loadRef(ctx, Model, championOf(await entriesOfArena(ctx, arenaId)).model);
}

// --- rules -----------------------------------------------------------------------------------

export function championOf(entries: ArenaEntry[]): ArenaEntry {
  const champion = entries.find((e) => e.role === ArenaRole.CHAMPION);
  if (!champion) throw new Error('arena without a champion');
  return champion;
}

/** The entry of `modelId` in the arena, or NOT_FOUND. */
export function entryFor({ arena, entries }: LockedArena, modelId: string): ArenaEntry {
  const entry = entries.find((e) => e.model.id === modelId);
  if (!entry) throw new DomainError('NOT_FOUND', `Model ${modelId} is not in arena "${arena.name}"`, { entity: 'ArenaEntry', id: modelId, arenaId: arena.id });
  return entry;
}

const isServing = (e: ArenaEntry) => SERVING_ROLES.includes(e.role);

function servingSum(entries: ArenaEntry[], weightOf = (e: ArenaEntry) => e.trafficWeight): number {
  return clean(entries.filter(isServing).reduce((sum, e) => sum + weightOf(e), 0));
}

/** `{ modelId: weight }` of every entry, for audit events. */
export function weightsOf(entries: ArenaEntry[]): Record<string, number> {
  return Object.fromEntries(entries.map((e) => [e.model.id, e.trafficWeight]));
}

/** The arena's rules (SPEC.md), checked on the entries as they will be after every change. */
function assertArenaInvariants({ arena, entries }: LockedArena): void {
  const champions = entries.filter((e) => e.role === ArenaRole.CHAMPION).length;
  if (champions !== 1) throw new ConflictError(`Arena "${arena.name}" must have exactly one champion; the change would leave ${champions}`, { arenaId: arena.id, champions });
  const sum = servingSum(entries);
  if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
    throw new ConflictError(`The traffic weights of the serving entries of arena "${arena.name}" would sum to ${sum}; they must sum to 1`, { arenaId: arena.id, sum });
  }
  const shadow = entries.find((e) => e.role === ArenaRole.SHADOW && e.trafficWeight !== 0);
  if (shadow) throw new ConflictError(`Shadow ${shadow.model.id} of arena "${arena.name}" must have weight 0: shadows receive copies of the traffic`, { arenaId: arena.id });
  const stranger = entries.find((e) => e.model.family !== arena.family);
  if (stranger) throw new ConflictError(`Model ${stranger.model.id} is ${stranger.model.family}; arena "${arena.name}" holds ${arena.family} models`, { arenaId: arena.id });
}

/** Ends every arena change: checks the rules on the resulting entries, bumps `updatedAt`, records the audit event. */
export function commitArenaChange(em: EntityManager, ctx: Context, locked: LockedArena, audit: Omit<AuditEntry, 'subjectType' | 'subjectId'>): void {
  assertArenaInvariants(locked);
  locked.arena.updatedAt = new Date();
  recordAudit(em, ctx, { ...audit, subjectType: 'Arena', subjectId: locked.arena.id });
}

export async function lockArena(em: EntityManager, workspaceId: string, id: string): Promise<LockedArena> {
  const arena = isUuid(id) ? await em.findOne(Arena, { id, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  if (!arena) throw new NotFoundError('Arena', id);
  const entries = await em.find(ArenaEntry, { arena: arena.id }, { populate: ['model'], orderBy: { createdAt: 'ASC', id: 'ASC' }, refresh: true });
  return { arena, entries };
}

/** Runs `change` in one transaction on the locked arena. */
export function inArena<T>(ctx: Context, arenaId: string, change: (em: EntityManager, locked: LockedArena) => Promise<T>): Promise<T> {
  const workspaceId = workspaceOf(ctx);
  return ctx.em.transactional(async (em) => change(em, await lockArena(em, workspaceId, arenaId)));
}

/** A model joining an arena (locked by the caller): not retired, and in no other arena. */
async function assertCanJoin(em: EntityManager, model: Model): Promise<void> {
  if (model.status === ModelStatus.RETIRED) throw new ConflictError(`Model ${model.id} is RETIRED; it cannot join an arena`, { current: model.status });
  const existing = await em.findOne(ArenaEntry, { model: model.id }, { populate: ['arena'] });
  if (existing) {
    throw new ConflictError(`Model ${model.id} is already the ${existing.role} of arena "${existing.arena.name}"; a model is in at most one arena`, {
      arenaId: existing.arena.id,
      role: existing.role,
    });
  }
}

/** Rules of the metrics the pack versions attached to the model's recipe evaluate. */
async function attachedRules(em: EntityManager, model: Model) {
  const attachments = await em.find(PackAttachment, { recipe: model.recipe.id }, { populate: ['packVersion'], orderBy: { attachedAt: 'ASC', id: 'ASC' } });
  return attachments.flatMap((a) => a.packVersion.rules);
}

// --- writes ----------------------------------------------------------------------------------

export async function createArena(ctx: Context, input: CreateArenaInput): Promise<Arena> {
  const workspaceId = workspaceOf(ctx);
  const requested = input.policy ? validatePolicy(input.policy, 'input.policy') : null;
  const name = input.name.trim();
  try {
    return await ctx.em.transactional(async (em) => {
      const champion = await lockModel(em, workspaceId, input.championModelId);
      await assertCanJoin(em, champion);
      const policy = requested ?? defaultPolicy(champion.family, await attachedRules(em, champion));
      const workspace = em.getReference(Workspace, workspaceId);
      const arena = em.create(Arena, { workspace, name, description: input.description, family: champion.family, policy });
      const entry = em.create(ArenaEntry, { workspace, arena, model: champion, role: ArenaRole.CHAMPION, trafficWeight: 1 });
      commitArenaChange(em, ctx, { arena, entries: [entry] }, { action: 'arena.create', after: { name, family: arena.family, champion: champion.id, policy } });
      await emitModelUpdated(em, champion, 'arena.role');
      return arena;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`An arena named "${name}" already exists`, { name });
    throw error;
  }
}

export function addArenaEntry(ctx: Context, input: AddArenaEntryInput): Promise<Arena> {
  return inArena(ctx, input.arenaId, async (em, locked) => {
    const { arena } = locked;
    const model = await lockModel(em, arena.workspace.id, input.modelId);
    if (model.family !== arena.family) {
      throw new ValidationFailedError([{ path: 'input.modelId', message: `model ${model.id} is ${model.family}; arena "${arena.name}" holds ${arena.family} models` }]);
    }
    await assertCanJoin(em, model);
    const entry = em.create(ArenaEntry, { workspace: arena.workspace, arena, model, role: input.role, trafficWeight: 0 });
    commitArenaChange(em, ctx, { arena, entries: [...locked.entries, entry] }, { action: 'arena.entry.add', after: { model: model.id, role: entry.role, trafficWeight: 0 } });
    await emitModelUpdated(em, model, 'arena.role');
    return arena;
  });
}

export function setTrafficWeights(ctx: Context, input: SetTrafficWeightsInput): Promise<Arena> {
  return inArena(ctx, input.arenaId, async (em, locked) => {
    const problems: Problem[] = [];
    const requested = new Map<ArenaEntry, number>();
    input.weights.forEach((w, i) => {
      const entry = locked.entries.find((e) => e.model.id === w.modelId);
      const path = `input.weights[${i}]`;
      if (!entry) problems.push({ path: `${path}.modelId`, message: `model ${w.modelId} is not in arena "${locked.arena.name}"` });
      else if (requested.has(entry)) problems.push({ path: `${path}.modelId`, message: `model ${w.modelId} is listed twice` });
      else if (!isServing(entry) && w.weight !== 0) problems.push({ path: `${path}.weight`, message: `model ${w.modelId} is a SHADOW: shadows receive copies of the traffic and weigh 0` });
      if (entry) requested.set(entry, w.weight);
    });
    const sum = servingSum(locked.entries, (e) => requested.get(e) ?? e.trafficWeight);
    if (!problems.length && Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
      problems.push({ path: 'input.weights', message: `the serving weights (champion and challengers) would sum to ${sum}; they must sum to 1` });
    }
    if (problems.length) throw new ValidationFailedError(problems);
    const before = weightsOf(locked.entries);
    for (const [entry, weight] of requested) entry.trafficWeight = weight;
    commitArenaChange(em, ctx, locked, { action: 'arena.weights', before: { weights: before }, after: { weights: weightsOf(locked.entries) } });
    return locked.arena;
  });
}

/** Removes a challenger or shadow; its traffic weight returns to the champion. */
export function removeArenaEntry(ctx: Context, arenaId: string, modelId: string): Promise<Arena> {
  return inArena(ctx, arenaId, async (em, locked) => {
    const entry = entryFor(locked, modelId);
    if (entry.role === ArenaRole.CHAMPION) {
      throw new ConflictError(`Model ${modelId} is the CHAMPION of arena "${locked.arena.name}"; it leaves only when a challenger is promoted`, { role: entry.role });
    }
    const champion = championOf(locked.entries);
    champion.trafficWeight = mergedWeight(champion.trafficWeight, entry.trafficWeight);
    em.remove(entry);
    const remaining = { arena: locked.arena, entries: locked.entries.filter((e) => e !== entry) };
    commitArenaChange(em, ctx, remaining, {
      action: 'arena.entry.remove',
      before: { model: modelId, role: entry.role, weights: weightsOf(locked.entries) },
      after: { weights: weightsOf(remaining.entries) },
    });
    if (entry.pendingSince) await resolvePromotionPending(em, ctx, locked.arena, modelId, 'The challenger was removed from the arena');
    await emitModelUpdated(em, entry.model, 'arena.role');
    return locked.arena;
  });
}

export function updatePromotionPolicy(ctx: Context, arenaId: string, input: PromotionPolicyInput): Promise<Arena> {
  const policy = validatePolicy(input, 'policy');
  return inArena(ctx, arenaId, async (em, locked) => {
    const before = locked.arena.policy;
    locked.arena.policy = policy;
    commitArenaChange(em, ctx, locked, { action: 'arena.policy', before: { policy: before }, after: { policy } });
    return locked.arena;
  });
}
