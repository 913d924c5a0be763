import { ModelRunsResolver, RunResolver } from './run.resolver.js';

/** Resolvers of the runs feature (registered in platform/schema.ts). */
export const runResolvers = [RunResolver, ModelRunsResolver] as const;
