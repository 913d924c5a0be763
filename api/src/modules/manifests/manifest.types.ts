import { Field, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'One problem of an input: where it is (a JSON path) and what is wrong.' })
export class Problem {
  @Field({ description: 'e.g. `manifest.monitoring.drift.thresholds.psi_moderate`.' })
  path!: string;

  @Field()
  message!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The outcome of checking a manifest against its family’s JSON Schema.' })
export class ManifestValidation {
  @Field()
  valid!: boolean;

  @Field(() => [Problem], { description: 'Every problem found (empty when valid).' })
  problems!: Problem[];
}
