import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Model } from '../models/model.entity.js';
import { AdoptionOutcome, ExperimentModelRole, ExperimentStatus } from './experiment.enums.js';

@ObjectType({ simpleResolvers: true, description: 'One measured result of an experiment: the target (or another) metric of the baseline and what was observed.' })
export class ExperimentResult {
  @Field()
  metric!: string;

  @Field(() => Float)
  baseline!: number;

  @Field(() => Float)
  observed!: number;

  @Field(() => Float, { nullable: true, description: '(observed − baseline) / |baseline|, whatever the metric’s direction (null when the baseline is 0).' })
  relativeChange!: number | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

/** What completing an experiment did to one adopted model (stored on the experiment). */
export interface StoredAdoption {
  modelId: string;
  outcome: AdoptionOutcome;
  arenaId: string | null;
}

@ObjectType({ description: 'What the completion did to one adopted CANDIDATE model.' })
export class ExperimentAdoption implements StoredAdoption {
  modelId!: string;

  arenaId!: string | null;

  @Field(() => AdoptionOutcome)
  outcome!: AdoptionOutcome;
}

@ObjectType({ simpleResolvers: true, description: 'A model linked to an experiment, with its role in it.' })
export class ExperimentModel {
  @Field(() => ExperimentModelRole)
  role!: ExperimentModelRole;

  @Field()
  linkedAt!: Date;

  @Field(() => Model)
  model!: Model;
}

@ObjectType({ simpleResolvers: true })
export class ExperimentStatusCount {
  @Field(() => ExperimentStatus)
  status!: ExperimentStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'How many experiments match a filter, per status (the columns of the experiments board).' })
export class ExperimentCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => [ExperimentStatusCount], { description: 'Every status in workflow order, zero included.' })
  byStatus!: ExperimentStatusCount[];
}
