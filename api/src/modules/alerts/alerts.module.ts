import { AlertResolver, ModelAlertsResolver } from './alert.resolver.js';

/** Resolvers of the alerts feature (registered in platform/schema.ts). */
export const alertResolvers = [AlertResolver, ModelAlertsResolver] as const;
