import { registerEnumType } from 'type-graphql';

export enum FeatureImportanceMethod {
  GAIN = 'GAIN',
  PERMUTATION = 'PERMUTATION',
  SHAP = 'SHAP',
}
export enum FeatureImportanceScope {
  /** For the model as a whole. */
  GLOBAL = 'GLOBAL',
  /** For one prediction (request id), e.g. SHAP values of one row. */
  PREDICTION = 'PREDICTION',
}
export enum StatsBucket {
  HOUR = 'HOUR',
  DAY = 'DAY',
}

registerEnumType(FeatureImportanceMethod, { name: 'FeatureImportanceMethod', description: 'How the importances were computed (by the client): gain, permutation importance, or SHAP values.' });
registerEnumType(FeatureImportanceScope, { name: 'FeatureImportanceScope' });
registerEnumType(StatsBucket, { name: 'StatsBucket', description: 'Time bucket (UTC) of prediction statistics.' });
