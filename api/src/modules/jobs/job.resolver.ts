import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import type { Context } from '../../platform/context.js';
import { BacktestWindow } from '../runs/run-detail.entities.js';
import { Run } from '../runs/run.entity.js';
import { QueueRunInput } from './job.inputs.js';
import * as jobs from './job.service.js';

@Resolver(() => Run)
export class JobResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => Run, { description: "Queues a run for Modelyard's worker (QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED, live through runUpdated and runLogAppended). Idempotent with `idempotencyKey`." })
  queueRun(@Arg('input', () => QueueRunInput) input: QueueRunInput, @Ctx() ctx: Context) {
    return jobs.queueRun(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Run, { description: "Cancels a QUEUED run at once, or asks a worker's RUNNING run to stop at its next step; CONFLICT for a finished run." })
  cancelRun(@Arg('runId', () => ID) runId: string, @Ctx() ctx: Context) {
    return jobs.cancelRun(ctx, runId);
  }

  @FieldResolver(() => [BacktestWindow], { description: 'The walk-forward windows of a BACKTEST run, oldest first (empty for other runs).' })
  backtestWindows(@Root() run: Run, @Ctx() ctx: Context) {
    return jobs.backtestWindowsOf(ctx, run.id);
  }
}
