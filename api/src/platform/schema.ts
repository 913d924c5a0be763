import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AlertResolver, ModelAlertsResolver } from '../modules/alerts/alert.resolver.js';
import {
  EvaluationPackResolver,
  EvaluationPackVersionResolver,
  EvaluationResultResolver,
  ModelEvaluationResolver,
  RecipeEvaluationResolver,
  RunEvaluationResolver,
  SnapshotEvaluationResolver,
} from '../modules/evaluation/evaluation.resolver.js';
import { ModelResolver, RecipeModelsResolver } from '../modules/models/model.resolver.js';
import { ModelMonitoringResolver, MonitorSnapshotResolver } from '../modules/monitoring/monitoring.resolver.js';
import { RecipeResolver, RecipeVersionResolver } from '../modules/recipes/recipe.resolver.js';
import { ModelRunsResolver, RunResolver } from '../modules/runs/run.resolver.js';
import { WorkspaceResolver } from '../modules/workspaces/workspace.resolver.js';

export const resolvers = [
  WorkspaceResolver,
  RecipeResolver,
  RecipeVersionResolver,
  RecipeModelsResolver,
  RecipeEvaluationResolver,
  EvaluationPackResolver,
  EvaluationPackVersionResolver,
  EvaluationResultResolver,
  ModelResolver,
  ModelEvaluationResolver,
  ModelRunsResolver,
  ModelMonitoringResolver,
  ModelAlertsResolver,
  RunResolver,
  RunEvaluationResolver,
  MonitorSnapshotResolver,
  SnapshotEvaluationResolver,
  AlertResolver,
] as const;

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
}

/** The schema as committed in `schema.graphql` (sorted, so diffs are stable). */
export function printSchemaSDL(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
