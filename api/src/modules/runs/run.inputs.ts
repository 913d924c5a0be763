import { ArrayMaxSize, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { SortDirection } from '../../platform/connection.js';
import type { Problem } from '../../platform/errors.js';
import { LogLevel, RunStatus, RunTrigger, RunType } from './run.enums.js';

export enum RunSortField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(RunSortField, { name: 'RunSortField' });

@InputType()
export class RunOrder {
  @Field(() => RunSortField, { defaultValue: RunSortField.CREATED_AT })
  field: RunSortField = RunSortField.CREATED_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction: SortDirection = SortDirection.DESC;
}

@InputType()
export class RunFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these runs (at most 100), e.g. for a comparison.' })
  @IsOptional()
  @ArrayMaxSize(100)
  ids?: string[];

  @Field(() => ID, { nullable: true })
  modelId?: string;

  @Field(() => ID, { nullable: true })
  recipeId?: string;

  @Field(() => RunType, { nullable: true })
  type?: RunType;

  @Field(() => [RunStatus], { nullable: true, description: 'Any of these statuses.' })
  statuses?: RunStatus[];
}

@InputType()
export class ParamInput {
  @Field()
  @Length(1, 200)
  key!: string;

  @Field()
  @MaxLength(10_000)
  value!: string;
}

@InputType()
export class MetricInput {
  @Field()
  @Length(1, 200)
  key!: string;

  @Field(() => Float)
  value!: number;
}

@InputType()
export class CreateRunInput {
  @Field(() => ID)
  modelId!: string;

  @Field(() => RunType)
  type!: RunType;

  @Field(() => RunTrigger, { defaultValue: RunTrigger.API })
  trigger: RunTrigger = RunTrigger.API;

  @Field(() => [ParamInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(1000)
  params!: ParamInput[];

  @Field({ nullable: true, description: 'Retrying with the same key returns the run created the first time.' })
  @IsOptional()
  @Length(1, 200)
  idempotencyKey?: string;
}

@InputType()
export class UpdateRunStatusInput {
  @Field(() => ID)
  runId!: string;

  @Field(() => RunStatus)
  status!: RunStatus;

  @Field(() => Float, { nullable: true, description: 'Progress from 0 to 1.' })
  @IsOptional()
  @Min(0)
  @Max(1)
  progress?: number;

  @Field({ nullable: true, description: 'Why the run failed (for FAILED).' })
  @IsOptional()
  @MaxLength(10_000)
  error?: string;

  @Field(() => [MetricInput], { nullable: true, description: 'Final metrics; replaces the values of the same keys.' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(1000)
  metrics?: MetricInput[];
}

@InputType()
export class ReportRunProgressInput {
  @Field(() => ID)
  runId!: string;

  @Field(() => Float, { description: 'Progress from 0 to 1.' })
  @Min(0)
  @Max(1)
  progress!: number;
}

@InputType()
export class MetricPointInput {
  @Field()
  @Length(1, 200)
  key!: string;

  @Field(() => Int)
  @Min(0)
  step!: number;

  @Field(() => Float)
  value!: number;

  @Field({ nullable: true, description: 'Defaults to now.' })
  recordedAt?: Date;
}

@InputType()
export class LogRunMetricsInput {
  @Field(() => ID)
  runId!: string;

  @Field(() => [MetricPointInput])
  @ValidateNested({ each: true })
  @ArrayMaxSize(10_000)
  points!: MetricPointInput[];

  @Field({ nullable: true, description: 'Retrying the same batch with the same key writes nothing new and returns the run.' })
  @IsOptional()
  @Length(1, 200)
  idempotencyKey?: string;
}

@InputType()
export class LogLineInput {
  @Field(() => LogLevel, { defaultValue: LogLevel.INFO })
  level: LogLevel = LogLevel.INFO;

  @Field()
  @Length(1, 10_000)
  message!: string;

  @Field({ nullable: true, description: 'Defaults to now.' })
  loggedAt?: Date;
}

@InputType()
export class AppendRunLogsInput {
  @Field(() => ID)
  runId!: string;

  @Field(() => [LogLineInput])
  @ValidateNested({ each: true })
  @ArrayMaxSize(10_000)
  lines!: LogLineInput[];
}

/**
 * LogRunMetricsInput's rules, checked by hand: class-validator walks every one of up to 10,000 nested
 * points through its metadata, which costs more than writing them. Same paths and messages.
 */
export function logRunMetricsProblems(input: LogRunMetricsInput, prefix = 'input'): Problem[] {
  const problems: Problem[] = [];
  if (input.points.length > 10_000) problems.push({ path: `${prefix}.points`, message: 'points must contain no more than 10000 elements' });
  if (input.idempotencyKey !== undefined && input.idempotencyKey !== null && (input.idempotencyKey.length < 1 || input.idempotencyKey.length > 200)) {
    problems.push({ path: `${prefix}.idempotencyKey`, message: 'idempotencyKey must be longer than or equal to 1 and shorter than or equal to 200 characters' });
  }
  for (let i = 0; i < input.points.length && problems.length < 100; i++) {
    const p = input.points[i]!;
    if (p.key.length < 1 || p.key.length > 200) problems.push({ path: `${prefix}.points[${i}].key`, message: 'key must be longer than or equal to 1 and shorter than or equal to 200 characters' });
    if (p.step < 0) problems.push({ path: `${prefix}.points[${i}].step`, message: 'step must not be less than 0' });
  }
  return problems;
}
