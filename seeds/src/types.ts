/**
 * Public shapes of the demo data set. The API package maps these onto its
 * entities; nothing here knows about a database.
 */

export type Family = 'FORECASTING' | 'PRICING' | 'NEXT_BEST_ACTION' | 'LOCATION_SCORING';

export type Direction = 'LOWER_IS_BETTER' | 'HIGHER_IS_BETTER';

export interface MetricRule {
  key: string;
  direction: Direction;
  promote: number;
  warn: number;
  fail: number;
  required: boolean;
}

export interface KeyNumber {
  key: string;
  value: number;
}

export interface KeyString {
  key: string;
  value: string;
}

export interface SeedPack {
  key: string;
  name: string;
  family: Family;
  description: string;
  tags: string[];
  version: { version: string; rules: MetricRule[]; changeNote: string; author: string; createdAt: Date };
}

export interface SeedRecipe {
  key: string;
  name: string;
  family: Family;
  level: 'BASELINE';
  status: 'APPROVED';
  description: string;
  packKey: string;
  version: { version: string; manifest: Record<string, unknown>; changeNote: string; author: string; createdAt: Date };
  syntheticExample: {
    description: string;
    schema: Record<string, unknown>;
    sampleRows: Record<string, unknown>[];
    exampleRun: Record<string, unknown>;
  };
}

export interface SeedRun {
  key: string;
  type: 'TRAIN' | 'EVAL' | 'BACKTEST';
  status: 'SUCCEEDED' | 'FAILED';
  trigger: 'MANUAL' | 'SCHEDULED' | 'DRIFT' | 'DEGRADATION' | 'API';
  params: KeyString[];
  metrics: KeyNumber[];
  history: { key: string; step: number; value: number; recordedAt: Date }[];
  artifacts: { name: string; uri: string; sizeBytes: number; kind: string; metadata: Record<string, unknown> }[];
  logs: { level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'; message: string; loggedAt: Date }[];
  error: string | null;
  createdAt: Date;
  startedAt: Date;
  finishedAt: Date;
}

export type DriftMethod = 'PSI' | 'KS' | 'WASSERSTEIN' | 'JENSEN_SHANNON' | 'CHI_SQUARE';

export interface SeedSnapshot {
  recordedAt: Date;
  performance: KeyNumber[];
  rowCount: number;
  drift: { feature: string; method: DriftMethod; score: number; pValue: number | null; threshold: number; drifted: boolean }[];
  freshness: { lastDataAt: Date; lagHours: number; limitHours: number };
  evaluate: boolean;
}

export interface SeedModel {
  key: string;
  name: string;
  recipeKey: string;
  status: 'DRAFT' | 'STAGING' | 'PRODUCTION' | 'RETIRED';
  owner: string;
  description: string;
  createdAt: Date;
  runs: SeedRun[];
  snapshots: SeedSnapshot[];
}

export interface DemoData {
  workspace: { slug: 'demo'; name: string };
  packs: SeedPack[];
  recipes: SeedRecipe[];
  models: SeedModel[];
}
