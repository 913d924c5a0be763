import { ArrayMaxSize, IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { NamedOrderInput, namedSortEnum } from '../../platform/sorting.js';
import { RecipeFamily, VersionBump } from '../recipes/recipe.enums.js';
import { EvaluationKind, MetricDirection } from './evaluation.enums.js';

export const EvaluationPackSortField = namedSortEnum('EvaluationPackSortField');
export const EvaluationPackOrder = NamedOrderInput('EvaluationPackOrder', EvaluationPackSortField);
export type EvaluationPackOrder = InstanceType<typeof EvaluationPackOrder>;

@InputType()
export class EvaluationPackFilter {
  @Field(() => RecipeFamily, { nullable: true })
  family?: RecipeFamily;

  @Field({ nullable: true, description: 'Case-insensitive substring of the name.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

@InputType()
export class EvaluationResultFilter {
  @Field(() => EvaluationKind, { nullable: true })
  kind?: EvaluationKind;
}

@InputType({ description: 'A metric rule. Lower-is-better: promote ≤ warn < fail; higher-is-better: promote ≥ warn > fail.' })
export class MetricRuleInput {
  @Field({ description: 'Metric key, e.g. `MAPE` (unique within the version).' })
  @MaxLength(200)
  key!: string;

  @Field(() => MetricDirection)
  direction!: MetricDirection;

  @Field(() => Float)
  promote!: number;

  @Field(() => Float)
  warn!: number;

  @Field(() => Float)
  fail!: number;

  @Field({ defaultValue: true, description: 'A missing required metric fails the evaluation; a missing optional one is SKIPPED.' })
  required: boolean = true;
}

@InputType()
export class CreateEvaluationPackInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => RecipeFamily, { description: 'The pack can only be attached to recipes of this family.' })
  family!: RecipeFamily;

  @Field({ defaultValue: '' })
  @MaxLength(5000)
  description: string = '';

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(50)
  @MaxLength(100, { each: true })
  tags!: string[];

  @Field(() => [MetricRuleInput], { description: 'The rules of version 1.0.0.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  rules!: MetricRuleInput[];

  @Field({ defaultValue: 'Initial version' })
  @Length(1, 2000)
  changeNote: string = 'Initial version';
}

@InputType()
export class UpdateEvaluationPackInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string;

  @Field(() => [String], { nullable: true, description: 'Replaces the tags.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(100, { each: true })
  tags?: string[];
}

@InputType()
export class CreateEvaluationPackVersionInput {
  @Field(() => ID)
  packId!: string;

  @Field(() => [MetricRuleInput])
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  rules!: MetricRuleInput[];

  @Field()
  @Length(1, 2000)
  changeNote!: string;

  @Field(() => VersionBump, { defaultValue: VersionBump.MINOR })
  bump: VersionBump = VersionBump.MINOR;
}
