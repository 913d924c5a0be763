import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import { byIdLoader } from '../../platform/repository.js';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { Alert } from './alert.entity.js';
import { AlertFilter, AlertOrder } from './alert.inputs.js';
import * as alerts from './alert.service.js';

export const AlertConnection = Connection(Alert, 'Alert');

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => AlertConnection)
  alerts(
    @Args() page: PageArgs,
    @Arg('filter', () => AlertFilter, { nullable: true }) filter: AlertFilter | undefined,
    @Arg('orderBy', () => AlertOrder, { nullable: true }) orderBy: AlertOrder | undefined,
    @Ctx() ctx: Context,
  ) {
    return alerts.listAlerts(ctx, filter, orderBy ?? new AlertOrder(), page);
  }

  @Query(() => Alert, { nullable: true, description: 'By id (null and a NOT_FOUND error if it is not in the workspace).' })
  alert(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return alerts.getAlert(ctx, id);
  }

  @FieldResolver(() => Model, { nullable: true })
  async model(@Root() alert: Alert, @Ctx() ctx: Context) {
    return alert.model ? ((await byIdLoader(ctx, Model).load(alert.model.id)) ?? null) : null;
  }

  @FieldResolver(() => Run, { nullable: true })
  async run(@Root() alert: Alert, @Ctx() ctx: Context) {
    return alert.run ? ((await byIdLoader(ctx, Run).load(alert.run.id)) ?? null) : null;
  }
}

@Resolver(() => Model)
export class ModelAlertsResolver {
  @FieldResolver(() => [Alert], { description: 'Alerts of the model, most recently seen first.' })
  alerts(@Root() model: Model, @Ctx() ctx: Context) {
    return alerts.alertsOfModel(ctx, model.id);
  }
}
