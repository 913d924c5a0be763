import { Arg, Authorized, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../identity/roles.js';
import type { Context } from '../../platform/context.js';
import { fromRow, liveEvents } from '../../platform/events/live.js';
import type { LiveEvent } from '../../platform/events/topics.js';
import { MonitorSnapshot } from './monitor-snapshot.entity.js';

@ObjectType({ simpleResolvers: true, description: 'A monitoring snapshot was recorded (with its drift and evaluation).' })
export class MonitorSnapshotRecordedEvent {
  @Field(() => ID, { description: 'Event id: pass the last one received as `since` to resume without gaps.' })
  eventId!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => MonitorSnapshot)
  snapshot!: MonitorSnapshot;
}

@Resolver()
export class MonitoringSubscriptionResolver {
  @Authorized(Role.VIEWER)
  @Subscription(() => MonitorSnapshotRecordedEvent, {
    description: 'Snapshots of one model as they are recorded.',
    subscribe: ({ args, context }) => liveEvents(context as Context, ['MONITOR_SNAPSHOT_RECORDED'], args.since as string | undefined, (e) => e.modelId === args.modelId),
  })
  monitorSnapshotRecorded(
    @Root() event: LiveEvent<'MONITOR_SNAPSHOT_RECORDED'>,
    @Arg('modelId', () => ID) _modelId: string,
    @Arg('since', () => ID, { nullable: true, description: 'Replay the stored events after this event id first, then continue live.' }) _since: string | undefined,
    @Ctx() ctx: Context,
  ): MonitorSnapshotRecordedEvent {
    return { eventId: event.id, occurredAt: new Date(event.createdAt), snapshot: fromRow(ctx, MonitorSnapshot, event.payload.snapshot) };
  }
}
