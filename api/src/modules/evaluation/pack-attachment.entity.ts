import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Recipe } from '../recipes/recipe.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { EvaluationPackVersion } from './evaluation-pack-version.entity.js';

/** A recipe ↔ pack-version attachment: runs of the recipe's models are evaluated by the pack version. */
@Entity({ tableName: 'recipe_pack_attachment' })
@Unique({ properties: ['recipe', 'packVersion'] })
@Index({ properties: ['packVersion'] })
export class PackAttachment {
  [OptionalProps]?: 'id' | 'attachedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Recipe, { deleteRule: 'cascade' })
  recipe!: Recipe;

  @ManyToOne(() => EvaluationPackVersion, { deleteRule: 'restrict' })
  packVersion!: EvaluationPackVersion;

  @Property({ type: 'timestamptz' })
  attachedAt: Date = new Date();
}
