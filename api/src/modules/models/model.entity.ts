import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Recipe } from '../recipes/recipe.entity.js';
import { RecipeVersion } from '../recipes/recipe-version.entity.js';
import { RecipeFamily } from '../recipes/recipe.enums.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { ModelStatus } from './model.enums.js';

@ObjectType({ simpleResolvers: true, description: 'A model registered from an approved recipe version.' })
@Entity({ tableName: 'model' })
@Index({ properties: ['workspace', 'updatedAt', 'id'] })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({ properties: ['workspace', 'name', 'id'] })
@Index({ properties: ['workspace', 'status'] })
@Index({ properties: ['workspace', 'family'] })
@Index({ properties: ['recipe'] })
export class Model {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | 'description' | 'owner' | 'version';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Recipe, { deleteRule: 'restrict' })
  recipe!: Recipe;

  @ManyToOne(() => RecipeVersion, { deleteRule: 'restrict' })
  recipeVersion!: RecipeVersion;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field()
  @Property({ type: 'text' })
  description: string = '';

  @Field()
  @Property({ type: 'text' })
  owner: string = '';

  @Field(() => RecipeFamily, { description: "The recipe's family, copied at registration so models filter by it cheaply." })
  @Enum({ items: () => RecipeFamily, nativeEnumName: 'recipe_family' })
  family!: RecipeFamily;

  @Field(() => ModelStatus)
  @Enum({ items: () => ModelStatus, nativeEnumName: 'model_status' })
  status!: ModelStatus;

  @Field(() => Int, { description: 'Increases with every update; pass it back as expectedVersion for optimistic concurrency.' })
  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
