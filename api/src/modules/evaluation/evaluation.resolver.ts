import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import { byIdLoader, loadRef } from '../../platform/repository.js';
import { Model } from '../models/model.entity.js';
import { MonitorSnapshot } from '../monitoring/monitor-snapshot.entity.js';
import { Recipe } from '../recipes/recipe.entity.js';
import { Run } from '../runs/run.entity.js';
import { EvaluationKind } from './evaluation.enums.js';
import {
  CreateEvaluationPackInput,
  CreateEvaluationPackVersionInput,
  EvaluationPackFilter,
  EvaluationPackOrder,
  UpdateEvaluationPackInput,
} from './evaluation.inputs.js';
import * as evaluation from './evaluation.service.js';
import { EvaluationPack } from './evaluation-pack.entity.js';
import { EvaluationPackVersion } from './evaluation-pack-version.entity.js';
import { EvaluationResult } from './evaluation-result.entity.js';

export const EvaluationPackConnection = Connection(EvaluationPack, 'EvaluationPack');

@Resolver(() => EvaluationPack)
export class EvaluationPackResolver {
  @Authorized(Role.VIEWER)
  @Query(() => EvaluationPackConnection)
  evaluationPacks(
    @Args() page: PageArgs,
    @Arg('filter', () => EvaluationPackFilter, { nullable: true }) filter: EvaluationPackFilter | undefined,
    @Arg('orderBy', () => EvaluationPackOrder, { nullable: true }) orderBy: EvaluationPackOrder | undefined,
    @Ctx() ctx: Context,
  ) {
    return evaluation.listPacks(ctx, filter, orderBy ?? new EvaluationPackOrder(), page);
  }

  @Authorized(Role.VIEWER)
  @Query(() => EvaluationPack, { nullable: true, description: 'By id (null and a NOT_FOUND error if it is not in the workspace).' })
  evaluationPack(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return evaluation.getPack(ctx, id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => EvaluationPack, { description: 'Creates a pack with version 1.0.0 of its rules (thresholds checked: VALIDATION_FAILED names each problem).' })
  createEvaluationPack(@Arg('input', () => CreateEvaluationPackInput) input: CreateEvaluationPackInput, @Ctx() ctx: Context) {
    return evaluation.createPack(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => EvaluationPack, { description: 'Edits name, description or tags; rules change only through new versions.' })
  updateEvaluationPack(@Arg('input', () => UpdateEvaluationPackInput) input: UpdateEvaluationPackInput, @Ctx() ctx: Context) {
    return evaluation.updatePack(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a pack and its versions; CONFLICT while a version is attached or has evaluation results. Returns the id.' })
  deleteEvaluationPack(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return evaluation.deletePack(ctx, id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => EvaluationPackVersion, { description: 'Adds an immutable version (semver bump from the highest version, change note, author).' })
  createEvaluationPackVersion(@Arg('input', () => CreateEvaluationPackVersionInput) input: CreateEvaluationPackVersionInput, @Ctx() ctx: Context) {
    return evaluation.createPackVersion(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Recipe, { description: 'Attaches a pack version to a recipe of the same family: its models’ runs and snapshots are evaluated by it. A duplicate or another family is CONFLICT.' })
  attachPack(@Arg('recipeId', () => ID) recipeId: string, @Arg('packVersionId', () => ID) packVersionId: string, @Ctx() ctx: Context) {
    return evaluation.attachPack(ctx, recipeId, packVersionId);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Recipe, { description: 'Detaches a pack version from a recipe (NOT_FOUND when it is not attached). Earlier results stay.' })
  detachPack(@Arg('recipeId', () => ID) recipeId: string, @Arg('packVersionId', () => ID) packVersionId: string, @Ctx() ctx: Context) {
    return evaluation.detachPack(ctx, recipeId, packVersionId);
  }

  @FieldResolver(() => [EvaluationPackVersion], { description: 'Versions, newest first.' })
  versions(@Root() pack: EvaluationPack, @Ctx() ctx: Context) {
    return evaluation.packVersions(ctx, pack.id);
  }

  @FieldResolver(() => EvaluationPackVersion, { nullable: true })
  async latestVersion(@Root() pack: EvaluationPack, @Ctx() ctx: Context) {
    return (await evaluation.packVersions(ctx, pack.id))[0] ?? null;
  }
}

@Resolver(() => EvaluationPackVersion)
export class EvaluationPackVersionResolver {
  @FieldResolver(() => EvaluationPack)
  pack(@Root() version: EvaluationPackVersion, @Ctx() ctx: Context) {
    return loadRef(ctx, EvaluationPack, version.pack);
  }

  @FieldResolver(() => [Recipe], { description: 'Recipes this pack version is attached to.' })
  async attachedTo(@Root() version: EvaluationPackVersion, @Ctx() ctx: Context) {
    const attachments = await evaluation.attachmentsOfPackVersion(ctx, version.id);
    return Promise.all(attachments.map((a) => loadRef(ctx, Recipe, a.recipe)));
  }
}

@Resolver(() => EvaluationResult)
export class EvaluationResultResolver {
  @FieldResolver(() => Model)
  model(@Root() result: EvaluationResult, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, result.model);
  }

  @FieldResolver(() => Run, { nullable: true, description: 'The evaluated run (kind RUN).' })
  async run(@Root() result: EvaluationResult, @Ctx() ctx: Context) {
    return result.run ? ((await byIdLoader(ctx, Run).load(result.run.id)) ?? null) : null;
  }

  @FieldResolver(() => MonitorSnapshot, { nullable: true, description: 'The evaluated snapshot (kind MONITOR).' })
  async snapshot(@Root() result: EvaluationResult, @Ctx() ctx: Context) {
    return result.snapshot ? ((await byIdLoader(ctx, MonitorSnapshot).load(result.snapshot.id)) ?? null) : null;
  }

  @FieldResolver(() => EvaluationPackVersion)
  packVersion(@Root() result: EvaluationResult, @Ctx() ctx: Context) {
    return loadRef(ctx, EvaluationPackVersion, result.packVersion);
  }

  @FieldResolver(() => EvaluationPack)
  async pack(@Root() result: EvaluationResult, @Ctx() ctx: Context) {
    const version = await loadRef(ctx, EvaluationPackVersion, result.packVersion);
    return loadRef(ctx, EvaluationPack, version.pack);
  }
}

/** Evaluation fields on other features' types (the evaluation feature owns the data they return). */
@Resolver(() => Recipe)
export class RecipeEvaluationResolver {
  @FieldResolver(() => [EvaluationPackVersion], { description: 'Pack versions that evaluate runs of this recipe’s models.' })
  attachedPacks(@Root() recipe: Recipe, @Ctx() ctx: Context) {
    return evaluation.attachedPackVersions(ctx, recipe.id);
  }
}

@Resolver(() => Run)
export class RunEvaluationResolver {
  @FieldResolver(() => [EvaluationResult], {
    description: 'The newest result of each pack version that evaluated this run (a re-evaluation replaces its earlier verdict here; Model.evaluationResults keeps them all).',
  })
  evaluationResults(@Root() run: Run, @Ctx() ctx: Context) {
    return evaluation.resultsOfRun(ctx, run.id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => [EvaluationResult], {
    description: 'Re-evaluates a SUCCEEDED run (CONFLICT otherwise) with the pack versions attached to its recipe now; earlier results are kept.',
  })
  evaluateRun(@Arg('runId', () => ID) runId: string, @Ctx() ctx: Context) {
    return evaluation.evaluateRun(ctx, runId);
  }
}

@Resolver(() => MonitorSnapshot)
export class SnapshotEvaluationResolver {
  @FieldResolver(() => [EvaluationResult], { description: 'Monitor evaluation results of this snapshot.' })
  evaluationResults(@Root() snapshot: MonitorSnapshot, @Ctx() ctx: Context) {
    return evaluation.resultsOfSnapshot(ctx, snapshot.id);
  }
}

@Resolver(() => Model)
export class ModelEvaluationResolver {
  @FieldResolver(() => [EvaluationResult], { description: 'Evaluation results of the model, newest first.' })
  evaluationResults(@Root() model: Model, @Arg('kind', () => EvaluationKind, { nullable: true }) kind: EvaluationKind | undefined, @Ctx() ctx: Context) {
    return evaluation.resultsOfModel(ctx, model.id, kind);
  }

  @FieldResolver(() => EvaluationResult, { nullable: true, description: 'The newest run evaluation.' })
  latestEvaluation(@Root() model: Model, @Ctx() ctx: Context) {
    return evaluation.latestRunEvaluation(ctx, model.id);
  }
}
