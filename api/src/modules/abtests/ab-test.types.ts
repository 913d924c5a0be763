import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AbArm } from './ab-test.enums.js';

@ObjectType({ simpleResolvers: true, description: 'One arm of an A/B test: how many observations and what they estimate.' })
export class AbArmResult {
  @Field(() => AbArm)
  arm!: AbArm;

  @Field(() => Int, { description: 'Observations so far.' })
  n!: number;

  @Field(() => Float, { nullable: true, description: 'MEAN: the mean; PROPORTION: the rate (successes / n). Null without observations.' })
  estimate!: number | null;

  @Field(() => Float, { nullable: true, description: 'MEAN: sample standard deviation (n − 1); PROPORTION: √(p(1 − p)). Null below 2 observations (MEAN) or without any.' })
  standardDeviation!: number | null;

  @Field(() => Int, { nullable: true, description: 'PROPORTION: the number of 1s.' })
  successes!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The statistics of an A/B test. Test fields (difference, interval, pValue, winner…) are null while the data cannot support the test (MEAN: fewer than 2 observations per arm or no variance at all; PROPORTION: an empty arm, or both rates 0 or 1).',
})
export class AbTestResult {
  @Field(() => AbArmResult)
  armA!: AbArmResult;

  @Field(() => AbArmResult)
  armB!: AbArmResult;

  @Field(() => Float, { nullable: true, description: 'estimate B − estimate A.' })
  difference!: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower end of the (1 − alpha) confidence interval of the difference (95 % at alpha 0.05).' })
  ciLow!: number | null;

  @Field(() => Float, { nullable: true })
  ciHigh!: number | null;

  @Field(() => Float, { description: 'The interval’s confidence level, 1 − alpha.' })
  confidenceLevel!: number;

  @Field(() => Float, { nullable: true, description: 'Two-sided p-value: Welch’s t-test (MEAN) or the pooled two-proportion z-test (PROPORTION).' })
  pValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'The t or z statistic (B − A).' })
  statistic!: number | null;

  @Field(() => Float, { nullable: true, description: 'Welch–Satterthwaite degrees of freedom (MEAN); null for PROPORTION.' })
  df!: number | null;

  @Field(() => AbArm, { nullable: true, description: 'The arm whose estimate is better in the test’s direction when p < alpha; null otherwise.' })
  winner!: AbArm | null;

  @Field(() => Float, { nullable: true, description: '1 − pValue.' })
  confidence!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Observations arm A needs to detect minimumDetectableEffect at alpha and power, for the test’s split (B gets split of the traffic: n_B / n_A = split / (1 − split)). Null when it cannot be computed yet (MEAN without a given or observable standard deviation; PROPORTION without a baseline rate).',
  })
  requiredSampleSizeA!: number | null;

  @Field(() => Int, { nullable: true, description: 'Observations arm B needs (see requiredSampleSizeA); equal to it for a 50/50 split.' })
  requiredSampleSizeB!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The larger of requiredSampleSizeA and requiredSampleSizeB (they are equal for a 50/50 split).',
    deprecationReason: 'The arms need different sizes when the split is not 50/50: use requiredSampleSizeA and requiredSampleSizeB.',
  })
  requiredSampleSizePerArm!: number | null;

  @Field({ description: 'Arm A has at least requiredSampleSizeA observations and arm B at least requiredSampleSizeB (and the test can be computed).' })
  sampleSizeReached!: boolean;

  @Field({ description: 'When these numbers were computed (for an ended test: when it ended).' })
  computedAt!: Date;
}

/** AbTestResult as stored on an ended test (jsonb, computedAt as ISO text). */
export type StoredAbTestResult = Omit<AbTestResult, 'computedAt'> & { computedAt: string };
