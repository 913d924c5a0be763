import { Arg, Authorized, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../identity/roles.js';
import type { Context } from '../../platform/context.js';
import { fromRow, liveEvents } from '../../platform/events/live.js';
import type { LiveEvent } from '../../platform/events/topics.js';
import { Experiment } from './experiment.entity.js';

@ObjectType({ simpleResolvers: true, description: 'An experiment changed: proposed, moved along its workflow, edited or (un)linked.' })
export class ExperimentUpdatedEvent {
  @Field(() => ID, { description: 'Event id: pass the last one received as `since` to resume without gaps.' })
  eventId!: string;

  @Field()
  occurredAt!: Date;

  @Field({ description: 'What changed: `propose`, `approve`, `reject`, `start`, `shadow`, `complete`, `details` or `links`.' })
  change!: string;

  @Field(() => Experiment, { description: 'The experiment as it was committed.' })
  experiment!: Experiment;
}

@Resolver()
export class ExperimentSubscriptionResolver {
  @Authorized(Role.VIEWER)
  @Subscription(() => ExperimentUpdatedEvent, {
    description: 'Changes to one experiment (`id`), or to every experiment of the workspace.',
    subscribe: ({ args, context }) => liveEvents(context as Context, ['EXPERIMENT_UPDATED'], args.since as string | undefined, (e) => !args.id || e.subjectId === args.id),
  })
  experimentUpdated(
    @Root() event: LiveEvent<'EXPERIMENT_UPDATED'>,
    @Arg('id', () => ID, { nullable: true }) _id: string | undefined,
    @Arg('since', () => ID, { nullable: true, description: 'Replay the stored events after this event id first, then continue live.' }) _since: string | undefined,
    @Ctx() ctx: Context,
  ): ExperimentUpdatedEvent {
    return { eventId: event.id, occurredAt: new Date(event.createdAt), change: event.payload.change, experiment: fromRow(ctx, Experiment, event.payload.experiment) };
  }
}
