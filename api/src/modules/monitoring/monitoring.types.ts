import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum DriftMethod {
  PSI = 'PSI',
  KS = 'KS',
  WASSERSTEIN = 'WASSERSTEIN',
  JENSEN_SHANNON = 'JENSEN_SHANNON',
  CHI_SQUARE = 'CHI_SQUARE',
}
registerEnumType(DriftMethod, { name: 'DriftMethod' });

/** What a feature's values are: numbers (quantile sketch and sample) or categories (counts). */
export enum ReferenceProfileKind {
  NUMERIC = 'NUMERIC',
  CATEGORICAL = 'CATEGORICAL',
}
registerEnumType(ReferenceProfileKind, { name: 'ReferenceProfileKind' });

export enum ReferenceProfileSource {
  TRAINING_RUN = 'TRAINING_RUN',
  UPLOAD = 'UPLOAD',
}
registerEnumType(ReferenceProfileSource, { name: 'ReferenceProfileSource', description: 'TRAINING_RUN: captured by a TRAIN run of the worker; UPLOAD: sent with uploadReferenceProfile.' });

export enum PsiLevel {
  NONE = 'NONE',
  MODERATE = 'MODERATE',
  SIGNIFICANT = 'SIGNIFICANT',
}
registerEnumType(PsiLevel, { name: 'PsiLevel', description: "Population stability: NONE below psi_moderate (0.1), MODERATE below psi_significant (0.25), else SIGNIFICANT (the manifest's monitoring.drift.thresholds)." });

@ObjectType({ simpleResolvers: true, description: 'Reference and current distribution of a feature over the same bins, as shares (0–1) of each sample.' })
export class DriftHistogram {
  @Field(() => [Float], {
    nullable: true,
    description: 'Numeric features: the bin edges, one more than bins: the distinct reference deciles, closed by the smallest and largest value of both samples. Bins are closed on the right. Null for categorical features.',
  })
  edges!: number[] | null;

  @Field(() => [String], { description: 'A label per bin: `(a, b]` for numeric bins (the first `[a, b]`), the category for categorical ones.' })
  labels!: string[];

  @Field(() => [Float])
  reference!: number[];

  @Field(() => [Float])
  current!: number[];
}

@ObjectType({ simpleResolvers: true, description: 'Drift of one feature between the reference and the current sample.' })
export class FeatureDrift {
  @Field()
  feature!: string;

  @Field(() => DriftMethod)
  method!: DriftMethod;

  @Field(() => Float, { description: 'The statistic or distance the method produces.' })
  score!: number;

  @Field(() => Float, { nullable: true, description: 'p-value, for test-based methods (KS, chi-square).' })
  pValue!: number | null;

  @Field(() => Float, { description: 'The threshold the score was compared with.' })
  threshold!: number;

  @Field()
  drifted!: boolean;

  // Computed by recordMonitorSample; null on snapshots whose drift the client reported (recordMonitorSnapshot).
  @Field(() => ReferenceProfileKind, { nullable: true })
  kind?: ReferenceProfileKind | null;

  @Field(() => Float, { nullable: true, description: 'Population stability index over the reference quantile bins (always computed).' })
  psi?: number | null;

  @Field(() => PsiLevel, { nullable: true })
  psiLevel?: PsiLevel | null;

  @Field(() => Float, { nullable: true, description: 'Two-sample Kolmogorov–Smirnov statistic (numeric features).' })
  ksStatistic?: number | null;

  @Field(() => Float, { nullable: true, description: 'KS p-value (exact for small samples, asymptotic for large ones, as scipy ks_2samp method=auto).' })
  ksPValue?: number | null;

  @Field(() => Float, { nullable: true, description: 'Wasserstein-1 distance in the feature’s unit (numeric features).' })
  wasserstein?: number | null;

  @Field(() => Float, { nullable: true, description: 'Wasserstein-1 distance divided by the reference standard deviation.' })
  wassersteinNormed?: number | null;

  @Field(() => Float, { nullable: true, description: 'Jensen–Shannon distance (base 2, 0–1).' })
  jensenShannon?: number | null;

  @Field(() => Float, { nullable: true, description: 'Chi-square statistic of the current category counts against the reference shares (categorical features).' })
  chiSquare?: number | null;

  @Field(() => Float, { nullable: true })
  chiSquarePValue?: number | null;

  @Field(() => Int, { nullable: true, description: 'Rows behind the reference profile.' })
  referenceRows?: number | null;

  @Field(() => Int, { nullable: true, description: 'Values of the feature in the current sample.' })
  currentRows?: number | null;

  @Field(() => DriftHistogram, { nullable: true })
  histogram?: DriftHistogram | null;
}

@ObjectType({ simpleResolvers: true, description: 'How current the data behind a snapshot is.' })
export class DataFreshness {
  @Field({ description: 'Time of the newest data row seen.' })
  lastDataAt!: Date;

  @Field(() => Float, { description: 'Hours between the newest data row and the snapshot.' })
  lagHours!: number;

  @Field(() => Float, { description: 'Allowed lag before the data counts as stale.' })
  limitHours!: number;

  @Field({ description: 'lagHours > limitHours.' })
  stale!: boolean;
}
