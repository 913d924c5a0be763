import { AbObservation } from './ab-observation.entity.js';
import { AbTest } from './ab-test.entity.js';
import { AbTestResolver, ModelAbTestsResolver } from './ab-test.resolver.js';
import { AbTestSubscriptionResolver } from './ab-test.subscriptions.js';

/** Resolvers of the A/B tests feature (registered in platform/schema.ts). */
export const abTestResolvers = [AbTestResolver, ModelAbTestsResolver, AbTestSubscriptionResolver] as const;

/** Entities of the A/B tests feature (registered in platform/db/entities.ts). */
export const abTestEntities = [AbTest, AbObservation] as const;
