import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Recipe } from './recipe.entity.js';

@ObjectType({ simpleResolvers: true, description: 'A small worked example for a recipe: input schema, sample rows and an example run.' })
@Entity({ tableName: 'synthetic_example' })
export class SyntheticExample {
  [OptionalProps]?: 'id' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Recipe, { deleteRule: 'cascade', unique: true })
  recipe!: Recipe;

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @Field(() => GraphQLJSON)
  @Property({ type: 'jsonb' })
  schema!: Record<string, unknown>;

  @Field(() => GraphQLJSON)
  @Property({ type: 'jsonb' })
  sampleRows!: Record<string, unknown>[];

  @Field(() => GraphQLJSON)
  @Property({ type: 'jsonb' })
  exampleRun!: Record<string, unknown>;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
