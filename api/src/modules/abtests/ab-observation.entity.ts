import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.js';
import { AbTest } from './ab-test.entity.js';
import { AbArm } from './ab-test.enums.js';

/** One observed value of an arm (written in batches by recordAbObservations; read only as aggregates). */
@Entity({ tableName: 'ab_observation' })
@Index({ properties: ['abTest', 'arm'] })
export class AbObservation {
  [OptionalProps]?: 'id' | 'recordedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => AbTest, { deleteRule: 'cascade' })
  abTest!: AbTest;

  @Enum({ items: () => AbArm, nativeEnumName: 'ab_arm' })
  arm!: AbArm;

  @Property({ type: 'double precision' })
  value!: number;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
