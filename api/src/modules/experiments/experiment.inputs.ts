import { IsOptional, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { NamedOrderInput, namedSortEnum } from '../../platform/sorting.js';
import { ExperimentDecision, ExperimentModelRole, ExperimentStatus } from './experiment.enums.js';

// Text fields are checked by experiment.validation.ts (trimmed, every problem at once, with paths).

export const ExperimentSortField = namedSortEnum('ExperimentSortField');
export const ExperimentOrder = NamedOrderInput('ExperimentOrder', ExperimentSortField);
export type ExperimentOrder = InstanceType<typeof ExperimentOrder>;

@InputType()
export class ExperimentFilter {
  @Field(() => [ExperimentStatus], { nullable: true })
  statuses?: ExperimentStatus[];

  @Field(() => ID, { nullable: true, description: 'Experiments this model is linked to (in any role).' })
  modelId?: string;

  @Field({ nullable: true, description: 'Case-insensitive substring of the name or the hypothesis.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

@InputType()
export class ExperimentModelInput {
  @Field(() => ID)
  modelId!: string;

  @Field(() => ExperimentModelRole, { defaultValue: ExperimentModelRole.CANDIDATE })
  role: ExperimentModelRole = ExperimentModelRole.CANDIDATE;
}

@InputType()
export class ProposeExperimentInput {
  @Field()
  name!: string;

  @Field()
  hypothesis!: string;

  @Field({ description: 'The metric the hypothesis is about, e.g. `MAPE`.' })
  targetMetric!: string;

  @Field(() => Float, { description: 'Expected relative improvement of the target metric, > 0 (0.05 = 5 %).' })
  expectedImprovement!: number;

  @Field({ defaultValue: '' })
  description: string = '';

  @Field(() => [ExperimentModelInput], { nullable: true, description: 'Models to link right away (see linkExperiment).' })
  models?: ExperimentModelInput[];

  @Field(() => [ID], { nullable: true })
  runIds?: string[];

  @Field(() => [ID], { nullable: true })
  abTestIds?: string[];
}

@InputType({ description: 'The fields to change (omitted ones keep their value). Only before the experiment is COMPLETED or REJECTED.' })
export class UpdateExperimentInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true })
  hypothesis?: string;

  @Field({ nullable: true })
  targetMetric?: string;

  @Field(() => Float, { nullable: true })
  expectedImprovement?: number;

  @Field({ nullable: true })
  description?: string;
}

@InputType({ description: 'Targets to link; each must be in the workspace (NOT_FOUND otherwise). Linking a linked model again sets its role.' })
export class LinkExperimentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => [ExperimentModelInput], { nullable: true })
  models?: ExperimentModelInput[];

  @Field(() => [ID], { nullable: true })
  runIds?: string[];

  @Field(() => [ID], { nullable: true })
  abTestIds?: string[];
}

@InputType({ description: 'Links to remove; each must be linked to the experiment.' })
export class UnlinkExperimentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => [ID], { nullable: true })
  modelIds?: string[];

  @Field(() => [ID], { nullable: true })
  runIds?: string[];

  @Field(() => [ID], { nullable: true })
  abTestIds?: string[];
}

@InputType()
export class ExperimentResultInput {
  @Field()
  metric!: string;

  @Field(() => Float)
  baseline!: number;

  @Field(() => Float)
  observed!: number;

  @Field({ nullable: true })
  note?: string;
}

@InputType()
export class CompleteExperimentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ExperimentDecision)
  decision!: ExperimentDecision;

  @Field({ description: 'Why this decision (required).' })
  rationale!: string;

  @Field(() => [ExperimentResultInput], { nullable: true, description: 'Measured results (none when omitted).' })
  results?: ExperimentResultInput[];

  @Field({ nullable: true, description: 'Free-text summary of the results.' })
  resultsSummary?: string;

  @Field(() => [ID], { nullable: true, description: 'PARTIAL_ADOPT only (and required there): the linked CANDIDATE models to adopt.' })
  adoptModelIds?: string[];
}
