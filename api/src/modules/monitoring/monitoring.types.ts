import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';

export enum DriftMethod {
  PSI = 'PSI',
  KS = 'KS',
  WASSERSTEIN = 'WASSERSTEIN',
  JENSEN_SHANNON = 'JENSEN_SHANNON',
  CHI_SQUARE = 'CHI_SQUARE',
}
registerEnumType(DriftMethod, { name: 'DriftMethod' });

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
