import { Arg, Authorized, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../identity/roles.js';
import type { Context } from '../../platform/context.js';
import { fromRow, liveEvents } from '../../platform/events/live.js';
import type { LiveEvent } from '../../platform/events/topics.js';
import { Model } from './model.entity.js';

@ObjectType({ simpleResolvers: true, description: 'A model changed: status, arena role or details.' })
export class ModelUpdatedEvent {
  @Field(() => ID, { description: 'Event id: pass the last one received as `since` to resume without gaps.' })
  eventId!: string;

  @Field()
  occurredAt!: Date;

  @Field({ description: 'What changed, e.g. `status`, `arena.role`, `details`.' })
  change!: string;

  @Field(() => Model, { description: 'The model as it is now.' })
  model!: Model;
}

@Resolver()
export class ModelSubscriptionResolver {
  @Authorized(Role.VIEWER)
  @Subscription(() => ModelUpdatedEvent, {
    description: 'Status and arena role changes of one model.',
    subscribe: ({ args, context }) => liveEvents(context as Context, ['MODEL_UPDATED'], args.since as string | undefined, (e) => e.modelId === args.modelId),
  })
  modelUpdated(
    @Root() event: LiveEvent<'MODEL_UPDATED'>,
    @Arg('modelId', () => ID) _modelId: string,
    @Arg('since', () => ID, { nullable: true, description: 'Replay the stored events after this event id first, then continue live.' }) _since: string | undefined,
    @Ctx() ctx: Context,
  ): ModelUpdatedEvent {
    return { eventId: event.id, occurredAt: new Date(event.createdAt), change: event.payload.change, model: fromRow(ctx, Model, event.payload.model) };
  }
}
