import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A named numeric value, e.g. a final metric.' })
export class MetricValue {
  @Field()
  key!: string;

  @Field(() => Float)
  value!: number;
}

@ObjectType({ description: 'A named parameter value (stored as text, as the pipeline reported it).' })
export class ParamValue {
  @Field()
  key!: string;

  @Field()
  value!: string;
}
