import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Model } from '../models/model.entity.js';
import { MetricValue } from '../runs/key-value.types.js';
import { Run } from '../runs/run.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { DataFreshness, FeatureDrift } from './monitoring.types.js';

@ObjectType({ simpleResolvers: true, description: 'A point-in-time reading of a production model: performance, drift, freshness.' })
@Entity({ tableName: 'monitor_snapshot' })
@Index({ properties: ['model', 'recordedAt'] })
@Index({ properties: ['triggeredRun'] })
export class MonitorSnapshot {
  [OptionalProps]?: 'id' | 'createdAt' | 'rowCount' | 'freshness' | 'driftShare' | 'datasetDrifted' | 'triggeredRun';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Model, { deleteRule: 'cascade' })
  model!: Model;

  @Field()
  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Field(() => [MetricValue])
  @Property({ type: 'jsonb' })
  performance!: MetricValue[];

  @Field(() => [FeatureDrift])
  @Property({ type: 'jsonb' })
  drift!: FeatureDrift[];

  @Property({ type: 'timestamptz' })
  lastDataAt!: Date;

  @Property({ type: 'double precision' })
  freshnessLimitHours!: number;

  @Field(() => Int, { description: 'Rows in the current sample.' })
  @Property({ type: 'integer' })
  rowCount: number = 0;

  @Field({ nullable: true, description: 'Whether the data set drifted (at least half of its features did). Computed by recordMonitorSample; null on snapshots whose drift the client reported.' })
  @Property({ type: 'boolean', nullable: true })
  datasetDrifted?: boolean;

  /** The retrain (trigger DRIFT) this snapshot queued (the `triggeredRun` field, see drift.resolver.ts). */
  @ManyToOne(() => Run, { deleteRule: 'set null', nullable: true })
  triggeredRun?: Run;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => DataFreshness)
  get freshness(): DataFreshness {
    const lagHours = Math.max(0, (this.recordedAt.getTime() - this.lastDataAt.getTime()) / 3_600_000);
    return { lastDataAt: this.lastDataAt, lagHours, limitHours: this.freshnessLimitHours, stale: lagHours > this.freshnessLimitHours };
  }

  @Field(() => Float, { description: 'Share of features that drifted (0–1).' })
  get driftShare(): number {
    return this.drift.length === 0 ? 0 : this.drift.filter((d) => d.drifted).length / this.drift.length;
  }
}
