import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Workspace } from '../workspaces/workspace.entity.js';
import { RecipeFamily, RecipeLevel, RecipeStatus } from './recipe.enums.js';

@ObjectType({ simpleResolvers: true, description: 'How a model is built: a family, a level in the inheritance tree and immutable versions of its manifest.' })
@Entity({ tableName: 'recipe' })
@Index({ properties: ['workspace', 'updatedAt', 'id'] })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({ properties: ['workspace', 'name', 'id'] })
@Index({ properties: ['workspace', 'family'] })
export class Recipe {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | 'description' | 'parent' | 'parentVersionId';

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

  @Field(() => RecipeLevel)
  @Enum({ items: () => RecipeLevel, nativeEnumName: 'recipe_level' })
  level!: RecipeLevel;

  @Field(() => RecipeStatus)
  @Enum({ items: () => RecipeStatus, nativeEnumName: 'recipe_status' })
  status!: RecipeStatus;

  @ManyToOne(() => Recipe, { nullable: true, deleteRule: 'restrict' })
  parent?: Recipe;

  /** The parent's version this recipe was cloned from. */
  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  parentVersionId?: string;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
