import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Recipe } from './recipe.entity.js';

export type Manifest = Record<string, unknown>;

@ObjectType({ simpleResolvers: true, description: 'One RFC 6902 JSON Patch operation.' })
export class JsonPatchOperation {
  @Field({ description: 'add, remove, replace, move, copy or test.' })
  op!: string;

  @Field({ description: 'JSON Pointer of the target.' })
  path!: string;

  @Field({ nullable: true })
  from?: string;

  @Field(() => GraphQLJSON, { nullable: true })
  value?: unknown;
}

@ObjectType({ simpleResolvers: true, description: 'An immutable version of a recipe manifest.' })
@Entity({ tableName: 'recipe_version' })
@Unique({ properties: ['recipe', 'version'] })
@Index({ properties: ['recipe', 'createdAt'] })
export class RecipeVersion {
  [OptionalProps]?: 'id' | 'createdAt' | 'diff';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Recipe, { deleteRule: 'cascade' })
  recipe!: Recipe;

  @Field({ description: 'Semantic version, e.g. `1.2.0`.' })
  @Property({ type: 'text' })
  version!: string;

  @Field(() => GraphQLJSON, { description: 'The full manifest stored with this version.' })
  @Property({ type: 'jsonb' })
  manifest!: Manifest;

  @Field(() => [JsonPatchOperation], { nullable: true, description: 'RFC 6902 JSON Patch from the previous version (null for the first).' })
  @Property({ type: 'jsonb', nullable: true })
  diff?: JsonPatchOperation[];

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
