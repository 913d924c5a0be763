import { FeatureImportance } from './feature-importance.entity.js';
import { PredictionActual } from './prediction-actual.entity.js';
import { PredictionLog } from './prediction-log.entity.js';
import { FeatureImportanceResolver, ModelPredictionsResolver, PredictionLogResolver, RunFeatureImportanceResolver } from './prediction.resolver.js';

/** Resolvers of the predictions feature: prediction logs, actuals, shadow comparison, feature importance (registered in platform/schema.ts). */
export const predictionResolvers = [PredictionLogResolver, FeatureImportanceResolver, ModelPredictionsResolver, RunFeatureImportanceResolver] as const;

/** Entities of the predictions feature (registered in platform/db/entities.ts). */
export const predictionEntities = [PredictionLog, PredictionActual, FeatureImportance] as const;
