import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema } from 'type-graphql';
import { abTestResolvers } from '../modules/abtests/abtests.module.js';
import { alertResolvers } from '../modules/alerts/alerts.module.js';
import { arenaResolvers } from '../modules/arena/arena.module.js';
import { auditResolvers } from '../modules/audit/audit.module.js';
import { evaluationResolvers } from '../modules/evaluation/evaluation.module.js';
import { experimentResolvers } from '../modules/experiments/experiments.module.js';
import { modelResolvers } from '../modules/models/models.module.js';
import { monitoringResolvers } from '../modules/monitoring/monitoring.module.js';
import { predictionResolvers } from '../modules/predictions/predictions.module.js';
import { recipeResolvers } from '../modules/recipes/recipes.module.js';
import { runResolvers } from '../modules/runs/runs.module.js';
import { jobResolvers } from '../modules/jobs/jobs.module.js';
import { scheduleResolvers } from '../modules/schedules/schedules.module.js';
import { workspaceResolvers } from '../modules/workspaces/workspaces.module.js';
import { identityResolvers } from '../modules/identity/identity.module.js';
import { assertRootFieldRules, authChecker } from '../modules/identity/auth-checker.js';

/** Every feature's resolvers; each feature lists its own in `<feature>.module.ts`. */
export const resolvers = [
  ...workspaceResolvers,
  ...identityResolvers,
  ...recipeResolvers,
  ...evaluationResolvers,
  ...modelResolvers,
  ...runResolvers,
  ...jobResolvers,
  ...scheduleResolvers,
  ...monitoringResolvers,
  ...alertResolvers,
  ...arenaResolvers,
  ...abTestResolvers,
  ...predictionResolvers,
  ...experimentResolvers,
  ...auditResolvers,
];

/** The schema, with an authorization rule on every root field (see modules/identity/roles.ts). */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: resolvers as unknown as [Function, ...Function[]],
    validate: { forbidUnknownValues: false },
    // Every subscription brings its own `subscribe` (outbox replay + event bus, see events/live.ts);
    // type-graphql still insists on a PubSub for topic-based subscriptions, which we do not use.
    pubSub: createPubSub(),
    emitSchemaFile: false,
    // `@Authorized(role)` on every root field; `assertRootFieldRules` refuses a field without a rule.
    authChecker,
  });
  assertRootFieldRules(schema);
  return schema;
}

/** The schema as committed in `schema.graphql` (sorted, so diffs are stable). */
export function printSchemaSDL(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
