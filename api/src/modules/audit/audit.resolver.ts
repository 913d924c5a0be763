import { IsOptional, MaxLength } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Query, Resolver } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import { AuditEvent } from './audit-event.entity.js';
import { listAuditEvents } from './audit.service.js';

export const AuditEventConnection = Connection(AuditEvent, 'AuditEvent');

@InputType()
export class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: 'Events of one object (recipe, model, pack, alert, arena…).' })
  subjectId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(100)
  subjectType?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(100)
  action?: string;
}

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Authorized(Role.VIEWER)
  @Query(() => AuditEventConnection, { description: 'The audit log of the workspace, newest first.' })
  auditEvents(@Args() page: PageArgs, @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | undefined, @Ctx() ctx: Context) {
    return listAuditEvents(ctx, filter, page);
  }
}
