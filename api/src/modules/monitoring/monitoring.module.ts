import { ModelReferenceProfilesResolver, ReferenceProfileResolver, SnapshotRetrainResolver } from './drift.resolver.js';
import { ModelMonitoringResolver, MonitorSnapshotResolver } from './monitoring.resolver.js';
import { MonitoringSubscriptionResolver } from './monitoring.subscriptions.js';

/** Resolvers of the monitoring feature (registered in platform/schema.ts). */
export const monitoringResolvers = [
  MonitorSnapshotResolver,
  ModelMonitoringResolver,
  MonitoringSubscriptionResolver,
  ReferenceProfileResolver,
  ModelReferenceProfilesResolver,
  SnapshotRetrainResolver,
] as const;
