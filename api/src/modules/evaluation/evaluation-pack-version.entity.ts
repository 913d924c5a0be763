import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Workspace } from '../workspaces/workspace.entity.js';
import { EvaluationPack } from './evaluation-pack.entity.js';
import { MetricRule } from './metric-rule.types.js';

@ObjectType({ simpleResolvers: true, description: 'An immutable list of metric rules.' })
@Entity({ tableName: 'evaluation_pack_version' })
@Unique({ properties: ['pack', 'version'] })
export class EvaluationPackVersion {
  [OptionalProps]?: 'id' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => EvaluationPack, { deleteRule: 'cascade' })
  pack!: EvaluationPack;

  @Field()
  @Property({ type: 'text' })
  version!: string;

  @Field(() => [MetricRule])
  @Property({ type: 'jsonb' })
  rules!: MetricRule[];

  @Field()
  @Property({ type: 'text' })
  changeNote!: string;

  @Field()
  @Property({ type: 'text' })
  author!: string;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
