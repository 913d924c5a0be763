import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { IsOptional, Max, Min } from 'class-validator';
import type { Context } from '../../platform/context.js';
import { loadRef } from '../../platform/repository.js';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { RetrainingEvent, Schedule } from './schedule.entity.js';
import { ScheduleKind } from './schedule.enums.js';
import * as schedules from './schedule.service.js';

@ArgsType()
class ScheduleFilterArgs {
  @Field(() => ID, { nullable: true })
  modelId?: string;

  @Field(() => ScheduleKind, { nullable: true })
  kind?: ScheduleKind;

  @Field({ nullable: true })
  @IsOptional()
  paused?: boolean;
}

@Resolver(() => Schedule)
export class ScheduleResolver {
  @Authorized(Role.VIEWER)
  @Query(() => [Schedule], { description: "The workspace's schedules, soonest first: backtests of production forecasting models, retrains per the manifest's `deployment.schedule`." })
  schedules(@Args() filter: ScheduleFilterArgs, @Ctx() ctx: Context) {
    return schedules.listSchedules(ctx, filter);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Schedule, { description: 'Stops a schedule from queueing runs (CONFLICT when already paused).' })
  pauseSchedule(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return schedules.setSchedulePaused(ctx, id, true);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Schedule, { description: 'Resumes a paused schedule from its next slot after now (CONFLICT when not paused).' })
  resumeSchedule(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return schedules.setSchedulePaused(ctx, id, false);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Run, { description: "Queues the schedule's run now (trigger SCHEDULED); the next slot stays as it is." })
  runScheduleNow(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return schedules.runScheduleNow(ctx, id);
  }

  @FieldResolver(() => Model)
  model(@Root() schedule: Schedule, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, schedule.model);
  }

  @FieldResolver(() => Run, { nullable: true, description: 'The run it queued last.' })
  lastRun(@Root() schedule: Schedule, @Ctx() ctx: Context) {
    return schedule.lastRun ? loadRef(ctx, Run, schedule.lastRun) : null;
  }
}

@Resolver(() => RetrainingEvent)
export class RetrainingEventResolver {
  @FieldResolver(() => Run)
  run(@Root() event: RetrainingEvent, @Ctx() ctx: Context) {
    return loadRef(ctx, Run, event.run);
  }

  @FieldResolver(() => Model)
  model(@Root() event: RetrainingEvent, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, event.model);
  }
}

@ArgsType()
class RetrainingArgs {
  @Field(() => Int, { defaultValue: 20 })
  @Min(1)
  @Max(200)
  first: number = 20;
}

@Resolver(() => Model)
export class ModelScheduleResolver {
  @FieldResolver(() => [Schedule], { description: "The model's schedules (batched across models)." })
  schedules(@Root() model: Model, @Ctx() ctx: Context) {
    return schedules.schedulesOfModel(ctx, model.id);
  }

  @FieldResolver(() => [RetrainingEvent], { description: 'Retrainings of the model, newest first: trigger, time, run and promotion outcome.' })
  retrainingEvents(@Root() model: Model, @Args() args: RetrainingArgs, @Ctx() ctx: Context) {
    return schedules.retrainingEventsOfModel(ctx, model.id, args.first);
  }
}
