import { ModelScheduleResolver, RetrainingEventResolver, ScheduleResolver } from './schedule.resolver.js';

/** Resolvers of schedules and retraining events (registered in platform/schema.ts). */
export const scheduleResolvers = [ScheduleResolver, RetrainingEventResolver, ModelScheduleResolver] as const;
