import { Experiment } from './experiment.entity.js';
import { ExperimentAdoptionResolver, ExperimentResolver, ModelExperimentsResolver } from './experiment.resolver.js';
import { ExperimentSubscriptionResolver } from './experiment.subscriptions.js';

/** Resolvers of the experiments feature (registered in platform/schema.ts). */
export const experimentResolvers = [ExperimentResolver, ExperimentAdoptionResolver, ModelExperimentsResolver, ExperimentSubscriptionResolver] as const;

/** Entities of the experiments feature (registered in platform/db/entities.ts; the link tables are written with SQL). */
export const experimentEntities = [Experiment] as const;
