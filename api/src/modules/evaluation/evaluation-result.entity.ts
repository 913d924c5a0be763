import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Model } from '../models/model.entity.js';
import { MonitorSnapshot } from '../monitoring/monitor-snapshot.entity.js';
import { Run } from '../runs/run.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { EvaluationKind, EvaluationStatus } from './evaluation.enums.js';
import { EvaluationPackVersion } from './evaluation-pack-version.entity.js';
import { MetricEvaluation } from './metric-rule.types.js';

@ObjectType({ simpleResolvers: true, description: 'The verdict of one pack version on a run (kind RUN) or a monitoring snapshot (kind MONITOR).' })
@Entity({ tableName: 'evaluation_result' })
@Index({ properties: ['run', 'createdAt'] })
@Index({ properties: ['snapshot'] })
@Index({ properties: ['model', 'kind', 'createdAt'] })
export class EvaluationResult {
  [OptionalProps]?: 'id' | 'createdAt' | 'run' | 'snapshot';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Model, { deleteRule: 'cascade' })
  model!: Model;

  @ManyToOne(() => Run, { nullable: true, deleteRule: 'cascade' })
  run?: Run;

  @ManyToOne(() => MonitorSnapshot, { nullable: true, deleteRule: 'cascade' })
  snapshot?: MonitorSnapshot;

  @ManyToOne(() => EvaluationPackVersion, { deleteRule: 'restrict' })
  packVersion!: EvaluationPackVersion;

  @Field(() => EvaluationKind)
  @Enum({ items: () => EvaluationKind, nativeEnumName: 'evaluation_kind' })
  kind!: EvaluationKind;

  @Field(() => EvaluationStatus)
  @Enum({ items: () => EvaluationStatus, nativeEnumName: 'evaluation_status' })
  status!: EvaluationStatus;

  @Field({ description: 'E.g. "Evaluation WARN: 4/5 metrics passed, 1 warning".' })
  @Property({ type: 'text' })
  summary!: string;

  @Field(() => [MetricEvaluation])
  @Property({ type: 'jsonb' })
  metrics!: MetricEvaluation[];

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
