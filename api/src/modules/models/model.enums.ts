import { registerEnumType } from 'type-graphql';

export enum ModelStatus {
  DRAFT = 'DRAFT',
  STAGING = 'STAGING',
  PRODUCTION = 'PRODUCTION',
  RETIRED = 'RETIRED',
}
registerEnumType(ModelStatus, { name: 'ModelStatus', description: 'DRAFT → STAGING → PRODUCTION → RETIRED (and STAGING → DRAFT).' });

/** Allowed model status transitions (SPEC.md "Models and the arena"). */
export const MODEL_TRANSITIONS: Record<ModelStatus, ModelStatus[]> = {
  [ModelStatus.DRAFT]: [ModelStatus.STAGING],
  [ModelStatus.STAGING]: [ModelStatus.PRODUCTION, ModelStatus.DRAFT],
  [ModelStatus.PRODUCTION]: [ModelStatus.RETIRED],
  [ModelStatus.RETIRED]: [],
};
