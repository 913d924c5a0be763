import {
  EvaluationPackResolver,
  EvaluationPackVersionResolver,
  EvaluationResultResolver,
  ModelEvaluationResolver,
  RecipeEvaluationResolver,
  RunEvaluationResolver,
  SnapshotEvaluationResolver,
} from './evaluation.resolver.js';
import { EvaluationSubscriptionResolver } from './evaluation.subscriptions.js';

/** Resolvers of the evaluation feature (registered in platform/schema.ts). */
export const evaluationResolvers = [
  EvaluationPackResolver,
  EvaluationPackVersionResolver,
  EvaluationResultResolver,
  RecipeEvaluationResolver,
  RunEvaluationResolver,
  SnapshotEvaluationResolver,
  ModelEvaluationResolver,
  EvaluationSubscriptionResolver,
] as const;
