import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A named numeric value, e.g. a final metric.' })
export class MetricValue {
  @Field()
  key!: string;

  @Field(() => Float)
  value!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A named parameter value (stored as text, as the pipeline reported it).' })
export class ParamValue {
  @Field()
  key!: string;

  @Field()
  value!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A data set that ships with Modelyard: its generator, seed and size.' })
export class DatasetRef {
  @Field({ description: 'e.g. forecasting-demand' })
  name!: string;

  @Field(() => Int)
  seed!: number;

  @Field({ description: 'SMALL or DEFAULT' })
  size!: string;
}
