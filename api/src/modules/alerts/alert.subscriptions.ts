import { Arg, Authorized, Ctx, Field, ID, InputType, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../identity/roles.js';
import type { Context } from '../../platform/context.js';
import { fromRow, liveEvents } from '../../platform/events/live.js';
import type { LiveEvent } from '../../platform/events/topics.js';
import { Alert } from './alert.entity.js';
import { AlertSeverity, AlertType } from './alert.enums.js';
import { severitiesAtLeast } from './alert.service.js';

@InputType({ description: 'Which alerts to receive (all given conditions must hold).' })
export class AlertEventFilter {
  @Field(() => AlertSeverity, { nullable: true, description: 'This severity or higher.' })
  minSeverity?: AlertSeverity;

  @Field(() => [AlertType], { nullable: true })
  types?: AlertType[];

  @Field(() => ID, { nullable: true })
  modelId?: string;
}

@ObjectType({ simpleResolvers: true, description: 'An alert was raised or changed (acknowledged, resolved, dismissed, seen again).' })
export class AlertEvent {
  @Field(() => ID, { description: 'Event id: pass the last one received as `since` to resume without gaps.' })
  eventId!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => Alert, { description: 'The alert as it is now.' })
  alert!: Alert;
}

function accepts(filter: AlertEventFilter | undefined) {
  const severities = filter?.minSeverity ? new Set<string>(severitiesAtLeast(filter.minSeverity)) : null;
  return (e: LiveEvent) => {
    const payload = e.payload as LiveEvent<'ALERT_RAISED'>['payload'];
    return (!severities || severities.has(payload.severity)) && (!filter?.types?.length || filter.types.includes(payload.type as AlertType)) && (!filter?.modelId || e.modelId === filter.modelId);
  };
}

const SINCE = { nullable: true, description: 'Replay the stored events after this event id first, then continue live.' } as const;

@Resolver()
export class AlertSubscriptionResolver {
  @Authorized(Role.VIEWER)
  @Subscription(() => AlertEvent, {
    description: 'New alerts, as they are raised.',
    subscribe: ({ args, context }) => liveEvents(context as Context, ['ALERT_RAISED'], args.since as string | undefined, accepts(args.filter as AlertEventFilter | undefined)),
  })
  alertRaised(
    @Root() event: LiveEvent<'ALERT_RAISED'>,
    @Arg('filter', () => AlertEventFilter, { nullable: true }) _filter: AlertEventFilter | undefined,
    @Arg('since', () => ID, SINCE) _since: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return toEvent(ctx, event);
  }

  @Authorized(Role.VIEWER)
  @Subscription(() => AlertEvent, {
    description: 'Changes to existing alerts: acknowledged, resolved, dismissed, or seen again (count grew).',
    subscribe: ({ args, context }) => liveEvents(context as Context, ['ALERT_UPDATED'], args.since as string | undefined, accepts(args.filter as AlertEventFilter | undefined)),
  })
  alertUpdated(
    @Root() event: LiveEvent<'ALERT_UPDATED'>,
    @Arg('filter', () => AlertEventFilter, { nullable: true }) _filter: AlertEventFilter | undefined,
    @Arg('since', () => ID, SINCE) _since: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return toEvent(ctx, event);
  }
}

function toEvent(ctx: Context, event: LiveEvent<'ALERT_RAISED' | 'ALERT_UPDATED'>): AlertEvent {
  return { eventId: event.id, occurredAt: new Date(event.createdAt), alert: fromRow(ctx, Alert, event.payload.alert) };
}
