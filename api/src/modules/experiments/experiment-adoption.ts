import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { ConflictError, DomainError } from '../../platform/errors.js';
import { ArenaEntry } from '../arena/arena-entry.entity.js';
import { ArenaRole } from '../arena/arena.enums.js';
import { type LockedArena, lockArena } from '../arena/arena.service.js';
import { challengerFor, decide, promoteIn } from '../arena/promotion.service.js';
import type { Model } from '../models/model.entity.js';
import { ModelStatus } from '../models/model.enums.js';
import { lockModel, setModelStatus } from '../models/model.service.js';
import { AdoptionOutcome } from './experiment.enums.js';
import type { StoredAdoption } from './experiment.types.js';

/** A refusal that names the model it concerns (same code and details, plus `modelId`). */
function refusal(model: { id: string; name?: string }, error: DomainError): DomainError {
  const label = model.name ? `"${model.name}" (${model.id})` : model.id;
  return new DomainError(error.code, `Cannot adopt model ${label}: ${error.message}`, { ...error.details, modelId: model.id });
}

/** A candidate in no arena: STAGING → PRODUCTION by the model lifecycle; PRODUCTION stays; DRAFT and RETIRED are refused. */
async function adoptOutsideArenas(em: EntityManager, ctx: Context, modelId: string, reason: string): Promise<{ model: Model; outcome: AdoptionOutcome }> {
  const model = await lockModel(em, workspaceOf(ctx), modelId);
  switch (model.status) {
    case ModelStatus.PRODUCTION:
      return { model, outcome: AdoptionOutcome.ALREADY_PRODUCTION };
    case ModelStatus.STAGING:
      await setModelStatus(em, ctx, model, ModelStatus.PRODUCTION, reason);
      return { model, outcome: AdoptionOutcome.MOVED_TO_PRODUCTION };
    case ModelStatus.DRAFT:
    case ModelStatus.RETIRED:
      throw refusal(
        model,
        new ConflictError(`it is ${model.status} and in no arena; only a STAGING model can become PRODUCTION (or add it to an arena as a CHALLENGER)`, { current: model.status, requested: ModelStatus.PRODUCTION }),
      );
  }
}

/** A candidate in an arena: a CHALLENGER or SHADOW becomes CHAMPION through the arena's promotion (policy overridden: people decided); the champion stays. */
async function adoptInArena(em: EntityManager, ctx: Context, locked: LockedArena, modelId: string, reason: string): Promise<{ model: Model; outcome: AdoptionOutcome }> {
  const entry = locked.entries.find((e) => e.model.id === modelId);
  if (!entry) throw new ConflictError(`Model ${modelId} left arena "${locked.arena.name}" meanwhile; retry`, { arenaId: locked.arena.id, modelId });
  if (entry.role === ArenaRole.CHAMPION) return { model: entry.model, outcome: AdoptionOutcome.ALREADY_CHAMPION };
  try {
    const challenger = challengerFor(locked, modelId, true);
    const promotion = await promoteIn(em, ctx, locked, challenger, await decide(em, locked, challenger), { override: true, reason, via: 'approval' });
    return { model: promotion.champion, outcome: AdoptionOutcome.PROMOTED_TO_CHAMPION };
  } catch (error) {
    throw error instanceof DomainError ? refusal(entry.model, error) : error;
  }
}

/**
 * Adopts the models of a completed experiment, in order, inside the caller's transaction: each one
 * in an arena becomes its CHAMPION by the arena's promotion (audited `arena.promote`, old champion
 * retired); each one in no arena moves STAGING → PRODUCTION. Two adopted models in the same arena
 * are refused (only one can be its champion). Any refusal throws, naming the model, so the whole
 * completion rolls back. Returns what happened per model and the first adopted model.
 */
export async function adopt(em: EntityManager, ctx: Context, modelIds: readonly string[], reason: string): Promise<{ adoptions: StoredAdoption[]; first: Model | null }> {
  if (!modelIds.length) return { adoptions: [], first: null };
  const workspaceId = workspaceOf(ctx);
  const entries = await em.find(ArenaEntry, { model: { $in: [...modelIds] }, workspace: workspaceId }, { populate: ['arena'] });
  const arenaOf = new Map(entries.map((e) => [e.model.id, e.arena.id]));
  const byArena = new Map<string, string[]>();
  for (const id of modelIds) {
    const arenaId = arenaOf.get(id);
    if (arenaId) byArena.set(arenaId, [...(byArena.get(arenaId) ?? []), id]);
  }
  for (const [arenaId, ids] of byArena) {
    if (ids.length > 1) {
      const name = entries.find((e) => e.arena.id === arenaId)!.arena.name;
      throw new ConflictError(`Cannot adopt models ${ids.join(' and ')}: they are all in arena "${name}", which has one champion; adopt one of them (PARTIAL_ADOPT)`, { arenaId, modelIds: ids });
    }
  }
  // Arenas in a fixed order, so that two completions never wait for each other's locks.
  const locked = new Map<string, LockedArena>();
  for (const arenaId of [...byArena.keys()].sort()) locked.set(arenaId, await lockArena(em, workspaceId, arenaId));

  const adoptions: StoredAdoption[] = [];
  let first: Model | null = null;
  for (const modelId of modelIds) {
    const arenaId = arenaOf.get(modelId) ?? null;
    const { model, outcome } = arenaId ? await adoptInArena(em, ctx, locked.get(arenaId)!, modelId, reason) : await adoptOutsideArenas(em, ctx, modelId, reason);
    first ??= model;
    adoptions.push({ modelId, outcome, arenaId });
  }
  return { adoptions, first };
}
