import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { RecipeFamily } from '../recipes/recipe.enums.js';
import { Workspace } from '../workspaces/workspace.entity.js';

@ObjectType({ simpleResolvers: true, description: 'A named set of metric rules that gates runs and monitors snapshots; its rules live in immutable versions.' })
@Entity({ tableName: 'evaluation_pack' })
@Index({ properties: ['workspace', 'updatedAt', 'id'] })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({ properties: ['workspace', 'name', 'id'] })
export class EvaluationPack {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | 'description' | 'tags';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field()
  @Property({ type: 'text' })
  description: string = '';

  @Field(() => RecipeFamily)
  @Enum({ items: () => RecipeFamily, nativeEnumName: 'recipe_family' })
  family!: RecipeFamily;

  @Field(() => [String])
  @Property({ type: 'text[]' })
  tags: string[] = [];

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
