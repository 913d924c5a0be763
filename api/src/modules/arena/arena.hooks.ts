import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { assertUnreachable } from '../../platform/errors.js';
import type { EvaluationResult } from '../evaluation/evaluation-result.entity.js';
import type { Model } from '../models/model.entity.js';
import type { Run } from '../runs/run.entity.js';
import { RunTrigger } from '../runs/run.enums.js';
import { RetrainingOutcome } from '../schedules/schedule.enums.js';
import { ArenaEntry } from './arena-entry.entity.js';
import { ArenaRole } from './arena.enums.js';
import { lockArena } from './arena.service.js';
import { decide, markPromotionPending, promoteIn } from './promotion.service.js';

/** The actor of the audit events the hook writes. */
export const AUTO_PROMOTION_ACTOR = 'system:auto-promotion';

/** What a succeeded challenger run leads to (SPEC.md): scheduled and manual retrains may auto-promote; drift-triggered ones wait for a person. */
function reactionTo(trigger: RunTrigger): 'auto-promote' | 'ask' | null {
  switch (trigger) {
    case RunTrigger.SCHEDULED:
    case RunTrigger.MANUAL:
      return 'auto-promote';
    case RunTrigger.DRIFT:
    case RunTrigger.DEGRADATION:
      return 'ask';
    case RunTrigger.API:
      return null;
    default:
      return assertUnreachable(trigger);
  }
}

/**
 * A run of `model` succeeded and was evaluated (inside updateRunStatus's transaction). When the model
 * is a CHALLENGER: auto-promote it if the trigger allows and the policy is met, or mark the promotion
 * pending and raise PROMOTION_PENDING for drift- and degradation-triggered runs.
 */
export async function onRunSucceeded(em: EntityManager, ctx: Context, run: Run, model: Model, _results: EvaluationResult[]): Promise<ArenaReaction> {
  const reaction = reactionTo(run.trigger);
  if (!reaction) return { outcome: RetrainingOutcome.NOT_A_CHALLENGER, detail: `${run.trigger} runs never promote automatically` };
  const entry = await em.findOne(ArenaEntry, { model: model.id, role: ArenaRole.CHALLENGER });
  if (!entry) return { outcome: RetrainingOutcome.NOT_A_CHALLENGER, detail: 'The model is not a challenger in an arena' };
  const locked = await lockArena(em, workspaceOf(ctx), entry.arena.id);
  const challenger = locked.entries.find((e) => e.model.id === model.id && e.role === ArenaRole.CHALLENGER);
  // Promoted or removed while we waited for the lock.
  if (!challenger) return { outcome: RetrainingOutcome.NOT_A_CHALLENGER, detail: 'The model left the challengers meanwhile' };
  const system: Context = { ...ctx, caller: { ...ctx.caller, actor: AUTO_PROMOTION_ACTOR } };
  const decision = await decide(em, locked, challenger);
  if (reaction === 'ask') {
    await markPromotionPending(em, system, locked, challenger, run, decision);
    return { outcome: RetrainingOutcome.AWAITING_APPROVAL, detail: `${run.trigger} run: PROMOTION_PENDING raised for an approver` };
  }
  if (decision.promote) {
    await promoteIn(em, system, locked, challenger, decision, { override: false, via: 'auto-promotion' });
    return { outcome: RetrainingOutcome.PROMOTED, detail: `Promoted to champion of ${locked.arena.name}` };
  }
  return { outcome: RetrainingOutcome.POLICY_NOT_MET, detail: decision.reasons.join('; ') };
}

/** What the arena made of a succeeded run (recorded on the model's retraining event). */
export interface ArenaReaction {
  outcome: RetrainingOutcome;
  detail: string;
}
