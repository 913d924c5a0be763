import { Field, Int, ObjectType } from 'type-graphql';
import { AlertSeverity } from './alert.enums.js';

@ObjectType({ simpleResolvers: true })
export class SeverityCount {
  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'How many alerts match a filter, e.g. for a navigation badge.' })
export class AlertCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'Of those, how many are OPEN (not yet acknowledged).' })
  open!: number;

  @Field(() => [SeverityCount], { description: 'Per severity, highest first (every severity, zero included).' })
  bySeverity!: SeverityCount[];
}
