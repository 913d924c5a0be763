import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import { loadRef } from '../../platform/repository.js';
import { Model } from '../models/model.entity.js';
import { AbTest } from './ab-test.entity.js';
import { AbTestStatus } from './ab-test.enums.js';
import { AbTestFilter, RecordAbObservationsInput, StartAbTestInput } from './ab-test.inputs.js';
import * as abTests from './ab-test.service.js';
import { AbTestResult } from './ab-test.types.js';

export const AbTestConnection = Connection(AbTest, 'AbTest');

const REASON = { nullable: true, description: 'Recorded in the audit log.' } as const;

@Resolver(() => AbTest)
export class AbTestResolver {
  @Authorized(Role.VIEWER)
  @Query(() => AbTest, { nullable: true, description: 'By id (null and a NOT_FOUND error if it is not in the workspace).' })
  abTest(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return abTests.getAbTest(ctx, id);
  }

  @Authorized(Role.VIEWER)
  @Query(() => AbTestConnection, { description: 'A/B tests of the workspace, newest first.' })
  abTests(@Args() page: PageArgs, @Arg('filter', () => AbTestFilter, { nullable: true }) filter: AbTestFilter | undefined, @Ctx() ctx: Context) {
    return abTests.listAbTests(ctx, filter, page);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => AbTest, { description: 'Starts a RUNNING A/B test of model B against model A (both in the workspace, different, not RETIRED).' })
  startAbTest(@Arg('input', () => StartAbTestInput, { validate: false }) input: StartAbTestInput, @Ctx() ctx: Context) {
    return abTests.startAbTest(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => AbTest, {
    description:
      'Appends observations of one arm (OBSERVATIONS tests, while RUNNING; CONFLICT otherwise). When both arms reach the required sample size, the test COMPLETES and raises AB_TEST_COMPLETE.',
  })
  recordAbObservations(@Arg('input', () => RecordAbObservationsInput, { validate: false }) input: RecordAbObservationsInput, @Ctx() ctx: Context) {
    return abTests.recordAbObservations(ctx, input);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => AbTest, { description: 'RUNNING → COMPLETED now, whatever the sample size (freezes the result, raises AB_TEST_COMPLETE); CONFLICT otherwise.' })
  concludeAbTest(@Arg('id', () => ID) id: string, @Arg('reason', () => String, REASON) reason: string | undefined, @Ctx() ctx: Context) {
    return abTests.concludeAbTest(ctx, id, reason ?? undefined);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => AbTest, { description: 'RUNNING → STOPPED: abandoned without a conclusion (freezes the result, no alert); CONFLICT otherwise.' })
  stopAbTest(@Arg('id', () => ID) id: string, @Arg('reason', () => String, REASON) reason: string | undefined, @Ctx() ctx: Context) {
    return abTests.stopAbTest(ctx, id, reason ?? undefined);
  }

  @FieldResolver(() => Model, { description: 'Arm A, the control.' })
  modelA(@Root() test: AbTest, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, test.modelA);
  }

  @FieldResolver(() => Model, { description: 'Arm B, the treatment.' })
  modelB(@Root() test: AbTest, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, test.modelB);
  }

  @FieldResolver(() => AbTestResult, { description: 'Live while RUNNING (computed in SQL from the observations); frozen once COMPLETED or STOPPED.' })
  result(@Root() test: AbTest, @Ctx() ctx: Context) {
    return abTests.resultOf(ctx, test);
  }
}

@Resolver(() => Model)
export class ModelAbTestsResolver {
  @FieldResolver(() => [AbTest], { description: 'A/B tests with this model in either arm, newest first.' })
  abTests(@Root() model: Model, @Arg('status', () => AbTestStatus, { nullable: true }) status: AbTestStatus | undefined, @Ctx() ctx: Context) {
    return abTests.abTestsOfModel(ctx, model.id, status ?? undefined);
  }
}
