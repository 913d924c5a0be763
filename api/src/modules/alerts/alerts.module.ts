import { AlertResolver, ModelAlertsResolver } from './alert.resolver.js';
import { AlertSubscriptionResolver } from './alert.subscriptions.js';

/** Resolvers of the alerts feature (registered in platform/schema.ts). */
export const alertResolvers = [AlertResolver, ModelAlertsResolver, AlertSubscriptionResolver] as const;
