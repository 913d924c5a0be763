import { randomUUID } from 'node:crypto';
import { BigIntType, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Workspace } from '../workspaces/workspace.entity.js';
import { LogLevel } from './run.enums.js';
import { MetricValue } from './key-value.types.js';
import { Run } from './run.entity.js';

@ObjectType({ simpleResolvers: true, description: 'One point of a metric curve.' })
@Entity({ tableName: 'run_metric_point' })
@Index({ properties: ['run', 'key', 'step'] })
export class RunMetricPoint {
  [OptionalProps]?: 'id' | 'recordedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Run, { deleteRule: 'cascade' })
  run!: Run;

  @Field()
  @Property({ type: 'text' })
  key!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  step!: number;

  @Field(() => Float)
  @Property({ type: 'double precision' })
  value!: number;

  @Field()
  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}

@ObjectType({ simpleResolvers: true, description: 'A file a run produced.' })
@Entity({ tableName: 'run_artifact' })
@Index({ properties: ['run'] })
export class RunArtifact {
  [OptionalProps]?: 'id' | 'createdAt' | 'metadata' | 'checksum';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Run, { deleteRule: 'cascade' })
  run!: Run;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field()
  @Property({ type: 'text' })
  uri!: string;

  @Field(() => Float, { description: 'Size in bytes.' })
  @Property({ type: new BigIntType('number') })
  sizeBytes!: number;

  @Field({ description: 'model, metrics, plot, dataset, …' })
  @Property({ type: 'text' })
  kind!: string;

  @Field(() => GraphQLJSON)
  @Property({ type: 'jsonb' })
  metadata: Record<string, unknown> = {};

  @Field({ nullable: true, description: 'sha256 of the content, hex (artifacts written by the worker).' })
  @Property({ type: 'text', nullable: true })
  checksum?: string;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

@ObjectType({ simpleResolvers: true, description: 'One line of a run log (append-only, ordered by seq).' })
@Entity({ tableName: 'run_log_line' })
@Unique({ properties: ['run', 'seq'] })
export class RunLogLine {
  [OptionalProps]?: 'id' | 'loggedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Run, { deleteRule: 'cascade' })
  run!: Run;

  @Field(() => Int, { description: 'Position in the log, from 1.' })
  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => LogLevel)
  @Enum({ items: () => LogLevel, nativeEnumName: 'log_level' })
  level!: LogLevel;

  @Field()
  @Property({ type: 'text' })
  message!: string;

  @Field()
  @Property({ type: 'timestamptz' })
  loggedAt: Date = new Date();
}

@ObjectType({ simpleResolvers: true, description: 'One walk-forward window of a backtest: fitted on the data before it, scored on it.' })
@Entity({ tableName: 'backtest_window' })
@Unique({ properties: ['run', 'index'] })
export class BacktestWindow {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Run, { deleteRule: 'cascade' })
  run!: Run;

  @Field(() => Int, { description: '0 for the oldest window.' })
  @Property({ type: 'integer' })
  index!: number;

  @Field({ description: 'ISO date.' })
  @Property({ type: 'date' })
  trainStart!: string;

  @Field()
  @Property({ type: 'date' })
  trainEnd!: string;

  @Field()
  @Property({ type: 'date' })
  testStart!: string;

  @Field()
  @Property({ type: 'date' })
  testEnd!: string;

  @Field(() => [MetricValue])
  @Property({ type: 'jsonb' })
  metrics: MetricValue[] = [];

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
