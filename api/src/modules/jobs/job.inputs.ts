import { ArrayMaxSize, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ParamInput } from '../runs/run.inputs.js';
import { RunTrigger, RunType } from '../runs/run.enums.js';

export enum DatasetSize {
  SMALL = 'SMALL',
  DEFAULT = 'DEFAULT',
}
registerEnumType(DatasetSize, { name: 'DatasetSize', description: 'SMALL: seconds, for tries and tests. DEFAULT: the full shipped data set.' });

@InputType({ description: 'A data set that ships with Modelyard (one per family, generated from a seed with a known ground truth).' })
export class DatasetInput {
  @Field({ nullable: true, description: "The family's data set (the default); another name is refused." })
  @IsOptional()
  @Length(1, 100)
  name?: string;

  @Field(() => Int, { defaultValue: 1, description: 'Generator seed: the same seed always gives the same rows.' })
  @Min(0)
  @Max(2 ** 31 - 1)
  seed: number = 1;

  @Field(() => DatasetSize, { defaultValue: DatasetSize.DEFAULT })
  size: DatasetSize = DatasetSize.DEFAULT;
}

@InputType({ description: 'A run for the worker. Give `modelId`, or `recipeVersionId` to register a DRAFT model from that version first.' })
export class QueueRunInput {
  @Field(() => ID, { nullable: true })
  modelId?: string;

  @Field(() => ID, { nullable: true, description: 'A version of an APPROVED recipe; a DRAFT model is registered from it (named `modelName`).' })
  recipeVersionId?: string;

  @Field({ nullable: true, description: 'Name of the model registered from `recipeVersionId` (default: recipe name and version).' })
  @IsOptional()
  @Length(1, 200)
  modelName?: string;

  @Field(() => RunType)
  type!: RunType;

  @Field(() => [ParamInput], { defaultValue: [], description: 'Overrides read by the learner, e.g. `algorithm`.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  params!: ParamInput[];

  @Field(() => DatasetInput, { nullable: true, description: "Default: the family's data set, seed 1, DEFAULT size." })
  @IsOptional()
  @ValidateNested()
  dataset?: DatasetInput;

  @Field(() => RunTrigger, { defaultValue: RunTrigger.MANUAL })
  trigger: RunTrigger = RunTrigger.MANUAL;

  @Field({ nullable: true, description: 'Queueing twice with the same key returns the first run.' })
  @IsOptional()
  @Length(1, 200)
  idempotencyKey?: string;
}
