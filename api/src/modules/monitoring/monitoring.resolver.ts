import { Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import type { Context } from '../../platform/context.js';
import { loadRef } from '../../platform/repository.js';
import { Model } from '../models/model.entity.js';
import { MonitorSnapshot } from './monitor-snapshot.entity.js';
import { RecordMonitorSnapshotInput } from './monitoring.inputs.js';
import * as monitoring from './monitoring.service.js';

@ArgsType()
class SnapshotWindowArgs {
  @Field({ nullable: true, description: 'Snapshots recorded at or after this time.' })
  from?: Date;

  @Field({ nullable: true, description: 'Snapshots recorded at or before this time.' })
  to?: Date;

  @Field(() => Int, { nullable: true, description: 'Only the newest N snapshots of the window (still returned oldest first).' })
  @Min(0)
  @Max(10_000)
  last?: number;

  @Field({
    nullable: true,
    description: 'true: only snapshots whose drift Modelyard computed from a sample (recordMonitorSample); false: only those whose drift the client reported. `last` counts after this filter.',
  })
  computed?: boolean;
}

@Resolver(() => MonitorSnapshot)
export class MonitorSnapshotResolver {
  @Authorized(Role.VIEWER)
  @Query(() => MonitorSnapshot, { nullable: true, description: 'By id (null and a NOT_FOUND error if it is not in the workspace).' })
  monitorSnapshot(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return monitoring.getSnapshot(ctx, id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => MonitorSnapshot, { description: 'Records performance, drift and freshness of a model and evaluates it with the attached packs.' })
  recordMonitorSnapshot(@Arg('input', () => RecordMonitorSnapshotInput) input: RecordMonitorSnapshotInput, @Ctx() ctx: Context) {
    return monitoring.recordMonitorSnapshot(ctx, input);
  }

  @FieldResolver(() => Model)
  model(@Root() snapshot: MonitorSnapshot, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, snapshot.model);
  }
}

@Resolver(() => Model)
export class ModelMonitoringResolver {
  @FieldResolver(() => [MonitorSnapshot], { description: 'Monitoring snapshots, oldest first.' })
  monitorSnapshots(@Root() model: Model, @Args() window: SnapshotWindowArgs, @Ctx() ctx: Context) {
    return monitoring.snapshotsOfModel(ctx, model.id, { from: window.from, to: window.to, last: window.last, computed: window.computed });
  }
}
