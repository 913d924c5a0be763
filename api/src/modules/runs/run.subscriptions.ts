import { Arg, Authorized, Ctx, Field, ID, InputType, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../identity/roles.js';
import type { Context } from '../../platform/context.js';
import { fromRow, liveEvents } from '../../platform/events/live.js';
import type { LiveEvent } from '../../platform/events/topics.js';
import { RunLogLine } from './run-detail.entities.js';
import { Run } from './run.entity.js';
import { RunStatus } from './run.enums.js';

@InputType({ description: 'Which run updates to receive (all given conditions must hold).' })
export class RunUpdatedFilter {
  @Field(() => ID, { nullable: true })
  runId?: string;

  @Field(() => ID, { nullable: true })
  modelId?: string;

  @Field(() => [RunStatus], { nullable: true, description: 'Only updates that leave the run in one of these statuses.' })
  statuses?: RunStatus[];
}

@ObjectType({ simpleResolvers: true, description: 'A run changed status, progress or final metrics.' })
export class RunUpdatedEvent {
  @Field(() => ID, { description: 'Event id: pass the last one received as `since` to resume without gaps.' })
  eventId!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => Run, { description: 'The run as it is now.' })
  run!: Run;
}

@ObjectType({ simpleResolvers: true, description: 'Lines appended to a run log.' })
export class RunLogAppendedEvent {
  @Field(() => ID)
  eventId!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => ID)
  runId!: string;

  @Field(() => [RunLogLine])
  lines!: Pick<RunLogLine, 'seq' | 'level' | 'message' | 'loggedAt'>[];
}

const SINCE = { nullable: true, description: 'Replay the stored events after this event id first, then continue live.' } as const;

@Resolver()
export class RunSubscriptionResolver {
  @Authorized(Role.VIEWER)
  @Subscription(() => RunUpdatedEvent, {
    description: 'Status, progress and final metrics of runs, as they commit.',
    subscribe: ({ args, context }) => {
      const filter = (args.filter ?? {}) as RunUpdatedFilter;
      return liveEvents(context as Context, ['RUN_UPDATED'], args.since as string | undefined, (e: LiveEvent) => {
        const payload = e.payload as LiveEvent<'RUN_UPDATED'>['payload'];
        return (!filter.runId || e.subjectId === filter.runId) && (!filter.modelId || e.modelId === filter.modelId) && (!filter.statuses?.length || filter.statuses.includes(payload.status as RunStatus));
      });
    },
  })
  runUpdated(
    @Root() event: LiveEvent<'RUN_UPDATED'>,
    @Arg('filter', () => RunUpdatedFilter, { nullable: true }) _filter: RunUpdatedFilter | undefined,
    @Arg('since', () => ID, SINCE) _since: string | undefined,
    @Ctx() ctx: Context,
  ): RunUpdatedEvent {
    return { eventId: event.id, occurredAt: new Date(event.createdAt), run: fromRow(ctx, Run, event.payload.run) };
  }

  @Authorized(Role.VIEWER)
  @Subscription(() => RunLogAppendedEvent, {
    description: 'Log lines of one run as they are appended.',
    subscribe: ({ args, context }) => liveEvents(context as Context, ['RUN_LOG_APPENDED'], args.since as string | undefined, (e) => e.subjectId === args.runId),
  })
  runLogAppended(
    @Root() event: LiveEvent<'RUN_LOG_APPENDED'>,
    @Arg('runId', () => ID) _runId: string,
    @Arg('since', () => ID, SINCE) _since: string | undefined,
  ): RunLogAppendedEvent {
    return {
      eventId: event.id,
      occurredAt: new Date(event.createdAt),
      runId: event.payload.runId,
      lines: event.payload.lines.map((l) => ({ ...l, level: l.level as RunLogLine['level'], loggedAt: new Date(l.loggedAt) })),
    };
  }
}
