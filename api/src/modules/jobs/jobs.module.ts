import { JobResolver } from './job.resolver.js';

/** Resolvers of the worker feature: queueRun, cancelRun, Run.backtestWindows (registered in platform/schema.ts). */
export const jobResolvers = [JobResolver] as const;
