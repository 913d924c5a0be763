import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { NamedOrderInput, namedSortEnum } from '../../platform/sorting.js';
import { RecipeFamily } from '../recipes/recipe.enums.js';
import { EvaluationKind } from './evaluation.enums.js';

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
