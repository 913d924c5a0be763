import { randomUUID } from 'node:crypto';
import { BigIntType, BlobType, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { ReferenceProfileKind, ReferenceProfileSource } from './monitoring.types.js';

@ObjectType({ simpleResolvers: true, description: 'How often a category occurs in the reference data.' })
export class CategoryCount {
  @Field()
  value!: string;

  @Field(() => Float)
  count!: number;

  @Field(() => Float, { description: 'count / rowCount.' })
  share!: number;
}

@ObjectType({ simpleResolvers: true, description: 'The reference distribution for the dashboard: the decile bins drift uses (numeric) or the categories, most frequent first.' })
export class ProfileHistogram {
  @Field(() => [Float], { nullable: true, description: 'Numeric: the minimum, the distinct deciles 10 %…90 %, the maximum (11 edges unless values tie). Null for categorical profiles.' })
  edges!: number[] | null;

  @Field(() => [String])
  labels!: string[];

  @Field(() => [Float], { description: 'Share of the reference rows in each bin (numeric bins are closed on the right, as the drift bins).' })
  shares!: number[];
}

/**
 * What a model's training data looked like for one feature, kept to measure drift against: a
 * quantile sketch and a bounded reservoir sample (numeric), or the category counts (categorical).
 * One per (model, feature); capturing again replaces it.
 */
@ObjectType({ simpleResolvers: true, description: "A feature's reference distribution (from training data): drift is measured against it." })
@Entity({ tableName: 'reference_profile' })
@Unique({ properties: ['model', 'feature'] })
@Index({ properties: ['workspace'] })
@Index({ properties: ['run'] })
export class ReferenceProfile {
  [OptionalProps]?: 'id' | 'capturedAt' | 'run' | 'mean' | 'std' | 'min' | 'max' | 'quantiles' | 'sample' | 'sampleSize' | 'categories';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Model, { deleteRule: 'cascade' })
  model!: Model;

  @Field()
  @Property({ type: 'text' })
  feature!: string;

  @Field(() => ReferenceProfileKind)
  @Enum({ items: () => ReferenceProfileKind, nativeEnumName: 'reference_profile_kind' })
  kind!: ReferenceProfileKind;

  @Field(() => ReferenceProfileSource)
  @Enum({ items: () => ReferenceProfileSource, nativeEnumName: 'reference_profile_source' })
  source!: ReferenceProfileSource;

  /** The TRAIN run that captured it (source TRAINING_RUN). */
  @ManyToOne(() => Run, { deleteRule: 'set null', nullable: true })
  run?: Run;

  @Field(() => Float, { description: 'Reference rows (all of them, not only the sample). Drift methods are chosen by it: ≤ 1,000 rows use tests (KS, chi-square), more use distances.' })
  @Property({ type: new BigIntType('number') })
  rowCount!: number;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double precision', nullable: true })
  mean?: number;

  @Field(() => Float, { nullable: true, description: 'Population standard deviation.' })
  @Property({ type: 'double precision', nullable: true })
  std?: number;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double precision', nullable: true })
  min?: number;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double precision', nullable: true })
  max?: number;

  @Field(() => [Float], { nullable: true, description: 'Numeric: the 101 quantiles 0 %, 1 %, …, 100 % of all reference rows.' })
  @Property({ type: 'jsonb', nullable: true })
  quantiles?: number[];

  /** Numeric: the reservoir sample (≤ 100,000 values) as little-endian float64; never sent to clients. */
  @Property({ type: BlobType, nullable: true })
  sample?: Buffer;

  @Field(() => Int, { description: 'Values kept in the reservoir sample (numeric; 0 for categorical profiles).' })
  @Property({ type: 'integer' })
  sampleSize: number = 0;

  /** Categorical: count per category. */
  @Property({ type: 'jsonb', nullable: true })
  categories?: Record<string, number>;

  @Field(() => ProfileHistogram)
  @Property({ type: 'jsonb' })
  histogram!: ProfileHistogram;

  @Field()
  @Property({ type: 'timestamptz' })
  capturedAt: Date = new Date();

  @Field(() => [CategoryCount], { nullable: true, name: 'categories', description: 'Categorical: every category with its count, most frequent first.' })
  get categoryCounts(): CategoryCount[] | null {
    if (!this.categories) return null;
    return Object.entries(this.categories)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([value, count]) => ({ value, count, share: this.rowCount > 0 ? count / this.rowCount : 0 }));
  }
}
