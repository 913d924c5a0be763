import { registerEnumType } from 'type-graphql';

export enum ModelStatus {
  DRAFT = 'DRAFT',
  STAGING = 'STAGING',
  PRODUCTION = 'PRODUCTION',
  RETIRED = 'RETIRED',
}
registerEnumType(ModelStatus, { name: 'ModelStatus', description: 'DRAFT → STAGING → PRODUCTION → RETIRED (and STAGING → DRAFT).' });
