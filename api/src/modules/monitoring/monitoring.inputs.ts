import { ArrayMaxSize, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { MetricInput } from '../runs/run.inputs.js';
import { DriftMethod } from './monitoring.types.js';

@InputType()
export class FeatureDriftInput {
  @Field()
  @Length(1, 200)
  feature!: string;

  @Field(() => DriftMethod)
  method!: DriftMethod;

  @Field(() => Float)
  score!: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1)
  pValue?: number;

  @Field(() => Float)
  threshold!: number;

  @Field()
  drifted!: boolean;
}

@InputType()
export class FreshnessInput {
  @Field({ description: 'Time of the newest data row behind the snapshot.' })
  lastDataAt!: Date;

  @Field(() => Float, { description: 'Allowed lag in hours.' })
  @Min(0)
  limitHours!: number;
}

@InputType()
export class RecordMonitorSnapshotInput {
  @Field(() => ID)
  modelId!: string;

  @Field({ nullable: true, description: 'Defaults to now.' })
  recordedAt?: Date;

  @Field(() => [MetricInput])
  @ValidateNested({ each: true })
  @ArrayMaxSize(1000)
  performance!: MetricInput[];

  @Field(() => [FeatureDriftInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(10_000)
  drift!: FeatureDriftInput[];

  @Field(() => FreshnessInput)
  @ValidateNested()
  freshness!: FreshnessInput;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  rowCount: number = 0;

  @Field({ nullable: true, description: 'Retrying with the same key returns the snapshot recorded the first time and writes nothing new.' })
  @IsOptional()
  @Length(1, 200)
  idempotencyKey?: string;
}
