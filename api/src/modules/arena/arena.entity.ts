import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { RecipeFamily } from '../recipes/recipe.enums.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { PromotionPolicy } from './promotion-policy.types.js';

@ObjectType({ simpleResolvers: true, description: 'A deployment slot: one CHAMPION, any CHALLENGERs and SHADOWs of one family, and a promotion policy.' })
@Entity({ tableName: 'arena' })
@Unique({ properties: ['workspace', 'name'] })
@Index({ properties: ['workspace', 'updatedAt', 'id'] })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({ properties: ['workspace', 'family'] })
export class Arena {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | 'description';

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

  @Field(() => RecipeFamily, { description: 'Every model in the arena belongs to this family (the first champion’s).' })
  @Enum({ items: () => RecipeFamily, nativeEnumName: 'recipe_family' })
  family!: RecipeFamily;

  @Field(() => PromotionPolicy, { description: 'Starts as the family default; editable with updatePromotionPolicy.' })
  @Property({ type: 'jsonb' })
  policy!: PromotionPolicy;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
