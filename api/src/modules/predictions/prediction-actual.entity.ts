import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';
import { Workspace } from '../workspaces/workspace.entity.js';

@ObjectType({ simpleResolvers: true, description: 'The observed outcome of a request, joined to every model’s prediction of it by request id.' })
@Entity({ tableName: 'prediction_actual' })
@Unique({ properties: ['workspace', 'requestId'] })
export class PredictionActual {
  [OptionalProps]?: 'id' | 'actualLabel' | 'recordedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Field()
  @Property({ type: 'text' })
  requestId!: string;

  @Field(() => Float)
  @Property({ type: 'double precision' })
  actual!: number;

  @Field({ nullable: true, description: 'The observed class, for classifiers.' })
  @Property({ type: 'text', nullable: true })
  actualLabel?: string;

  @Field({ description: 'When the outcome happened.' })
  @Property({ type: 'timestamptz' })
  observedAt!: Date;

  @Field({ description: 'When it was recorded (the last recordActuals for the request id).' })
  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
