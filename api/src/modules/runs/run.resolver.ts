import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { ValidationFailedError } from '../../platform/errors.js';
import { PageArgs } from '../../platform/page-args.js';
import { loadRef } from '../../platform/repository.js';
import { Model } from '../models/model.entity.js';
import { Recipe } from '../recipes/recipe.entity.js';
import { RecipeVersion } from '../recipes/recipe-version.entity.js';
import { RunArtifact, RunLogLine, RunMetricPoint } from './run-detail.entities.js';
import { Run } from './run.entity.js';
import { AppendRunLogsInput, CreateRunInput, LogRunMetricsInput, logRunMetricsProblems, ReportRunProgressInput, RunFilter, RunOrder, UpdateRunStatusInput } from './run.inputs.js';
import * as runs from './run.service.js';

export const RunConnection = Connection(Run, 'Run');

@Resolver(() => Run)
export class RunResolver {
  @Authorized(Role.VIEWER)
  @Query(() => RunConnection)
  runs(
    @Args() page: PageArgs,
    @Arg('filter', () => RunFilter, { nullable: true }) filter: RunFilter | undefined,
    @Arg('orderBy', () => RunOrder, { nullable: true }) orderBy: RunOrder | undefined,
    @Ctx() ctx: Context,
  ) {
    return runs.listRuns(ctx, filter, orderBy ?? new RunOrder(), page);
  }

  @Authorized(Role.VIEWER)
  @Query(() => Run, { nullable: true, description: 'By id (null and a NOT_FOUND error if it is not in the workspace).' })
  run(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return runs.getRun(ctx, id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Run, { description: 'Creates a QUEUED run. Idempotent with `idempotencyKey`.' })
  createRun(@Arg('input', () => CreateRunInput) input: CreateRunInput, @Ctx() ctx: Context) {
    return runs.createRun(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Run, { description: 'Moves a run to a new status; SUCCEEDED evaluates it with the attached packs.' })
  updateRunStatus(@Arg('input', () => UpdateRunStatusInput) input: UpdateRunStatusInput, @Ctx() ctx: Context) {
    return runs.updateRunStatus(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Run, { description: 'Records the progress (0–1) of a RUNNING run; CONFLICT in any other status.' })
  reportRunProgress(@Arg('input', () => ReportRunProgressInput) input: ReportRunProgressInput, @Ctx() ctx: Context) {
    return runs.reportRunProgress(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Run, { description: 'Appends a batch of metric history points and refreshes the final metrics.' })
  logRunMetrics(@Arg('input', () => LogRunMetricsInput, { validate: false }) input: LogRunMetricsInput, @Ctx() ctx: Context) {
    const problems = logRunMetricsProblems(input);
    if (problems.length) throw new ValidationFailedError(problems);
    return runs.logRunMetrics(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => [RunLogLine], { description: 'Appends log lines; returns them with their sequence numbers.' })
  appendRunLogs(@Arg('input', () => AppendRunLogsInput) input: AppendRunLogsInput, @Ctx() ctx: Context) {
    return runs.appendRunLogs(ctx, input);
  }

  @FieldResolver(() => Model)
  model(@Root() run: Run, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, run.model);
  }

  @FieldResolver(() => Recipe)
  recipe(@Root() run: Run, @Ctx() ctx: Context) {
    return loadRef(ctx, Recipe, run.recipe);
  }

  @FieldResolver(() => RecipeVersion)
  recipeVersion(@Root() run: Run, @Ctx() ctx: Context) {
    return loadRef(ctx, RecipeVersion, run.recipeVersion);
  }

  @FieldResolver(() => [RunMetricPoint], { description: 'Metric curve points ordered by key and step; one key when `key` is given.' })
  metricHistory(@Root() run: Run, @Arg('key', () => String, { nullable: true }) key: string | undefined, @Ctx() ctx: Context) {
    return runs.metricHistory(ctx, run.id, key ?? undefined);
  }

  @FieldResolver(() => [RunArtifact])
  artifacts(@Root() run: Run, @Ctx() ctx: Context) {
    return runs.artifactsOfRun(ctx, run.id);
  }

  @FieldResolver(() => [RunLogLine], { description: 'Log lines in order; `afterSeq` returns only newer lines (for tailing).' })
  logs(@Root() run: Run, @Arg('afterSeq', () => Int, { defaultValue: 0 }) afterSeq: number, @Ctx() ctx: Context) {
    return runs.logsOfRun(ctx, run.id, afterSeq);
  }
}

@Resolver(() => Model)
export class ModelRunsResolver {
  @FieldResolver(() => RunConnection, { description: 'Runs of the model, keyset-paginated (batched across models).' })
  runs(
    @Root() model: Model,
    @Args() page: PageArgs,
    @Arg('filter', () => RunFilter, { nullable: true }) filter: RunFilter | undefined,
    @Arg('orderBy', () => RunOrder, { nullable: true }) orderBy: RunOrder | undefined,
    @Ctx() ctx: Context,
  ) {
    return runs.runsOfModel(ctx, model.id, filter, orderBy ?? new RunOrder(), page);
  }
}
