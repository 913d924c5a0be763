import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import { byIdLoader, loadRef } from '../../platform/repository.js';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { ArenaEntry } from './arena-entry.entity.js';
import { Arena } from './arena.entity.js';
import { AddArenaEntryInput, ArenaFilter, ArenaOrder, CreateArenaInput, PromoteInput, PromotionPolicyInput, SetTrafficWeightsInput } from './arena.inputs.js';
import * as arenas from './arena.service.js';
import { PromotionDecision } from './promotion-policy.types.js';
import * as promotions from './promotion.service.js';
import { Promotion } from './promotion.types.js';

export const ArenaConnection = Connection(Arena, 'Arena');

@Resolver(() => Arena)
export class ArenaResolver {
  @Authorized(Role.VIEWER)
  @Query(() => ArenaConnection)
  arenas(
    @Args() page: PageArgs,
    @Arg('filter', () => ArenaFilter, { nullable: true }) filter: ArenaFilter | undefined,
    @Arg('orderBy', () => ArenaOrder, { nullable: true }) orderBy: ArenaOrder | undefined,
    @Ctx() ctx: Context,
  ) {
    return arenas.listArenas(ctx, filter, orderBy ?? new ArenaOrder(), page);
  }

  @Authorized(Role.VIEWER)
  @Query(() => Arena, { nullable: true, description: 'By id (null and a NOT_FOUND error if it is not in the workspace).' })
  arena(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return arenas.getArena(ctx, id);
  }

  @Authorized(Role.VIEWER)
  @Query(() => PromotionDecision, { description: "Whether a challenger (or shadow) meets the arena's promotion policy, metric by metric, from each model's latest succeeded run." })
  evaluatePromotion(@Arg('arenaId', () => ID) arenaId: string, @Arg('challengerId', () => ID) challengerId: string, @Ctx() ctx: Context) {
    return promotions.evaluatePromotion(ctx, arenaId, challengerId);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Arena, { description: 'A new arena with the given model as its champion (weight 1); the policy defaults to the family’s.' })
  createArena(@Arg('input', () => CreateArenaInput) input: CreateArenaInput, @Ctx() ctx: Context) {
    return arenas.createArena(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Arena, { description: 'Adds a CHALLENGER or SHADOW of the arena’s family with weight 0. A model is in at most one arena.' })
  addArenaEntry(@Arg('input', () => AddArenaEntryInput) input: AddArenaEntryInput, @Ctx() ctx: Context) {
    return arenas.addArenaEntry(ctx, input);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Arena, { description: 'Sets traffic weights; the champion’s and challengers’ weights must then sum to 1 (shadows weigh 0).' })
  setTrafficWeights(@Arg('input', () => SetTrafficWeightsInput) input: SetTrafficWeightsInput, @Ctx() ctx: Context) {
    return arenas.setTrafficWeights(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Arena, { description: 'Removes a challenger or shadow (not the champion); its weight returns to the champion.' })
  removeArenaEntry(@Arg('arenaId', () => ID) arenaId: string, @Arg('modelId', () => ID) modelId: string, @Ctx() ctx: Context) {
    return arenas.removeArenaEntry(ctx, arenaId, modelId);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Arena)
  updatePromotionPolicy(@Arg('arenaId', () => ID) arenaId: string, @Arg('policy', () => PromotionPolicyInput) policy: PromotionPolicyInput, @Ctx() ctx: Context) {
    return arenas.updatePromotionPolicy(ctx, arenaId, policy);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Promotion, {
    description: 'Makes a challenger the champion when the policy is met (CONFLICT listing the unmet criteria otherwise, unless `override` with a reason). The old champion is retired.',
  })
  promote(@Arg('input', () => PromoteInput) input: PromoteInput, @Ctx() ctx: Context) {
    return promotions.promote(ctx, input);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Promotion, { description: 'Approves a pending promotion (raised by a drift- or degradation-triggered run): promotes under the policy, or with `override` and a reason.' })
  approvePromotion(
    @Arg('arenaId', () => ID) arenaId: string,
    @Arg('challengerId', () => ID) challengerId: string,
    @Arg('override', { defaultValue: false }) override: boolean,
    @Arg('reason', () => String, { nullable: true }) reason: string | null | undefined,
    @Ctx() ctx: Context,
  ) {
    return promotions.approvePromotion(ctx, arenaId, challengerId, override, reason);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Arena, { description: 'Declines a pending promotion: the model stays a challenger and the PROMOTION_PENDING alert is resolved.' })
  rejectPromotion(@Arg('arenaId', () => ID) arenaId: string, @Arg('challengerId', () => ID) challengerId: string, @Arg('reason') reason: string, @Ctx() ctx: Context) {
    return promotions.rejectPromotion(ctx, arenaId, challengerId, reason);
  }

  @FieldResolver(() => [ArenaEntry], { description: 'Champion first, then challengers, then shadows.' })
  entries(@Root() arena: Arena, @Ctx() ctx: Context) {
    return arenas.entriesOfArena(ctx, arena.id);
  }

  @FieldResolver(() => Model)
  champion(@Root() arena: Arena, @Ctx() ctx: Context) {
    return arenas.championOfArena(ctx, arena.id);
  }
}

@Resolver(() => ArenaEntry)
export class ArenaEntryResolver {
  @FieldResolver(() => Model)
  model(@Root() entry: ArenaEntry, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, entry.model);
  }

  @FieldResolver(() => Arena)
  arena(@Root() entry: ArenaEntry, @Ctx() ctx: Context) {
    return loadRef(ctx, Arena, entry.arena);
  }

  @FieldResolver(() => Run, { nullable: true, description: 'The drift- or degradation-triggered run whose promotion waits for approval.' })
  async pendingRun(@Root() entry: ArenaEntry, @Ctx() ctx: Context) {
    return entry.pendingRun ? ((await byIdLoader(ctx, Run).load(entry.pendingRun.id)) ?? null) : null;
  }
}

@Resolver(() => Model)
export class ModelArenaResolver {
  @FieldResolver(() => ArenaEntry, { nullable: true, description: 'The model’s place in its arena (null when it is in none).' })
  arenaEntry(@Root() model: Model, @Ctx() ctx: Context) {
    return arenas.entryOfModel(ctx, model.id);
  }
}
