import { registerEnumType } from 'type-graphql';

export enum RecipeFamily {
  FORECASTING = 'FORECASTING',
  PRICING = 'PRICING',
  NEXT_BEST_ACTION = 'NEXT_BEST_ACTION',
  LOCATION_SCORING = 'LOCATION_SCORING',
}
export enum RecipeLevel {
  BASELINE = 'BASELINE',
  INDUSTRY = 'INDUSTRY',
  CLIENT = 'CLIENT',
}
export enum RecipeStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
  ARCHIVED = 'ARCHIVED',
}
export enum VersionBump {
  MAJOR = 'MAJOR',
  MINOR = 'MINOR',
  PATCH = 'PATCH',
}

registerEnumType(RecipeFamily, { name: 'RecipeFamily', description: 'The kind of problem a recipe solves; each has its own manifest schema.' });
registerEnumType(RecipeLevel, { name: 'RecipeLevel', description: 'Inheritance level: BASELINE → INDUSTRY → CLIENT.' });
registerEnumType(RecipeStatus, { name: 'RecipeStatus' });
registerEnumType(VersionBump, { name: 'VersionBump', description: 'Which semver part a new recipe version increments.' });
