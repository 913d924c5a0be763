import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, InputType } from 'type-graphql';
import { MetricInput } from '../runs/run.inputs.js';
import { FreshnessInput } from './monitoring.inputs.js';

/** Values per column (a million numbers is ≈ 8 MB in base64 and 20 MB as a JSON list). */
export const MAX_COLUMN_VALUES = 5_000_000;

@InputType({ description: 'The values of one feature: exactly one of `values`, `valuesBase64` (numeric) or `categories` (categorical).' })
export class FeatureColumnInput {
  @Field()
  @Length(1, 200)
  feature!: string;

  @Field(() => [Float], { nullable: true, description: 'Numeric values. For large columns prefer valuesBase64.' })
  @IsOptional()
  @ArrayMaxSize(MAX_COLUMN_VALUES)
  values?: number[];

  @Field({ nullable: true, description: 'Numeric values as base64 of little-endian float64 (8 bytes per value), e.g. `Buffer.from(new Float64Array(xs).buffer).toString("base64")` or numpy `arr.astype("<f8").tobytes()`.' })
  @IsOptional()
  valuesBase64?: string;

  @Field(() => [String], { nullable: true, description: 'Categorical values, one per row.' })
  @IsOptional()
  @ArrayMaxSize(MAX_COLUMN_VALUES)
  categories?: string[];
}

@InputType()
export class UploadReferenceProfileInput {
  @Field(() => ID)
  modelId!: string;

  @Field(() => [FeatureColumnInput], { description: "Each feature's reference values (all of them: the sketch and counts are exact, the stored sample is a reservoir of ≤ 100,000 values). Replaces the model's profiles of these features." })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  features!: FeatureColumnInput[];
}

@InputType({ description: 'A batch of current production data of a model: its drift is computed against the reference profiles.' })
export class RecordMonitorSampleInput {
  @Field(() => ID)
  modelId!: string;

  @Field({ nullable: true, description: 'Defaults to now.' })
  recordedAt?: Date;

  @Field(() => [FeatureColumnInput], { nullable: true, description: 'The sample column by column (give columns or rows).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(1000)
  columns?: FeatureColumnInput[];

  @Field(() => [GraphQLJSONObject], { nullable: true, description: 'The sample row by row, `{feature: value}` (small batches; give columns or rows). Null values are skipped.' })
  @IsOptional()
  @ArrayMaxSize(100_000)
  rows?: Record<string, unknown>[];

  // No `defaultValue` in this input (nor in FeatureColumnInput): a field default makes the executor
  // coerce the variables twice (see platform/jit-executor.ts), a second pass over a million floats.
  @Field(() => [MetricInput], { nullable: true, description: 'Performance metrics of the same period, evaluated by the attached packs (none by default: then nothing is evaluated).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(1000)
  performance?: MetricInput[];

  @Field(() => FreshnessInput, { nullable: true, description: 'Default: the data is as new as the snapshot, with the manifest’s monitoring.freshness.max_lag_hours (24 h without one).' })
  @IsOptional()
  @ValidateNested()
  freshness?: FreshnessInput;

  @Field({ nullable: true, description: 'Retrying with the same key returns the snapshot recorded the first time and writes nothing new.' })
  @IsOptional()
  @Length(1, 200)
  idempotencyKey?: string;
}
