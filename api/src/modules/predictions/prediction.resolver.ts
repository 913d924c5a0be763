import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import { byIdLoader, loadRef } from '../../platform/repository.js';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { FeatureImportance } from './feature-importance.entity.js';
import { PredictionActual } from './prediction-actual.entity.js';
import { PredictionLog } from './prediction-log.entity.js';
import { FeatureImportanceMethod, FeatureImportanceScope, StatsBucket } from './prediction.enums.js';
import { LogPredictionsInput, PredictionLogFilter, RecordActualsInput, RecordFeatureImportanceInput } from './prediction.inputs.js';
import * as predictions from './prediction.service.js';
import { LogPredictionsResult, PredictionStatsBucket, RecordActualsResult, ShadowComparison } from './prediction.types.js';

export const PredictionLogConnection = Connection(PredictionLog, 'PredictionLog');

@ArgsType()
class ShadowComparisonArgs {
  @Field(() => ID, { description: 'The model serving the traffic.' })
  championId!: string;

  @Field(() => ID, { description: 'The model scoring the same requests (usually in shadow).' })
  challengerId!: string;

  @Field({ nullable: true, description: 'Requests the champion scored at or after this time.' })
  from?: Date;

  @Field({ nullable: true, description: 'Requests the champion scored before this time.' })
  to?: Date;

  @Field(() => Float, { defaultValue: 0.05, description: 'Relative tolerance for agreement of numeric predictions (≥ 0).' })
  tolerance: number = 0.05;
}

@ArgsType()
class PredictionStatsArgs {
  @Field({ description: 'Start of the window (inclusive).' })
  from!: Date;

  @Field({ description: 'End of the window (exclusive).' })
  to!: Date;

  @Field(() => StatsBucket, { defaultValue: StatsBucket.HOUR })
  bucket: StatsBucket = StatsBucket.HOUR;

  @Field({ nullable: true, description: 'Only shadow (true) or only served (false) predictions; all by default.' })
  shadow?: boolean;
}

@Resolver(() => PredictionLog)
export class PredictionLogResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => LogPredictionsResult, {
    description: 'Stores a batch (up to 10,000) of a model’s predictions in one statement. Idempotent per (model, requestId): a retried batch stores nothing new.',
  })
  logPredictions(@Arg('input', () => LogPredictionsInput, { validate: false }) input: LogPredictionsInput, @Ctx() ctx: Context) {
    return predictions.logPredictions(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => RecordActualsResult, {
    description:
      'Records observed outcomes by request id (up to 10,000). They join every model’s prediction with that request id, including predictions logged later.',
  })
  recordActuals(@Arg('input', () => RecordActualsInput, { validate: false }) input: RecordActualsInput, @Ctx() ctx: Context) {
    return predictions.recordActuals(ctx, input);
  }

  @Authorized(Role.VIEWER)
  @Query(() => ShadowComparison, { description: 'Champion vs challenger on the requests both scored that have an actual: MAE, MAPE, agreement.' })
  shadowComparison(@Args() args: ShadowComparisonArgs, @Ctx() ctx: Context) {
    return predictions.shadowComparison(ctx, { ...args, from: args.from ?? undefined, to: args.to ?? undefined });
  }

  @FieldResolver(() => Model)
  model(@Root() log: PredictionLog, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, log.model);
  }

  @FieldResolver(() => PredictionActual, { nullable: true, description: 'The outcome recorded for the request id, if any.' })
  actual(@Root() log: PredictionLog, @Ctx() ctx: Context) {
    return predictions.actualOf(ctx, log.requestId);
  }
}

@Resolver(() => FeatureImportance)
export class FeatureImportanceResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => FeatureImportance, { description: 'Records feature importances computed by the client, for a model or a run (global) or one prediction.' })
  recordFeatureImportance(@Arg('input', () => RecordFeatureImportanceInput, { validate: false }) input: RecordFeatureImportanceInput, @Ctx() ctx: Context) {
    return predictions.recordFeatureImportance(ctx, input);
  }

  @FieldResolver(() => Model)
  model(@Root() recording: FeatureImportance, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, recording.model);
  }

  @FieldResolver(() => Run, { nullable: true, description: 'The run it was recorded for, if any.' })
  async run(@Root() recording: FeatureImportance, @Ctx() ctx: Context) {
    return recording.run ? ((await byIdLoader(ctx, Run).load(recording.run.id)) ?? null) : null;
  }
}

@Resolver(() => Model)
export class ModelPredictionsResolver {
  @FieldResolver(() => PredictionLogConnection, { description: 'Prediction logs of the model, newest first, keyset-paginated (batched across models).' })
  predictionLogs(@Root() model: Model, @Args() page: PageArgs, @Arg('filter', () => PredictionLogFilter, { nullable: true }) filter: PredictionLogFilter | undefined, @Ctx() ctx: Context) {
    return predictions.predictionLogsOfModel(ctx, model.id, filter, page);
  }

  @FieldResolver(() => [PredictionStatsBucket], { description: 'Per time bucket: prediction count, latency percentiles, mean confidence, MAE against known actuals.' })
  predictionStats(@Root() model: Model, @Args() args: PredictionStatsArgs, @Ctx() ctx: Context) {
    return predictions.predictionStatsOfModel(ctx, model.id, { from: args.from, to: args.to, bucket: args.bucket, shadow: args.shadow ?? undefined });
  }

  @FieldResolver(() => [FeatureImportance], { description: 'The latest recording per method (of the model or any of its runs), in method order.' })
  featureImportance(
    @Root() model: Model,
    @Arg('method', () => FeatureImportanceMethod, { nullable: true }) method: FeatureImportanceMethod | undefined,
    @Arg('scope', () => FeatureImportanceScope, { defaultValue: FeatureImportanceScope.GLOBAL }) scope: FeatureImportanceScope,
    @Arg('requestId', () => String, { nullable: true, description: 'Required with PREDICTION scope.' }) requestId: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return predictions.featureImportanceOfModel(ctx, model.id, { method: method ?? undefined, scope, requestId: requestId ?? undefined });
  }
}

@Resolver(() => Run)
export class RunFeatureImportanceResolver {
  @FieldResolver(() => [FeatureImportance], { description: 'The latest GLOBAL recording per method for this run, in method order.' })
  featureImportance(@Root() run: Run, @Arg('method', () => FeatureImportanceMethod, { nullable: true }) method: FeatureImportanceMethod | undefined, @Ctx() ctx: Context) {
    return predictions.featureImportanceOfRun(ctx, run.id, method ?? undefined);
  }
}
