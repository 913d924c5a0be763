import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Model } from '../models/model.entity.js';
import { Recipe } from '../recipes/recipe.entity.js';
import { RecipeVersion } from '../recipes/recipe-version.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { DatasetRef, MetricValue, ParamValue } from './key-value.types.js';
import { RunStatus, RunTrigger, RunType } from './run.enums.js';

@ObjectType({ simpleResolvers: true, description: 'A training, evaluation or backtest run of a model.' })
@Entity({ tableName: 'run' })
@Unique({ properties: ['workspace', 'idempotencyKey'] })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({ properties: ['workspace', 'updatedAt', 'id'] })
@Index({ properties: ['model', 'createdAt', 'id'] })
@Index({ properties: ['model', 'updatedAt', 'id'] })
@Index({ properties: ['workspace', 'status'] })
@Index({ properties: ['workspace', 'type'] })
export class Run {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | 'params' | 'metrics' | 'progress' | 'error' | 'startedAt' | 'finishedAt' | 'idempotencyKey' | 'trigger' | 'dataset' | 'jobId' | 'attempt' | 'heartbeatAt' | 'cancelRequestedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Model, { deleteRule: 'cascade' })
  model!: Model;

  @ManyToOne(() => Recipe, { deleteRule: 'restrict' })
  recipe!: Recipe;

  @ManyToOne(() => RecipeVersion, { deleteRule: 'restrict' })
  recipeVersion!: RecipeVersion;

  @Field(() => RunType)
  @Enum({ items: () => RunType, nativeEnumName: 'run_type' })
  type!: RunType;

  @Field(() => RunStatus)
  @Enum({ items: () => RunStatus, nativeEnumName: 'run_status' })
  status!: RunStatus;

  @Field(() => RunTrigger)
  @Enum({ items: () => RunTrigger, nativeEnumName: 'run_trigger' })
  trigger: RunTrigger = RunTrigger.API;

  @Field(() => [ParamValue])
  @Property({ type: 'jsonb' })
  params: ParamValue[] = [];

  @Field(() => [MetricValue], { description: 'Final metrics (the last value reported per key).' })
  @Property({ type: 'jsonb' })
  metrics: MetricValue[] = [];

  @Field(() => Float, { description: 'Progress from 0 to 1.' })
  @Property({ type: 'double precision' })
  progress: number = 0;

  @Field({ nullable: true, description: 'Why the run failed.' })
  @Property({ type: 'text', nullable: true })
  error?: string;

  @Field({ nullable: true, description: 'Client-chosen key: creating a run twice with the same key returns the first run.' })
  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string;

  @Field(() => DatasetRef, { nullable: true, description: 'The shipped data set a worker run uses (null for runs reported from outside).' })
  @Property({ type: 'jsonb', nullable: true })
  dataset?: DatasetRef;

  /** The pg-boss job that executes the run (null for runs reported from outside). */
  @Property({ type: 'uuid', nullable: true })
  jobId?: string;

  @Field(() => Int, { description: 'How many times a worker has started the run (more than 1 after a retry or a recovered crash).' })
  @Property({ type: 'integer' })
  attempt: number = 0;

  /** Last sign of life of the worker executing the run. */
  @Property({ type: 'timestamptz', nullable: true })
  heartbeatAt?: Date;

  @Field({ nullable: true, description: 'When cancelRun asked a running run to stop (the worker stops at its next step).' })
  @Property({ type: 'timestamptz', nullable: true })
  cancelRequestedAt?: Date;

  @Field({ nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  startedAt?: Date;

  @Field({ nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
