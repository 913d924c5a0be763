import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Role } from './roles.js';
import { User } from './user.entity.js';

/** A user's role in one workspace. */
@Entity({ tableName: 'membership' })
@Unique({ properties: ['workspace', 'user'] })
@Index({ properties: ['user'] })
export class Membership {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Enum({ items: () => Role, nativeEnumName: 'workspace_role' })
  role!: Role;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
