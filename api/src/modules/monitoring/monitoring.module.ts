import { ModelMonitoringResolver, MonitorSnapshotResolver } from './monitoring.resolver.js';

/** Resolvers of the monitoring feature (registered in platform/schema.ts). */
export const monitoringResolvers = [MonitorSnapshotResolver, ModelMonitoringResolver] as const;
