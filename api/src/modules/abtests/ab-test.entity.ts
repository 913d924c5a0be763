import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { MetricDirection } from '../evaluation/evaluation.enums.js';
import { Model } from '../models/model.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { AbTestKind, AbTestSource, AbTestStatus } from './ab-test.enums.js';
import type { StoredAbTestResult } from './ab-test.types.js';

@ObjectType({ simpleResolvers: true, description: 'An A/B test: two models over a traffic split, compared on one metric with a statistical test.' })
@Entity({ tableName: 'ab_test' })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({ properties: ['workspace', 'status', 'createdAt', 'id'] })
@Index({ properties: ['modelA', 'createdAt', 'id'] })
@Index({ properties: ['modelB', 'createdAt', 'id'] })
export class AbTest {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | 'description' | 'direction' | 'status' | 'source' | 'baseline' | 'standardDeviation' | 'startedAt' | 'concludedAt' | 'stoppedAt' | 'frozenResult';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field()
  @Property({ type: 'text' })
  description: string = '';

  /** The control arm (A). */
  @ManyToOne(() => Model, { deleteRule: 'cascade' })
  modelA!: Model;

  /** The treatment arm (B), receiving `split` of the traffic. */
  @ManyToOne(() => Model, { deleteRule: 'cascade' })
  modelB!: Model;

  @Field({ description: 'The metric the arms are compared on (e.g. conversion, revenue_per_visit).' })
  @Property({ type: 'text' })
  metric!: string;

  @Field(() => MetricDirection, { description: 'Which way is better for the metric: the winner is the arm that is significantly better in this direction.' })
  @Enum({ items: () => MetricDirection, columnType: 'text' })
  direction: MetricDirection = MetricDirection.HIGHER_IS_BETTER;

  @Field(() => AbTestKind)
  @Enum({ items: () => AbTestKind, nativeEnumName: 'ab_test_kind' })
  kind!: AbTestKind;

  @Field(() => Float, { description: 'Share of the traffic sent to model B (0–1, exclusive).' })
  @Property({ type: 'double precision' })
  split!: number;

  @Field(() => Float, { description: 'Significance level: B or A wins when p < alpha; intervals are (1 − alpha).' })
  @Property({ type: 'double precision' })
  alpha!: number;

  @Field(() => Float, { description: 'Power the required sample size is computed for.' })
  @Property({ type: 'double precision' })
  power!: number;

  @Field(() => Float, { description: 'Smallest absolute difference B − A worth detecting (in the metric’s units; for PROPORTION, in rate).' })
  @Property({ type: 'double precision' })
  minimumDetectableEffect!: number;

  @Field(() => Float, { nullable: true, description: 'Baseline mean or rate for the sample size (null: arm A’s observed estimate).' })
  @Property({ type: 'double precision', nullable: true })
  baseline?: number;

  @Field(() => Float, { nullable: true, description: 'MEAN: standard deviation for the sample size (null: arm A’s observed standard deviation).' })
  @Property({ type: 'double precision', nullable: true })
  standardDeviation?: number;

  @Field(() => AbTestSource)
  @Enum({ items: () => AbTestSource, nativeEnumName: 'ab_test_source' })
  source: AbTestSource = AbTestSource.OBSERVATIONS;

  @Field(() => AbTestStatus)
  @Enum({ items: () => AbTestStatus, nativeEnumName: 'ab_test_status' })
  status: AbTestStatus = AbTestStatus.RUNNING;

  @Field()
  @Property({ type: 'timestamptz' })
  startedAt: Date = new Date();

  @Field({ nullable: true, description: 'When the test COMPLETED (required size reached, or concluded by hand).' })
  @Property({ type: 'timestamptz', nullable: true })
  concludedAt?: Date;

  @Field({ nullable: true, description: 'When the test was STOPPED without a conclusion.' })
  @Property({ type: 'timestamptz', nullable: true })
  stoppedAt?: Date;

  /** The result as it was when the test ended (COMPLETED or STOPPED); null while RUNNING (computed live). */
  @Property({ type: 'jsonb', nullable: true })
  frozenResult?: StoredAbTestResult;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
