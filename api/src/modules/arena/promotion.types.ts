import { Field, ObjectType } from 'type-graphql';
import { Model } from '../models/model.entity.js';
import { Arena } from './arena.entity.js';
import { PromotionDecision } from './promotion-policy.types.js';

@ObjectType({ simpleResolvers: true, description: 'A completed promotion: the challenger became the champion, the old champion was retired.' })
export class Promotion {
  @Field(() => Arena)
  arena!: Arena;

  @Field(() => Model, { description: 'The new champion (now PRODUCTION).' })
  champion!: Model;

  @Field(() => Model, { description: 'The old champion: it left the arena and is RETIRED.' })
  retired!: Model;

  @Field(() => PromotionDecision, { description: 'The policy decision at the time of the promotion.' })
  decision!: PromotionDecision;

  @Field({ description: 'True when an approver forced the promotion although the policy was not met.' })
  overridden!: boolean;
}
