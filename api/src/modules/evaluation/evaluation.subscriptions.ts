import { Arg, Authorized, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../identity/roles.js';
import type { Context } from '../../platform/context.js';
import { fromRow, liveEvents } from '../../platform/events/live.js';
import type { LiveEvent } from '../../platform/events/topics.js';
import { EvaluationResult } from './evaluation-result.entity.js';

@ObjectType({ simpleResolvers: true, description: 'A run or a monitoring snapshot of a model was evaluated.' })
export class EvaluationCompletedEvent {
  @Field(() => ID, { description: 'Event id: pass the last one received as `since` to resume without gaps.' })
  eventId!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => [EvaluationResult], { description: 'One result per evaluating pack version.' })
  results!: EvaluationResult[];
}

@Resolver()
export class EvaluationSubscriptionResolver {
  @Authorized(Role.VIEWER)
  @Subscription(() => EvaluationCompletedEvent, {
    description: 'Evaluations of one model (runs and monitoring snapshots) as they complete.',
    subscribe: ({ args, context }) => liveEvents(context as Context, ['EVALUATION_COMPLETED'], args.since as string | undefined, (e) => e.modelId === args.modelId),
  })
  evaluationCompleted(
    @Root() event: LiveEvent<'EVALUATION_COMPLETED'>,
    @Arg('modelId', () => ID) _modelId: string,
    @Arg('since', () => ID, { nullable: true, description: 'Replay the stored events after this event id first, then continue live.' }) _since: string | undefined,
    @Ctx() ctx: Context,
  ): EvaluationCompletedEvent {
    return { eventId: event.id, occurredAt: new Date(event.createdAt), results: event.payload.results.map((row) => fromRow(ctx, EvaluationResult, row)) };
  }
}
