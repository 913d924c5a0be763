import { Field, Float, ObjectType } from 'type-graphql';
import { MetricDirection, MetricEvaluationStatus } from './evaluation.enums.js';

@ObjectType({ simpleResolvers: true, description: 'A metric rule of an evaluation pack version.' })
export class MetricRule {
  @Field({ description: 'Metric key, e.g. `MAPE`.' })
  key!: string;

  @Field(() => MetricDirection)
  direction!: MetricDirection;

  @Field(() => Float, { description: 'Values at or better than this meet the promotion bar.' })
  promote!: number;

  @Field(() => Float, { description: 'PASS up to (and including) this value, in the metric direction.' })
  warn!: number;

  @Field(() => Float, { description: 'FAIL at (and beyond) this value.' })
  fail!: number;

  @Field({ description: 'A missing required metric fails the evaluation; a missing optional one is SKIPPED.' })
  required!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'How one metric fared against its rule.' })
export class MetricEvaluation {
  @Field()
  key!: string;

  @Field(() => Float, { nullable: true, description: 'The reported value; null when missing.' })
  actual!: number | null;

  @Field(() => MetricEvaluationStatus)
  status!: MetricEvaluationStatus;

  @Field({ description: 'Whether the value meets the promotion bar.' })
  promotable!: boolean;

  @Field(() => MetricRule, { description: 'The rule (direction and thresholds) the value was judged against.' })
  thresholds!: MetricRule;

  @Field({ nullable: true, description: 'Why the metric has its status, e.g. "missing".' })
  note?: string;
}
