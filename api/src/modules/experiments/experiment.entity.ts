import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Workspace } from '../workspaces/workspace.entity.js';
import { ExperimentDecision, ExperimentStatus } from './experiment.enums.js';
import { ExperimentResult, type StoredAdoption } from './experiment.types.js';

@ObjectType({ simpleResolvers: true, description: 'A human-led hypothesis: proposed, approved (or rejected), run, shadow-tested, and completed with a decision.' })
@Entity({ tableName: 'experiment' })
@Index({ properties: ['workspace', 'updatedAt', 'id'] })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({ properties: ['workspace', 'name', 'id'] })
@Index({ properties: ['workspace', 'status'] })
export class Experiment {
  [OptionalProps]?:
    | 'id'
    | 'createdAt'
    | 'updatedAt'
    | 'description'
    | 'status'
    | 'decision'
    | 'rationale'
    | 'results'
    | 'resultsSummary'
    | 'adoptions'
    | 'approvedAt'
    | 'approvedBy'
    | 'approvalNote'
    | 'rejectedAt'
    | 'rejectedBy'
    | 'startedAt'
    | 'startedBy'
    | 'shadowStartedAt'
    | 'shadowStartedBy'
    | 'completedAt'
    | 'completedBy';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'What the experiment expects to be true, e.g. “adding promotions as a feature lowers MAPE”.' })
  @Property({ type: 'text' })
  hypothesis!: string;

  @Field({ description: 'The metric the hypothesis is about, e.g. `MAPE`.' })
  @Property({ type: 'text' })
  targetMetric!: string;

  @Field(() => Float, { description: 'Expected relative improvement of the target metric (0.05 = 5 %).' })
  @Property({ type: 'double precision' })
  expectedImprovement!: number;

  @Field()
  @Property({ type: 'text' })
  description: string = '';

  @Field({ description: 'Who proposed it.' })
  @Property({ type: 'text' })
  owner!: string;

  @Field(() => ExperimentStatus)
  @Enum({ items: () => ExperimentStatus, nativeEnumName: 'experiment_status' })
  status: ExperimentStatus = ExperimentStatus.PROPOSED;

  @Field(() => ExperimentDecision, { nullable: true, description: 'Set when COMPLETED.' })
  @Enum({ items: () => ExperimentDecision, nativeEnumName: 'experiment_decision', nullable: true })
  decision?: ExperimentDecision | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected (REJECTED) or decided as it was (COMPLETED).' })
  @Property({ type: 'text', nullable: true })
  rationale?: string | null;

  @Field(() => [ExperimentResult], { description: 'Measured results, recorded at completion.' })
  @Property({ type: 'jsonb' })
  results: ExperimentResult[] = [];

  @Field(() => String, { nullable: true, description: 'Free-text summary of the results.' })
  @Property({ type: 'text', nullable: true })
  resultsSummary?: string | null;

  /** What the completion did to each adopted model (exposed as `adoptions`). */
  @Property({ type: 'jsonb' })
  adoptions: StoredAdoption[] = [];

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  approvedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  approvedBy?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  approvalNote?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  rejectedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  rejectedBy?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it went IN_PROGRESS.' })
  @Property({ type: 'timestamptz', nullable: true })
  startedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  startedBy?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it went SHADOW_TESTING (null if it never did).' })
  @Property({ type: 'timestamptz', nullable: true })
  shadowStartedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  shadowStartedBy?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  completedBy?: string | null;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
