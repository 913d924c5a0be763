import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, InputType } from 'type-graphql';
import type { Problem } from '../../platform/errors.js';
import { FeatureImportanceMethod, FeatureImportanceScope } from './prediction.enums.js';

export const MAX_PREDICTIONS_PER_CALL = 10_000;
export const MAX_ACTUALS_PER_CALL = 10_000;
export const MAX_FEATURES = 10_000;
/** Problems reported per call at most. */
const MAX_PROBLEMS = 100;

@InputType()
export class PredictionInput {
  @Field({ description: 'The caller’s request id (1–200 characters); a model logs a request id once.' })
  requestId!: string;

  @Field(() => GraphQLJSONObject, { description: 'The features the model was given.' })
  inputs!: Record<string, unknown>;

  @Field(() => Float)
  prediction!: number;

  @Field({ nullable: true, description: 'The predicted class, for classifiers (at most 200 characters).' })
  label?: string;

  @Field(() => Float, { nullable: true, description: '0–1.' })
  confidence?: number;

  @Field(() => Float, { description: 'Serving latency in milliseconds (≥ 0).' })
  latencyMs!: number;

  @Field({ defaultValue: false, description: 'Scored in shadow mode (logged for comparison, not served).' })
  shadow: boolean = false;

  @Field(() => GraphQLJSONObject, { nullable: true })
  metadata?: Record<string, unknown>;

  @Field({ nullable: true, description: 'Defaults to now.' })
  predictedAt?: Date;
}

@InputType()
export class LogPredictionsInput {
  @Field(() => ID)
  modelId!: string;

  @Field(() => [PredictionInput], { description: `At most ${MAX_PREDICTIONS_PER_CALL.toLocaleString('en')} per call.` })
  predictions!: PredictionInput[];
}

@InputType()
export class ActualInput {
  @Field({ description: 'The request id the predictions were logged with (1–200 characters).' })
  requestId!: string;

  @Field(() => Float, { description: 'The observed outcome (for a PROPORTION A/B test: 0 or 1, any non-zero value counts as 1).' })
  actual!: number;

  @Field({ nullable: true, description: 'The observed class, for classifiers (at most 200 characters).' })
  actualLabel?: string;

  @Field({ nullable: true, description: 'When the outcome happened; defaults to now.' })
  observedAt?: Date;
}

@InputType()
export class RecordActualsInput {
  @Field(() => [ActualInput], { description: `At most ${MAX_ACTUALS_PER_CALL.toLocaleString('en')} per call; each request id once.` })
  actuals!: ActualInput[];
}

@InputType()
export class FeatureImportanceValueInput {
  @Field({ description: '1–200 characters.' })
  feature!: string;

  @Field(() => Float)
  importance!: number;
}

@InputType()
export class RecordFeatureImportanceInput {
  @Field(() => ID, { nullable: true, description: 'Exactly one of modelId and runId.' })
  modelId?: string;

  @Field(() => ID, { nullable: true, description: 'Exactly one of modelId and runId (a run implies its model).' })
  runId?: string;

  @Field(() => FeatureImportanceMethod)
  method!: FeatureImportanceMethod;

  @Field(() => FeatureImportanceScope, { defaultValue: FeatureImportanceScope.GLOBAL })
  scope: FeatureImportanceScope = FeatureImportanceScope.GLOBAL;

  @Field({ nullable: true, description: 'The prediction explained: required with PREDICTION scope, refused with GLOBAL.' })
  requestId?: string;

  @Field(() => [FeatureImportanceValueInput], { description: `1–${MAX_FEATURES.toLocaleString('en')} features, each once.` })
  values!: FeatureImportanceValueInput[];
}

@InputType()
export class PredictionLogFilter {
  @Field({ nullable: true })
  requestId?: string;

  @Field({ nullable: true, description: 'Only shadow (true) or only served (false) predictions.' })
  shadow?: boolean;

  @Field({ nullable: true, description: 'Only predictions whose actual was recorded (true) or not yet (false).' })
  hasActual?: boolean;

  @Field({ nullable: true, description: 'Predicted at or after.' })
  from?: Date;

  @Field({ nullable: true, description: 'Predicted before.' })
  to?: Date;
}

class Problems {
  readonly list: Problem[] = [];
  private dropped = 0;

  add(path: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ path, message });
    else this.dropped++;
  }

  done(path: string): Problem[] {
    if (this.dropped) this.list.push({ path, message: `${this.dropped} more problems` });
    return this.list;
  }
}

function requestIdProblem(problems: Problems, path: string, requestId: string): void {
  if (requestId.length < 1 || requestId.length > 200) problems.add(path, 'must be 1–200 characters long');
}

/** LogPredictionsInput's rules, checked by hand (class-validator costs more than the insert on 10,000 rows). */
export function logPredictionsProblems(input: LogPredictionsInput, prefix = 'input'): Problem[] {
  const problems = new Problems();
  const path = `${prefix}.predictions`;
  if (input.predictions.length === 0) problems.add(path, 'must contain at least one prediction');
  if (input.predictions.length > MAX_PREDICTIONS_PER_CALL) problems.add(path, `must contain no more than ${MAX_PREDICTIONS_PER_CALL} predictions`);
  for (let i = 0; i < input.predictions.length && i <= MAX_PREDICTIONS_PER_CALL; i++) {
    const p = input.predictions[i]!;
    requestIdProblem(problems, `${path}[${i}].requestId`, p.requestId);
    if (p.label !== undefined && p.label !== null && p.label.length > 200) problems.add(`${path}[${i}].label`, 'must be at most 200 characters long');
    if (p.confidence !== undefined && p.confidence !== null && !(p.confidence >= 0 && p.confidence <= 1)) problems.add(`${path}[${i}].confidence`, 'must be between 0 and 1');
    if (!(p.latencyMs >= 0)) problems.add(`${path}[${i}].latencyMs`, 'must not be less than 0');
  }
  return problems.done(path);
}

/** RecordActualsInput's rules: size, request ids (each once per call: a batch sets one outcome per request). */
export function recordActualsProblems(input: RecordActualsInput, prefix = 'input'): Problem[] {
  const problems = new Problems();
  const path = `${prefix}.actuals`;
  if (input.actuals.length === 0) problems.add(path, 'must contain at least one actual');
  if (input.actuals.length > MAX_ACTUALS_PER_CALL) problems.add(path, `must contain no more than ${MAX_ACTUALS_PER_CALL} actuals`);
  const seen = new Map<string, number>();
  for (let i = 0; i < input.actuals.length && i <= MAX_ACTUALS_PER_CALL; i++) {
    const a = input.actuals[i]!;
    requestIdProblem(problems, `${path}[${i}].requestId`, a.requestId);
    const first = seen.get(a.requestId);
    if (first !== undefined) problems.add(`${path}[${i}].requestId`, `repeats ${path}[${first}].requestId (${a.requestId})`);
    else seen.set(a.requestId, i);
    if (a.actualLabel !== undefined && a.actualLabel !== null && a.actualLabel.length > 200) problems.add(`${path}[${i}].actualLabel`, 'must be at most 200 characters long');
  }
  return problems.done(path);
}

export function recordFeatureImportanceProblems(input: RecordFeatureImportanceInput, prefix = 'input'): Problem[] {
  const problems = new Problems();
  const hasModel = input.modelId !== undefined && input.modelId !== null;
  const hasRun = input.runId !== undefined && input.runId !== null;
  if (hasModel === hasRun) problems.add(prefix, 'give exactly one of modelId and runId');
  const hasRequest = input.requestId !== undefined && input.requestId !== null;
  if (input.scope === FeatureImportanceScope.PREDICTION && !hasRequest) problems.add(`${prefix}.requestId`, 'is required with PREDICTION scope');
  if (input.scope === FeatureImportanceScope.GLOBAL && hasRequest) problems.add(`${prefix}.requestId`, 'is only for PREDICTION scope');
  if (hasRequest) requestIdProblem(problems, `${prefix}.requestId`, input.requestId!);
  const path = `${prefix}.values`;
  if (input.values.length === 0) problems.add(path, 'must contain at least one feature');
  if (input.values.length > MAX_FEATURES) problems.add(path, `must contain no more than ${MAX_FEATURES} features`);
  const seen = new Map<string, number>();
  for (let i = 0; i < input.values.length && i <= MAX_FEATURES; i++) {
    const v = input.values[i]!;
    if (v.feature.length < 1 || v.feature.length > 200) problems.add(`${path}[${i}].feature`, 'must be 1–200 characters long');
    const first = seen.get(v.feature);
    if (first !== undefined) problems.add(`${path}[${i}].feature`, `repeats ${path}[${first}].feature (${v.feature})`);
    else seen.set(v.feature, i);
  }
  return problems.done(path);
}
