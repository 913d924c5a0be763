import { Field, Float, ID, ObjectType } from 'type-graphql';
import { EvaluationStatus, MetricDirection } from '../evaluation/evaluation.enums.js';

@ObjectType({ simpleResolvers: true, description: 'One metric the challenger must improve (by a relative margin) or at least not worsen.' })
export class PromotionCriterion {
  @Field({ description: 'Metric key, e.g. `MAE`.' })
  metric!: string;

  @Field(() => MetricDirection)
  direction!: MetricDirection;

  @Field(() => Float, {
    nullable: true,
    description: 'Minimum relative improvement over the champion in the metric direction (0.05 = at least 5% better); when the champion value is 0 the metric must simply not be worse.',
  })
  minRelativeImprovement!: number | null;

  @Field({ description: 'The challenger must not be worse than the champion (used when there is no minimum improvement).' })
  notWorse!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "An arena's promotion policy, as data: every criterion must be met." })
export class PromotionPolicy {
  @Field(() => [PromotionCriterion])
  criteria!: PromotionCriterion[];

  @Field({ description: "The challenger's latest evaluation must not be FAIL." })
  requireNotFail!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'How the challenger fares on one criterion of the policy.' })
export class CriterionOutcome {
  @Field()
  metric!: string;

  @Field(() => MetricDirection)
  direction!: MetricDirection;

  @Field(() => Float, { nullable: true, description: "The champion's value in its latest succeeded run (null when missing)." })
  championValue!: number | null;

  @Field(() => Float, { nullable: true, description: "The challenger's value in its latest succeeded run (null when missing)." })
  challengerValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'Improvement relative to the champion in the metric direction (0.1 = 10% better; negative = worse); null when it cannot be computed.' })
  relativeImprovement!: number | null;

  @Field({ description: 'What the policy requires, e.g. "≥5% better" or "not worse".' })
  required!: string;

  @Field()
  met!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'Whether a challenger meets its arena’s promotion policy, explained metric by metric.' })
export class PromotionDecision {
  @Field({ description: 'True when every criterion is met (and the latest evaluation is not FAIL when the policy requires it).' })
  promote!: boolean;

  @Field(() => [String], { description: 'One line per criterion and check, in policy order.' })
  reasons!: string[];

  @Field(() => [CriterionOutcome])
  criteria!: CriterionOutcome[];

  @Field(() => EvaluationStatus, { nullable: true, description: "Worst status of the evaluation results of the challenger's latest succeeded run (null when not evaluated)." })
  challengerLatestStatus!: EvaluationStatus | null;

  @Field(() => ID, { nullable: true, description: "The champion's latest succeeded run, whose final metrics were compared." })
  championRunId!: string | null;

  @Field(() => ID, { nullable: true, description: "The challenger's latest succeeded run, whose final metrics were compared." })
  challengerRunId!: string | null;
}
