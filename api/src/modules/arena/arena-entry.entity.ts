import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Arena } from './arena.entity.js';
import { ArenaRole } from './arena.enums.js';

@ObjectType({ simpleResolvers: true, description: 'A model’s place in an arena: its role and traffic weight.' })
@Entity({ tableName: 'arena_entry' })
@Unique({ properties: ['model'] })
@Index({ properties: ['arena', 'role'] })
@Index({ properties: ['workspace'] })
@Index({ properties: ['pendingRun'] })
export class ArenaEntry {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | 'pendingRun' | 'pendingSince';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Arena, { deleteRule: 'cascade' })
  arena!: Arena;

  /** A model is in at most one arena (unique). */
  @ManyToOne(() => Model, { deleteRule: 'no action' })
  model!: Model;

  @Field(() => ArenaRole)
  @Enum({ items: () => ArenaRole, nativeEnumName: 'arena_role' })
  role!: ArenaRole;

  @Field(() => Float, { description: 'Share of the live traffic, 0..1 (0 for shadows).' })
  @Property({ type: 'double precision' })
  trafficWeight!: number;

  /** The drift- or degradation-triggered run that made this challenger wait for a person's approval. */
  @ManyToOne(() => Run, { nullable: true, deleteRule: 'set null' })
  pendingRun?: Run | null;

  @Field(() => Date, { nullable: true, description: 'Since when a promotion of this challenger waits for approvePromotion / rejectPromotion (null when none).' })
  @Property({ type: 'timestamptz', nullable: true })
  pendingSince?: Date | null;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
