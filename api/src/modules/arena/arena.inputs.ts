import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { NamedOrderInput, namedSortEnum } from '../../platform/sorting.js';
import { MetricDirection } from '../evaluation/evaluation.enums.js';
import { RecipeFamily } from '../recipes/recipe.enums.js';
import { ArenaRole } from './arena.enums.js';

export const ArenaSortField = namedSortEnum('ArenaSortField');
export const ArenaOrder = NamedOrderInput('ArenaOrder', ArenaSortField);
export type ArenaOrder = InstanceType<typeof ArenaOrder>;

@InputType()
export class ArenaFilter {
  @Field(() => RecipeFamily, { nullable: true })
  family?: RecipeFamily;

  @Field({ nullable: true, description: 'Case-insensitive substring of the name.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

// Policy inputs are checked as a whole by `validatePolicy` (cross-field rules, and problem paths that
// name the argument the policy came in).
@InputType({ description: 'Give either `minRelativeImprovement` or `notWorse: true`.' })
export class PromotionCriterionInput {
  @Field()
  metric!: string;

  @Field(() => MetricDirection)
  direction!: MetricDirection;

  @Field(() => Float, { nullable: true, description: 'E.g. 0.05: at least 5% better than the champion.' })
  minRelativeImprovement?: number | null;

  @Field({ defaultValue: false })
  notWorse: boolean = false;
}

@InputType()
export class PromotionPolicyInput {
  @Field(() => [PromotionCriterionInput])
  criteria!: PromotionCriterionInput[];

  @Field({ defaultValue: true })
  requireNotFail: boolean = true;
}

@InputType()
export class CreateArenaInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field({ defaultValue: '' })
  @MaxLength(5000)
  description: string = '';

  @Field(() => ID, { description: 'The first champion (weight 1); it sets the arena’s family.' })
  championModelId!: string;

  @Field(() => PromotionPolicyInput, {
    nullable: true,
    description:
      'Defaults to the family’s policy: FORECASTING needs MAE and MAPE each ≥5% lower and coverage_80 not lower; other families need each required metric of the champion’s attached packs ≥5% better. Both require the latest evaluation not to be FAIL.',
  })
  policy?: PromotionPolicyInput;
}

@InputType()
export class AddArenaEntryInput {
  @Field(() => ID)
  arenaId!: string;

  @Field(() => ID)
  modelId!: string;

  @Field(() => ArenaRole, { description: 'CHALLENGER or SHADOW; the entry starts with weight 0 (see setTrafficWeights).' })
  @IsIn([ArenaRole.CHALLENGER, ArenaRole.SHADOW], { message: 'a new entry is a CHALLENGER or a SHADOW; the champion changes only by promotion' })
  role!: ArenaRole;
}

@InputType()
export class TrafficWeightInput {
  @Field(() => ID)
  modelId!: string;

  @Field(() => Float)
  @Min(0)
  @Max(1)
  weight!: number;
}

@InputType()
export class SetTrafficWeightsInput {
  @Field(() => ID)
  arenaId!: string;

  @Field(() => [TrafficWeightInput], { description: 'New weights of serving entries; entries not listed keep theirs. The serving weights must then sum to 1.' })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  weights!: TrafficWeightInput[];
}

@InputType()
export class PromoteInput {
  @Field(() => ID)
  arenaId!: string;

  @Field(() => ID)
  challengerId!: string;

  @Field({ defaultValue: false, description: 'Promote although the policy is not met (requires a reason).' })
  override: boolean = false;

  @Field({ nullable: true, description: 'Why; required with `override`, stored in the audit event.' })
  @IsOptional()
  @MaxLength(5000)
  reason?: string;
}
