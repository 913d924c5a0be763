import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { FeatureImportanceMethod, FeatureImportanceScope } from './prediction.enums.js';

@ObjectType({ simpleResolvers: true, description: 'The importance of one feature.' })
export class FeatureImportanceValue {
  @Field()
  feature!: string;

  @Field(() => Float, { description: 'As the method gives it (SHAP values and permutation importances may be negative).' })
  importance!: number;
}

@ObjectType({ simpleResolvers: true, description: 'One recording of feature importances for a model or run (global) or one prediction.' })
@Entity({ tableName: 'feature_importance' })
@Index({ properties: ['model', 'scope', 'method', 'recordedAt'] })
@Index({ properties: ['run', 'method', 'recordedAt'] })
export class FeatureImportance {
  [OptionalProps]?: 'id' | 'run' | 'requestId' | 'recordedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Model, { deleteRule: 'cascade' })
  model!: Model;

  @ManyToOne(() => Run, { nullable: true, deleteRule: 'cascade' })
  run?: Run;

  @Field(() => FeatureImportanceMethod)
  @Enum({ items: () => FeatureImportanceMethod, nativeEnumName: 'feature_importance_method' })
  method!: FeatureImportanceMethod;

  @Field(() => FeatureImportanceScope)
  @Enum({ items: () => FeatureImportanceScope, nativeEnumName: 'feature_importance_scope' })
  scope!: FeatureImportanceScope;

  @Field({ nullable: true, description: 'The prediction the values explain (PREDICTION scope).' })
  @Property({ type: 'text', nullable: true })
  requestId?: string;

  @Field(() => [FeatureImportanceValue], { description: 'Sorted by |importance|, largest first.' })
  @Property({ type: 'jsonb' })
  values!: FeatureImportanceValue[];

  @Field()
  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
