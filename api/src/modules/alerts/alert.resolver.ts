import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import { byIdLoader } from '../../platform/repository.js';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { Alert } from './alert.entity.js';
import { AlertStatus } from './alert.enums.js';
import { AlertFilter, AlertOrder } from './alert.inputs.js';
import * as alerts from './alert.service.js';
import { AlertCounts } from './alert.types.js';

export const AlertConnection = Connection(Alert, 'Alert');

@Resolver(() => Alert)
export class AlertResolver {
  @Authorized(Role.VIEWER)
  @Query(() => AlertConnection)
  alerts(
    @Args() page: PageArgs,
    @Arg('filter', () => AlertFilter, { nullable: true }) filter: AlertFilter | undefined,
    @Arg('orderBy', () => AlertOrder, { nullable: true }) orderBy: AlertOrder | undefined,
    @Ctx() ctx: Context,
  ) {
    return alerts.listAlerts(ctx, filter, orderBy ?? new AlertOrder(), page);
  }

  @Authorized(Role.VIEWER)
  @Query(() => AlertCounts, { description: 'Counts of the alerts matching the filter: total, OPEN, and per severity.' })
  alertCounts(@Arg('filter', () => AlertFilter, { nullable: true }) filter: AlertFilter | undefined, @Ctx() ctx: Context) {
    return alerts.alertCounts(ctx, filter);
  }

  @Authorized(Role.VIEWER)
  @Query(() => Alert, { nullable: true, description: 'By id (null and a NOT_FOUND error if it is not in the workspace).' })
  alert(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return alerts.getAlert(ctx, id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Alert, { description: 'OPEN → ACKNOWLEDGED (records who and when); otherwise CONFLICT.' })
  acknowledgeAlert(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return alerts.changeAlertStatus(ctx, id, AlertStatus.ACKNOWLEDGED);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Alert, { description: 'OPEN | ACKNOWLEDGED → RESOLVED (records who, when and the note); otherwise CONFLICT.' })
  resolveAlert(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note: string | undefined, @Ctx() ctx: Context) {
    return alerts.changeAlertStatus(ctx, id, AlertStatus.RESOLVED, note ?? undefined);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Alert, { description: 'OPEN | ACKNOWLEDGED → DISMISSED (records who, when and the reason); otherwise CONFLICT.' })
  dismissAlert(@Arg('id', () => ID) id: string, @Arg('reason', () => String, { nullable: true }) reason: string | undefined, @Ctx() ctx: Context) {
    return alerts.changeAlertStatus(ctx, id, AlertStatus.DISMISSED, reason ?? undefined);
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
