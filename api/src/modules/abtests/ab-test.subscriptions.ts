import { Arg, Authorized, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../identity/roles.js';
import type { Context } from '../../platform/context.js';
import { fromRow, liveEvents } from '../../platform/events/live.js';
import type { LiveEvent } from '../../platform/events/topics.js';
import { AbTest } from './ab-test.entity.js';
import { loadResult } from './ab-test.result.js';
import { AbTestResult, type StoredAbTestResult } from './ab-test.types.js';

@ObjectType({ simpleResolvers: true, description: 'An A/B test started, received observations, completed or stopped.' })
export class AbTestUpdatedEvent {
  @Field(() => ID, { description: 'Event id: pass the last one received as `since` to resume without gaps.' })
  eventId!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => AbTest, { description: 'The test as it was committed.' })
  abTest!: AbTest;

  @Field(() => AbTestResult, { description: 'Its result at that moment.' })
  result!: AbTestResult;
}

@Resolver()
export class AbTestSubscriptionResolver {
  @Authorized(Role.VIEWER)
  @Subscription(() => AbTestUpdatedEvent, {
    description: 'Changes of one A/B test (or of every test of the workspace without `id`): new observations with the new result, completion, stop.',
    subscribe: ({ args, context }) => liveEvents(context as Context, ['AB_TEST_UPDATED'], args.since as string | undefined, (e) => !args.id || e.subjectId === args.id),
  })
  abTestUpdated(
    @Root() event: LiveEvent<'AB_TEST_UPDATED'>,
    @Arg('id', () => ID, { nullable: true }) _id: string | undefined,
    @Arg('since', () => ID, { nullable: true, description: 'Replay the stored events after this event id first, then continue live.' }) _since: string | undefined,
    @Ctx() ctx: Context,
  ): AbTestUpdatedEvent {
    return {
      eventId: event.id,
      occurredAt: new Date(event.createdAt),
      abTest: fromRow(ctx, AbTest, event.payload.abTest),
      result: loadResult(event.payload.result as unknown as StoredAbTestResult),
    };
  }
}
