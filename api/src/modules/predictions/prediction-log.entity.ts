import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Model } from '../models/model.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';

@ObjectType({ simpleResolvers: true, description: 'One prediction a model served (or scored in shadow), as the serving side logged it.' })
@Entity({ tableName: 'prediction_log' })
@Unique({ properties: ['model', 'requestId'] })
@Index({ properties: ['model', 'predictedAt', 'id'] })
@Index({ properties: ['model', 'shadow', 'predictedAt', 'id'] })
@Index({ properties: ['workspace', 'requestId'] })
export class PredictionLog {
  [OptionalProps]?: 'id' | 'createdAt' | 'label' | 'confidence' | 'shadow' | 'metadata';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Model, { deleteRule: 'cascade' })
  model!: Model;

  @Field({ description: 'The caller’s request id: joins the outcome (recordActuals) and the other models’ scores of the same request.' })
  @Property({ type: 'text' })
  requestId!: string;

  @Field(() => GraphQLJSONObject, { description: 'The features the model was given.' })
  @Property({ type: 'jsonb' })
  inputs!: Record<string, unknown>;

  @Field(() => Float, { description: 'The numeric output (the score or probability for a classifier).' })
  @Property({ type: 'double precision' })
  prediction!: number;

  @Field({ nullable: true, description: 'The predicted class, for classifiers.' })
  @Property({ type: 'text', nullable: true })
  label?: string;

  @Field(() => Float, { nullable: true, description: '0–1.' })
  @Property({ type: 'double precision', nullable: true })
  confidence?: number;

  @Field(() => Float)
  @Property({ type: 'double precision' })
  latencyMs!: number;

  @Field({ description: 'Scored in shadow mode: logged for comparison, not served.' })
  @Property({ type: 'boolean' })
  shadow: boolean = false;

  @Field(() => GraphQLJSONObject, { description: 'Free request metadata (client, region, …).' })
  @Property({ type: 'jsonb' })
  metadata: Record<string, unknown> = {};

  @Field()
  @Property({ type: 'timestamptz' })
  predictedAt!: Date;

  @Field({ description: 'When Modelyard stored it.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
