import { Field, Float, ID, InputType } from 'type-graphql';
import type { Problem } from '../../platform/errors.js';
import { MetricDirection } from '../evaluation/evaluation.enums.js';
import { AbArm, AbTestKind, AbTestSource, AbTestStatus } from './ab-test.enums.js';

/** Values per recordAbObservations call. */
export const MAX_OBSERVATIONS_PER_CALL = 100_000;
/** Problems reported per call at most (a batch of 100,000 bad values reports the first ones). */
const MAX_PROBLEMS = 100;

@InputType()
export class StartAbTestInput {
  @Field({ description: '1–200 characters.' })
  name!: string;

  @Field({ nullable: true, description: 'At most 5,000 characters.' })
  description?: string;

  @Field(() => ID, { description: 'Arm A, the control.' })
  modelAId!: string;

  @Field(() => ID, { description: 'Arm B, the treatment (another model of the workspace).' })
  modelBId!: string;

  @Field({ description: 'The metric compared (1–200 characters), e.g. conversion or revenue_per_visit.' })
  metric!: string;

  @Field(() => MetricDirection, { defaultValue: MetricDirection.HIGHER_IS_BETTER, description: 'Which way the metric is better; decides which arm wins.' })
  direction: MetricDirection = MetricDirection.HIGHER_IS_BETTER;

  @Field(() => AbTestKind)
  kind!: AbTestKind;

  @Field(() => Float, { description: 'Share of the traffic sent to model B, strictly between 0 and 1.' })
  split!: number;

  @Field(() => Float, { defaultValue: 0.05, description: 'Significance level, strictly between 0 and 1.' })
  alpha: number = 0.05;

  @Field(() => Float, { defaultValue: 0.8, description: 'Power for the required sample size, strictly between 0 and 1.' })
  power: number = 0.8;

  @Field(() => Float, { description: 'Smallest absolute difference worth detecting, > 0 (PROPORTION: in rate, < 1).' })
  minimumDetectableEffect!: number;

  @Field(() => Float, { nullable: true, description: 'Baseline mean (MEAN) or rate strictly between 0 and 1 (PROPORTION) for the sample size; default: arm A’s observed one.' })
  baseline?: number;

  @Field(() => Float, { nullable: true, description: 'MEAN only: standard deviation (> 0) for the sample size; default: arm A’s observed one.' })
  standardDeviation?: number;

  @Field(() => AbTestSource, { defaultValue: AbTestSource.OBSERVATIONS })
  source: AbTestSource = AbTestSource.OBSERVATIONS;
}

@InputType()
export class RecordAbObservationsInput {
  @Field(() => ID)
  abTestId!: string;

  @Field(() => AbArm)
  arm!: AbArm;

  @Field(() => [Float], { description: `One value per observation (at most ${MAX_OBSERVATIONS_PER_CALL.toLocaleString('en')} per call); PROPORTION: 0 or 1.` })
  values!: number[];
}

@InputType()
export class AbTestFilter {
  @Field(() => AbTestStatus, { nullable: true })
  status?: AbTestStatus;

  @Field(() => ID, { nullable: true, description: 'Tests with this model in either arm.' })
  modelId?: string;
}

function length(problems: Problem[], path: string, value: string | undefined | null, min: number, max: number): void {
  if (value === undefined || value === null) return;
  if (value.length < min || value.length > max) problems.push({ path, message: `must be ${min}–${max} characters long` });
}

function openUnit(problems: Problem[], path: string, value: number): void {
  if (!(value > 0 && value < 1)) problems.push({ path, message: 'must be strictly between 0 and 1' });
}

/** StartAbTestInput's rules, checked together so that every problem is reported at once. */
export function startAbTestProblems(input: StartAbTestInput, prefix = 'input'): Problem[] {
  const problems: Problem[] = [];
  length(problems, `${prefix}.name`, input.name, 1, 200);
  length(problems, `${prefix}.description`, input.description, 0, 5000);
  length(problems, `${prefix}.metric`, input.metric, 1, 200);
  if (input.modelAId === input.modelBId) problems.push({ path: `${prefix}.modelBId`, message: 'must be another model than modelAId' });
  openUnit(problems, `${prefix}.split`, input.split);
  openUnit(problems, `${prefix}.alpha`, input.alpha);
  openUnit(problems, `${prefix}.power`, input.power);
  if (!(input.minimumDetectableEffect > 0)) problems.push({ path: `${prefix}.minimumDetectableEffect`, message: 'must be greater than 0' });
  if (input.kind === AbTestKind.PROPORTION) {
    if (input.minimumDetectableEffect >= 1) problems.push({ path: `${prefix}.minimumDetectableEffect`, message: 'must be less than 1 for a PROPORTION test (a difference of rates)' });
    if (input.baseline !== undefined && input.baseline !== null) openUnit(problems, `${prefix}.baseline`, input.baseline);
    if (input.standardDeviation !== undefined && input.standardDeviation !== null) problems.push({ path: `${prefix}.standardDeviation`, message: 'only MEAN tests take a standard deviation' });
  } else if (input.standardDeviation !== undefined && input.standardDeviation !== null && !(input.standardDeviation > 0)) {
    problems.push({ path: `${prefix}.standardDeviation`, message: 'must be greater than 0' });
  }
  return problems;
}

/** The batch size, and for PROPORTION tests that every value is 0 or 1. */
export function observationProblems(values: readonly number[], kind: AbTestKind | null, prefix = 'input'): Problem[] {
  const problems: Problem[] = [];
  if (values.length === 0) problems.push({ path: `${prefix}.values`, message: 'must contain at least one value' });
  if (values.length > MAX_OBSERVATIONS_PER_CALL) problems.push({ path: `${prefix}.values`, message: `must contain no more than ${MAX_OBSERVATIONS_PER_CALL} values` });
  if (kind === AbTestKind.PROPORTION) {
    let bad = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === 0 || v === 1) continue;
      if (++bad <= MAX_PROBLEMS) problems.push({ path: `${prefix}.values[${i}]`, message: 'must be 0 or 1 in a PROPORTION test' });
    }
    if (bad > MAX_PROBLEMS) problems.push({ path: `${prefix}.values`, message: `${bad - MAX_PROBLEMS} more values are neither 0 nor 1` });
  }
  return problems;
}
