import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'What logPredictions wrote.' })
export class LogPredictionsResult {
  @Field(() => Int, { description: 'Predictions in the batch.' })
  received!: number;

  @Field(() => Int, { description: 'Newly stored; the others were already logged for the model with the same request id (a retried batch stores 0).' })
  inserted!: number;

  @Field(() => Int, { description: 'received − inserted.' })
  duplicates!: number;
}

@ObjectType({ simpleResolvers: true, description: 'What recordActuals matched.' })
export class RecordActualsResult {
  @Field(() => Int, { description: 'Actuals in the batch (all stored; a later actual for a request id replaces the earlier one).' })
  received!: number;

  @Field(() => Int, { description: 'Prediction logs (of every model of the workspace) with one of the request ids.' })
  matchedLogs!: number;

  @Field(() => Int, { description: 'Request ids with no prediction logged yet: kept, and joined when their predictions arrive.' })
  unmatchedRequestIds!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Champion and challenger on the same requests (scored by both, with an actual). MAE = mean |prediction − actual|; MAPE = mean |prediction − actual| / |actual| as a fraction (0.12 = 12 %), over the requests whose actual is not 0.',
})
export class ShadowComparison {
  @Field(() => Int, { description: 'Requests scored by both models that have an actual.' })
  n!: number;

  @Field(() => Float, { nullable: true })
  championMae!: number | null;

  @Field(() => Float, { nullable: true })
  challengerMae!: number | null;

  @Field(() => Float, { nullable: true, description: 'Null when no actual is non-zero.' })
  championMape!: number | null;

  @Field(() => Float, { nullable: true })
  challengerMape!: number | null;

  @Field(() => Int, { description: 'Requests behind the MAPEs (actual ≠ 0).' })
  mapeN!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the requests where the two models agree: equal labels when both logged a label, else |a − b| ≤ tolerance · max(|a|, |b|, 1e-12).',
  })
  agreement!: number | null;

  @Field(() => Int, { description: 'Requests compared by label (the rest by value).' })
  labelComparisons!: number;

  @Field(() => Float)
  tolerance!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Predictions of one time bucket (UTC). Buckets without predictions are left out.' })
export class PredictionStatsBucket {
  @Field({ description: 'Start of the bucket.' })
  start!: Date;

  @Field(() => Int)
  count!: number;

  @Field(() => Float, { description: 'Median latency (continuous percentile, as percentile_cont).' })
  latencyP50!: number;

  @Field(() => Float)
  latencyP95!: number;

  @Field(() => Float)
  latencyP99!: number;

  @Field(() => Float)
  latencyMean!: number;

  @Field(() => Float, { nullable: true, description: 'Mean confidence of the predictions that reported one.' })
  meanConfidence!: number | null;

  @Field(() => Int, { description: 'Predictions whose actual is known.' })
  withActual!: number;

  @Field(() => Float, { nullable: true, description: 'Mean |prediction − actual| over those.' })
  mae!: number | null;
}
