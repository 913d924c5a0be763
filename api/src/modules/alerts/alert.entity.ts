import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { AlertSeverity, AlertStatus, AlertType } from './alert.enums.js';

@ObjectType({ simpleResolvers: true, description: 'Something that needs attention. An open alert for the same condition is not duplicated: its count grows.' })
@Entity({ tableName: 'alert' })
@Index({ properties: ['workspace', 'lastSeenAt', 'id'] })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({ properties: ['workspace', 'status', 'severity'] })
@Index({ properties: ['model', 'lastSeenAt'] })
/** One OPEN or ACKNOWLEDGED alert per condition (the arbiter of `raiseAlert`'s upsert). */
@Unique({ name: 'alert_open_dedup_unique', properties: ['workspace', 'dedupKey'], options: { where: "status in ('OPEN','ACKNOWLEDGED')" } })
export class Alert {
  [OptionalProps]?: 'id' | 'createdAt' | 'firstSeenAt' | 'lastSeenAt' | 'count' | 'status' | 'model' | 'run' | 'acknowledgedAt' | 'resolvedAt' | 'dismissedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Model, { nullable: true, deleteRule: 'cascade' })
  model?: Model;

  @ManyToOne(() => Run, { nullable: true, deleteRule: 'set null' })
  run?: Run;

  @Field(() => AlertType)
  @Enum({ items: () => AlertType, nativeEnumName: 'alert_type' })
  type!: AlertType;

  @Field(() => AlertSeverity)
  @Enum({ items: () => AlertSeverity, nativeEnumName: 'alert_severity' })
  severity!: AlertSeverity;

  @Field(() => AlertStatus)
  @Enum({ items: () => AlertStatus, nativeEnumName: 'alert_status' })
  status: AlertStatus = AlertStatus.OPEN;

  @Field()
  @Property({ type: 'text' })
  title!: string;

  @Field()
  @Property({ type: 'text' })
  message!: string;

  /** Identifies the condition (e.g. `DRIFT_DETECTED:<model>:<feature>`) for de-duplication. */
  @Property({ type: 'text' })
  dedupKey!: string;

  @Field(() => Int, { description: 'How many times the condition was seen while the alert was open.' })
  @Property({ type: 'integer' })
  count: number = 1;

  @Field()
  @Property({ type: 'timestamptz' })
  firstSeenAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz' })
  lastSeenAt: Date = new Date();

  @Field({ nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  acknowledgedAt?: Date;

  @Field({ nullable: true, description: 'Who acknowledged it.' })
  @Property({ type: 'text', nullable: true })
  acknowledgedBy?: string;

  @Field({ nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date;

  @Field({ nullable: true, description: 'Who resolved it.' })
  @Property({ type: 'text', nullable: true })
  resolvedBy?: string;

  @Field({ nullable: true, description: 'The note given when it was resolved.' })
  @Property({ type: 'text', nullable: true })
  resolutionNote?: string;

  @Field({ nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  dismissedAt?: Date;

  @Field({ nullable: true, description: 'Who dismissed it.' })
  @Property({ type: 'text', nullable: true })
  dismissedBy?: string;

  @Field({ nullable: true, description: 'The reason given when it was dismissed.' })
  @Property({ type: 'text', nullable: true })
  dismissalReason?: string;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
