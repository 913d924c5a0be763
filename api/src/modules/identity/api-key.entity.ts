import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Role } from './roles.js';

@ObjectType({ simpleResolvers: true, description: 'A credential for integrators (`Authorization: Bearer myk_…`), bound to one workspace with one role. Its secret is shown once, at creation.' })
@Entity({ tableName: 'api_key' })
@Index({ properties: ['workspace', 'createdAt', 'id'] })
export class ApiKey {
  [OptionalProps]?: 'id' | 'createdAt' | 'expiresAt' | 'lastUsedAt' | 'revokedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Field({ description: 'Who or what uses it, e.g. `nightly-training`; audit events record `apikey:<name>`.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: 'workspace_role' })
  role!: Role;

  @Field({ description: 'The first 8 characters after `myk_`, to recognise a key without its secret.' })
  @Property({ type: 'text' })
  prefix!: string;

  /** sha256 of the whole secret, hex (unique): keys are looked up by it. */
  @Property({ type: 'text', unique: true, lazy: true })
  secretHash!: string;

  @Field({ description: 'Who created it (the actor).' })
  @Property({ type: 'text' })
  createdBy!: string;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field({ nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date;

  @Field({ nullable: true, description: 'Updated at most once a minute.' })
  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date;

  @Field({ nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;
}
