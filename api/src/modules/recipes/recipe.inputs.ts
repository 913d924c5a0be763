import { IsObject, IsOptional, Length, MaxLength } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { NamedOrderInput, namedSortEnum } from '../../platform/sorting.js';
import { RecipeFamily, RecipeLevel, RecipeStatus, VersionBump } from './recipe.enums.js';

export const RecipeSortField = namedSortEnum('RecipeSortField');
export const RecipeOrder = NamedOrderInput('RecipeOrder', RecipeSortField);
export type RecipeOrder = InstanceType<typeof RecipeOrder>;

@InputType()
export class RecipeFilter {
  @Field(() => RecipeFamily, { nullable: true })
  family?: RecipeFamily;

  @Field(() => RecipeLevel, { nullable: true })
  level?: RecipeLevel;

  @Field(() => RecipeStatus, { nullable: true })
  status?: RecipeStatus;

  @Field({ nullable: true, description: 'Case-insensitive substring of the name.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

@InputType()
export class CreateRecipeInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => RecipeFamily)
  family!: RecipeFamily;

  @Field({ defaultValue: '' })
  @MaxLength(5000)
  description: string = '';

  @Field(() => GraphQLJSON, { description: 'The first version’s manifest (a JSON object).' })
  @IsObject()
  manifest!: Record<string, unknown>;

  @Field({ defaultValue: 'Initial version' })
  @Length(1, 2000)
  changeNote: string = 'Initial version';
}

@InputType()
export class CreateRecipeVersionInput {
  @Field(() => ID)
  recipeId!: string;

  @Field(() => GraphQLJSON)
  @IsObject()
  manifest!: Record<string, unknown>;

  @Field(() => VersionBump, { defaultValue: VersionBump.MINOR })
  bump: VersionBump = VersionBump.MINOR;

  @Field()
  @Length(1, 2000)
  changeNote!: string;
}

@InputType()
export class CloneRecipeInput {
  @Field(() => ID, { description: 'The recipe to clone (BASELINE or INDUSTRY).' })
  recipeId!: string;

  @Field(() => ID, { nullable: true, description: 'The parent’s version to clone from (default: its latest).' })
  versionId?: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field({ defaultValue: '' })
  @MaxLength(5000)
  description: string = '';

  @Field(() => GraphQLJSON, { nullable: true, description: 'The child’s first manifest: an overlay deep-merged over the parent’s resolved manifest (default `{}`).' })
  @IsOptional()
  @IsObject()
  overlay?: Record<string, unknown>;
}
