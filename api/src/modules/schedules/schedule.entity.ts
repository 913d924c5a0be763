import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { RetrainingOutcome, ScheduleKind } from './schedule.enums.js';

@ObjectType({ simpleResolvers: true, description: 'A recurring job of a model (cron, UTC unless the manifest says otherwise); the worker queues its runs when they are due.' })
@Entity({ tableName: 'schedule' })
@Unique({ properties: ['model', 'kind'] })
@Index({ properties: ['nextRunAt'] })
export class Schedule {
  [OptionalProps]?: 'id' | 'createdAt' | 'paused' | 'lastRunAt' | 'lastRun' | 'timezone';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Model, { deleteRule: 'cascade' })
  model!: Model;

  @Field(() => ScheduleKind)
  @Enum({ items: () => ScheduleKind, nativeEnumName: 'schedule_kind' })
  kind!: ScheduleKind;

  @Field({ description: 'Five-field cron expression.' })
  @Property({ type: 'text' })
  cron!: string;

  @Field()
  @Property({ type: 'text' })
  timezone: string = 'UTC';

  @Field({ description: 'A paused schedule queues nothing until it is resumed.' })
  @Property({ type: 'boolean' })
  paused: boolean = false;

  @Field()
  @Property({ type: 'timestamptz' })
  nextRunAt!: Date;

  @Field({ nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastRunAt?: Date;

  @ManyToOne(() => Run, { deleteRule: 'set null', nullable: true })
  lastRun?: Run;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

@ObjectType({ simpleResolvers: true, description: 'A retraining of a model: why it happened, its run, and what came of it for the arena.' })
@Entity({ tableName: 'retraining_event' })
@Index({ properties: ['model', 'occurredAt'] })
@Index({ properties: ['run'] })
export class RetrainingEvent {
  [OptionalProps]?: 'id' | 'outcome' | 'detail';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Model, { deleteRule: 'cascade' })
  model!: Model;

  @ManyToOne(() => Run, { deleteRule: 'cascade' })
  run!: Run;

  @Field({ description: 'MANUAL, SCHEDULED, DRIFT, DEGRADATION or API (the run’s trigger).' })
  @Property({ type: 'text' })
  trigger!: string;

  @Field()
  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Field(() => RetrainingOutcome)
  @Enum({ items: () => RetrainingOutcome, nativeEnumName: 'retraining_outcome' })
  outcome: RetrainingOutcome = RetrainingOutcome.PENDING;

  @Field({ description: 'What decided the outcome, in words.' })
  @Property({ type: 'text' })
  detail: string = '';
}
