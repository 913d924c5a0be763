import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { NamedOrderInput, namedSortEnum } from '../../platform/sorting.js';
import { RecipeFamily } from '../recipes/recipe.enums.js';
import { ModelStatus } from './model.enums.js';

export const ModelSortField = namedSortEnum('ModelSortField');
export const ModelOrder = NamedOrderInput('ModelOrder', ModelSortField);
export type ModelOrder = InstanceType<typeof ModelOrder>;

@InputType()
export class ModelFilter {
  @Field(() => RecipeFamily, { nullable: true })
  family?: RecipeFamily;

  @Field(() => ModelStatus, { nullable: true })
  status?: ModelStatus;

  @Field(() => ID, { nullable: true })
  recipeId?: string;

  @Field({ nullable: true, description: 'Case-insensitive substring of the name.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

@InputType()
export class RegisterModelInput {
  @Field(() => ID, { description: 'The recipe version the model is built from.' })
  recipeVersionId!: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field({ defaultValue: '' })
  @MaxLength(5000)
  description: string = '';

  @Field({ defaultValue: '' })
  @MaxLength(200)
  owner: string = '';
}

@InputType({ description: 'Changes to a model; omitted fields stay as they are.' })
export class UpdateModelInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The `version` the change is based on: a stale version is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(200)
  owner?: string;
}

@InputType({ description: 'Moves a model along DRAFT → STAGING → PRODUCTION → RETIRED (and STAGING → DRAFT).' })
export class TransitionModelInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ModelStatus)
  status!: ModelStatus;

  @Field(() => Int, { description: 'The `version` the change is based on: a stale version is refused with CONFLICT.' })
  expectedVersion!: number;
}
