import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Workspace } from '../workspaces/workspace.entity.js';

@ObjectType({ simpleResolvers: true, description: 'Who changed what, when: one state change with the subject before and after it.' })
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({ properties: ['subjectId', 'createdAt'] })
export class AuditEvent {
  [OptionalProps]?: 'id' | 'createdAt' | 'before' | 'after' | 'reason';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Field({ description: 'Who did it (the caller).' })
  @Property({ type: 'text' })
  actor!: string;

  @Field({ description: 'What was done, e.g. `recipe.approve`, `model.status`, `arena.promote`.' })
  @Property({ type: 'text' })
  action!: string;

  @Field({ description: 'Kind of the changed object, e.g. `Recipe`, `Model`, `Arena`.' })
  @Property({ type: 'text' })
  subjectType!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  subjectId!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The changed fields before the change.' })
  @Property({ type: 'jsonb', nullable: true })
  before?: Record<string, unknown>;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The changed fields after the change.' })
  @Property({ type: 'jsonb', nullable: true })
  after?: Record<string, unknown>;

  @Field({ nullable: true, description: 'Why, when the action requires a reason (e.g. a forced promotion).' })
  @Property({ type: 'text', nullable: true })
  reason?: string;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
