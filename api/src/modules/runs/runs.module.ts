import { ModelRunsResolver, RunResolver } from './run.resolver.js';
import { RunSubscriptionResolver } from './run.subscriptions.js';

/** Resolvers of the runs feature (registered in platform/schema.ts). */
export const runResolvers = [RunResolver, ModelRunsResolver, RunSubscriptionResolver] as const;
