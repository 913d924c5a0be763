import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../platform/context.js';
import { ConflictError, ValidationFailedError } from '../../platform/errors.js';
import { EvaluationStatus } from '../evaluation/evaluation.enums.js';
import type { Model } from '../models/model.entity.js';
import { ModelStatus } from '../models/model.enums.js';
import { emitModelUpdated, lockModel, setModelStatus } from '../models/model.service.js';
import type { MetricValue } from '../runs/key-value.types.js';
import { Run } from '../runs/run.entity.js';
import { RunStatus } from '../runs/run.enums.js';
import type { ArenaEntry } from './arena-entry.entity.js';
import { ArenaRole } from './arena.enums.js';
import type { PromoteInput } from './arena.inputs.js';
import { championOf, commitArenaChange, entriesOfArena, entryFor, getArena, inArena, type LockedArena, mergedWeight, weightsOf } from './arena.service.js';
import { raisePromotionPending, resolvePromotionPending } from './promotion-alerts.js';
import { decidePromotion, type Standing, unmetReasons } from './promotion-policy.js';
import type { PromotionDecision } from './promotion-policy.types.js';
import type { Promotion } from './promotion.types.js';

const STATUS_RANK = [EvaluationStatus.PASS, EvaluationStatus.WARN, EvaluationStatus.FAIL];

/** Each model's latest SUCCEEDED run (final metrics) and the worst status of that run's evaluation results: two statements. */
async function standings(em: EntityManager, workspaceId: string, modelIds: string[]): Promise<Map<string, Standing>> {
  const knex = em.getKnex();
  const runs = (await em.execute(
    knex
      .select('id', 'model_id', 'metrics')
      .from('run')
      .distinctOn('model_id')
      .where({ workspace_id: workspaceId, status: RunStatus.SUCCEEDED })
      .whereIn('model_id', modelIds)
      .orderBy([{ column: 'model_id' }, { column: 'finished_at', order: 'desc', nulls: 'last' }, { column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]),
  )) as { id: string; model_id: string; metrics: MetricValue[] }[];
  const results = runs.length
    ? ((await em.execute(knex.select('run_id', 'status').from('evaluation_result').whereIn('run_id', runs.map((r) => r.id)))) as { run_id: string; status: EvaluationStatus }[])
    : [];
  const worst = new Map<string, EvaluationStatus>();
  for (const r of results) {
    const current = worst.get(r.run_id);
    if (!current || STATUS_RANK.indexOf(r.status) > STATUS_RANK.indexOf(current)) worst.set(r.run_id, r.status);
  }
  return new Map(
    modelIds.map((id) => {
      const run = runs.find((r) => r.model_id === id);
      return [id, { runId: run?.id ?? null, metrics: new Map((run?.metrics ?? []).map((m) => [m.key, m.value])), latestStatus: run ? (worst.get(run.id) ?? null) : null }];
    }),
  );
}

export async function decide(em: EntityManager, { arena, entries }: LockedArena, challenger: ArenaEntry): Promise<PromotionDecision> {
  const championId = championOf(entries).model.id;
  const challengerId = challenger.model.id;
  const byModel = await standings(em, arena.workspace.id, [championId, challengerId]);
  return decidePromotion(arena.policy, byModel.get(championId)!, byModel.get(challengerId)!);
}

/** The CHALLENGER entry of `modelId` (NOT_FOUND when not in the arena, CONFLICT for the champion or a shadow). */
export function challengerFor(locked: LockedArena, modelId: string, allowShadow = false): ArenaEntry {
  const entry = entryFor(locked, modelId);
  if (entry.role === ArenaRole.CHALLENGER || (allowShadow && entry.role === ArenaRole.SHADOW)) return entry;
  throw new ConflictError(`Model ${modelId} is the ${entry.role} of arena "${locked.arena.name}"; only a CHALLENGER can be promoted`, { role: entry.role });
}

function pendingFor(locked: LockedArena, modelId: string): ArenaEntry {
  const entry = challengerFor(locked, modelId);
  if (!entry.pendingSince) throw new ConflictError(`No promotion of model ${modelId} is pending in arena "${locked.arena.name}"`, { arenaId: locked.arena.id });
  return entry;
}

function clearPending(entry: ArenaEntry): void {
  entry.pendingRun = null;
  entry.pendingSince = null;
}

const MAX_REASON = 5000;

/** The trimmed reason; `requiredTo` names what needs one (overriding the policy, rejecting). Stored in the audit event. */
function reasonOf(reason: string | null | undefined, path: string, requiredTo: string | null): string | undefined {
  const trimmed = reason?.trim() || undefined;
  if (requiredTo && !trimmed) throw new ValidationFailedError([{ path, message: `a reason is required to ${requiredTo}` }]);
  if (trimmed && trimmed.length > MAX_REASON) throw new ValidationFailedError([{ path, message: `must be at most ${MAX_REASON} characters` }]);
  return trimmed;
}

const OVERRIDE = 'override the promotion policy';

/** Status change of a promotion; when the status already matches, subscribers still learn of the role change. */
async function moveModel(em: EntityManager, ctx: Context, model: Model, status: ModelStatus, reason: string | undefined): Promise<void> {
  if (model.status === status) await emitModelUpdated(em, model, 'arena.role');
  else await setModelStatus(em, ctx, model, status, reason);
}

export interface PromoteOptions {
  override: boolean;
  reason?: string;
  via: 'promote' | 'approval' | 'auto-promotion';
}

/**
 * Applies the policy (unless overridden) and swaps roles inside the caller's transaction: the challenger
 * becomes CHAMPION with the old champion's weight added to its own and turns PRODUCTION; the old
 * champion leaves the arena and is RETIRED.
 */
export async function promoteIn(em: EntityManager, ctx: Context, locked: LockedArena, challenger: ArenaEntry, decision: PromotionDecision, options: PromoteOptions): Promise<Promotion> {
  const { arena, entries } = locked;
  if (!decision.promote && !options.override) {
    const unmet = unmetReasons(decision);
    throw new ConflictError(`Model ${challenger.model.id} does not meet the promotion policy of arena "${arena.name}": ${unmet.join('; ')}. An approver can force it with override and a reason.`, { unmet });
  }
  const old = championOf(entries);
  const retired = await lockModel(em, arena.workspace.id, old.model.id);
  const champion = await lockModel(em, arena.workspace.id, challenger.model.id);
  const before = { champion: retired.id, challenger: champion.id, weights: weightsOf(entries) };
  em.remove(old);
  await em.flush(); // one champion at a time (unique index)
  challenger.role = ArenaRole.CHAMPION;
  challenger.trafficWeight = mergedWeight(challenger.trafficWeight, old.trafficWeight);
  clearPending(challenger);
  const remaining = { arena, entries: entries.filter((e) => e !== old) };
  const overridden = !decision.promote;
  commitArenaChange(em, ctx, remaining, {
    action: 'arena.promote',
    before,
    after: { champion: champion.id, retired: retired.id, weights: weightsOf(remaining.entries), policyMet: decision.promote, overridden, via: options.via },
    reason: options.reason,
  });
  await resolvePromotionPending(em, ctx, arena, champion.id, options.reason ?? `Promoted (${options.via})`);
  await moveModel(em, ctx, retired, ModelStatus.RETIRED, options.reason);
  await moveModel(em, ctx, champion, ModelStatus.PRODUCTION, options.reason);
  return { arena, champion, retired, decision, overridden };
}

/** Remembers that a challenger waits for a person's decision, and raises PROMOTION_PENDING. */
export async function markPromotionPending(em: EntityManager, ctx: Context, locked: LockedArena, challenger: ArenaEntry, run: Run, decision: PromotionDecision): Promise<void> {
  const now = new Date();
  challenger.pendingRun = em.getReference(Run, run.id);
  challenger.pendingSince ??= now;
  commitArenaChange(em, ctx, locked, { action: 'arena.promotion.pending', after: { challenger: challenger.model.id, run: run.id, trigger: run.trigger, policyMet: decision.promote } });
  await raisePromotionPending(em, locked.arena, challenger.model, run, decision, now);
}

// --- API -------------------------------------------------------------------------------------

export async function evaluatePromotion(ctx: Context, arenaId: string, challengerId: string): Promise<PromotionDecision> {
  const arena = await getArena(ctx, arenaId);
  const locked = { arena, entries: await entriesOfArena(ctx, arena.id) };
  return decide(ctx.em, locked, challengerFor(locked, challengerId, true));
}

export function promote(ctx: Context, input: PromoteInput): Promise<Promotion> {
  const reason = reasonOf(input.reason, 'input.reason', input.override ? OVERRIDE : null);
  return inArena(ctx, input.arenaId, async (em, locked) => {
    const challenger = challengerFor(locked, input.challengerId);
    return promoteIn(em, ctx, locked, challenger, await decide(em, locked, challenger), { override: input.override, reason, via: 'promote' });
  });
}

/** Promotes a challenger whose promotion is pending (whatever its run's trigger), still under the policy or an override. */
export function approvePromotion(ctx: Context, arenaId: string, challengerId: string, override: boolean, reason: string | null | undefined): Promise<Promotion> {
  const why = reasonOf(reason, 'reason', override ? OVERRIDE : null);
  return inArena(ctx, arenaId, async (em, locked) => {
    const challenger = pendingFor(locked, challengerId);
    return promoteIn(em, ctx, locked, challenger, await decide(em, locked, challenger), { override, reason: why, via: 'approval' });
  });
}

/** Declines a pending promotion: the model stays a challenger, the alert is resolved. */
export function rejectPromotion(ctx: Context, arenaId: string, challengerId: string, reason: string) {
  const why = reasonOf(reason, 'reason', 'reject a promotion')!;
  return inArena(ctx, arenaId, async (em, locked) => {
    const challenger = pendingFor(locked, challengerId);
    const before = { challenger: challengerId, pendingRun: challenger.pendingRun?.id, pendingSince: challenger.pendingSince?.toISOString() };
    clearPending(challenger);
    commitArenaChange(em, ctx, locked, { action: 'arena.promotion.reject', before, after: { challenger: challengerId, pending: false }, reason: why });
    await resolvePromotionPending(em, ctx, locked.arena, challengerId, why);
    return locked.arena;
  });
}
