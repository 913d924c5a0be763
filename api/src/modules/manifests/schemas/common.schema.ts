import type { SchemaObject } from 'ajv';
import { AlertSeverity, AlertType } from '../../alerts/alert.enums.js';
import { MetricDirection } from '../../evaluation/evaluation.enums.js';
import { DriftMethod } from '../../monitoring/monitoring.types.js';
import { type RecipeFamily, RecipeLevel } from '../../recipes/recipe.enums.js';

/** Building blocks shared by the family schemas. */
export const identifier = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } as const;
export const positiveInteger = { type: 'integer', minimum: 1 } as const;
export const fraction = { type: 'number', minimum: 0, maximum: 1 } as const;
export const identifiers = { type: 'array', items: identifier, minItems: 1, uniqueItems: true } as const;
const text = { type: 'string', minLength: 1 } as const;
const slug = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;
const positiveNumber = { type: 'number', exclusiveMinimum: 0 } as const;
/** Five-field cron: minute hour day-of-month month day-of-week. */
const cron = { type: 'string', pattern: '^[0-9A-Za-z*/,?-]+( [0-9A-Za-z*/,?-]+){4}$' } as const;

const metricRule = {
  type: 'object',
  properties: {
    key: identifier,
    direction: { enum: Object.values(MetricDirection) },
    promote: { type: 'number' },
    warn: { type: 'number' },
    fail: { type: 'number' },
    required: { type: 'boolean' },
  },
  required: ['key', 'direction', 'promote', 'warn', 'fail', 'required'],
  additionalProperties: false,
} as const;

const alertRule = {
  type: 'object',
  properties: {
    name: identifier,
    type: { enum: Object.values(AlertType) },
    severity: { enum: Object.values(AlertSeverity) },
    metric: identifier,
    operator: { enum: ['>', '>=', '<', '<=', '==', '!='] },
    threshold: { type: ['number', 'string'] },
    window_hours: positiveInteger,
  },
  required: ['name', 'type', 'severity', 'metric', 'operator', 'threshold'],
  additionalProperties: false,
} as const;

/** Parameters each validation strategy needs. */
const strategyParameters: Record<string, string[]> = {
  walk_forward: ['windows', 'horizon_days'],
  randomized_holdout: ['holdout_fraction'],
  spatial_block_cv: ['folds', 'block_size_km'],
};

const validationParameters = {
  // Which strategies suit a family is the family schema's business.
  strategy: identifier,
  windows: positiveInteger,
  horizon_days: positiveInteger,
  step_days: positiveInteger,
  min_train_days: positiveInteger,
  holdout_days: positiveInteger,
  holdout_weeks: positiveInteger,
  holdout_fraction: fraction,
  folds: { type: 'integer', minimum: 2 },
  block_size_km: positiveNumber,
  buffer_km: { type: 'number', minimum: 0 },
} as const;

const validation = {
  type: 'object',
  properties: validationParameters,
  required: ['strategy'],
  allOf: Object.entries(strategyParameters).map(([strategy, required]) => ({
    if: { properties: { strategy: { const: strategy } } },
    // strict mode wants `required` names declared beside it.
    then: { properties: Object.fromEntries(required.map((key) => [key, validationParameters[key as keyof typeof validationParameters]])), required },
  })),
} as const;

/**
 * What every manifest has, whatever its family: the seven sections with their key fields. The
 * sections stay open for family-specific keys; the top level, metric and alert rules are closed.
 */
export const commonManifestSchema: SchemaObject = {
  $id: 'manifest-common',
  title: 'Recipe manifest (all families)',
  type: 'object',
  properties: {
    metadata: {
      type: 'object',
      properties: {
        name: text,
        family: { type: 'string' },
        level: { enum: Object.values(RecipeLevel) },
        description: { type: 'string' },
        owner: { type: 'string', format: 'email' },
        tags: { type: 'array', items: text, uniqueItems: true },
      },
      required: ['name', 'family', 'level', 'owner'],
    },
    requirements: {
      type: 'object',
      properties: {
        feature_sets: identifiers,
        grain: {
          type: 'object',
          properties: { entity: identifiers, time_column: identifier, frequency: { enum: ['hourly', 'daily', 'weekly', 'monthly'] } },
          required: ['entity', 'time_column', 'frequency'],
        },
        label: identifier,
        min_history_days: positiveInteger,
      },
      required: ['feature_sets', 'grain', 'label', 'min_history_days'],
    },
    pipeline: {
      type: 'object',
      properties: {
        quality: {
          type: 'object',
          properties: { checks: identifiers, max_null_fraction: fraction, min_rows: positiveInteger, on_failure: { enum: ['abort', 'warn'] } },
          required: ['checks'],
        },
        feature_prep: { type: 'object' },
        training: { type: 'object', properties: { algorithm: identifier }, required: ['algorithm'] },
        evaluation: { type: 'object', properties: { pack: slug, gate: { enum: ['block_on_fail', 'warn_only'] } }, required: ['pack'] },
        deployment: { type: 'object', properties: { approval: { enum: ['manual', 'automatic'] } }, required: ['approval'] },
      },
      required: ['quality', 'feature_prep', 'training', 'evaluation', 'deployment'],
    },
    evaluation: {
      type: 'object',
      properties: {
        pack: slug,
        primary_metric: identifier,
        metrics: { type: 'array', items: metricRule, minItems: 1 },
        validation,
      },
      required: ['pack', 'primary_metric', 'metrics', 'validation'],
    },
    lineage: {
      type: 'object',
      properties: {
        input_features: identifiers,
        output_features: identifiers,
        upstream_tables: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$' }, uniqueItems: true },
      },
      required: ['input_features', 'output_features'],
    },
    deployment: {
      type: 'object',
      properties: {
        mode: { enum: ['batch', 'realtime'] },
        schedule: cron,
        endpoint: { type: 'string', format: 'uri' },
        on_demand_endpoint: { type: 'string', format: 'uri' },
        timezone: text,
      },
      required: ['mode', 'schedule', 'endpoint'],
      // A realtime deployment answers requests: its endpoint is an HTTP(S) URL.
      if: { properties: { mode: { const: 'realtime' } } },
      then: { properties: { endpoint: { type: 'string', pattern: '^https?://' } } },
    },
    monitoring: {
      type: 'object',
      properties: {
        metrics: identifiers,
        drift: {
          type: 'object',
          properties: {
            method: { enum: Object.values(DriftMethod) },
            features: identifiers,
            thresholds: {
              type: 'object',
              properties: { psi_moderate: positiveNumber, psi_significant: positiveNumber },
              required: ['psi_moderate', 'psi_significant'],
              additionalProperties: false,
            },
            feature_methods: {
              type: 'object',
              additionalProperties: {
                type: 'object',
                properties: { method: { enum: Object.values(DriftMethod) }, threshold: positiveNumber },
                required: ['method', 'threshold'],
                additionalProperties: false,
              },
            },
            sample_size: positiveInteger,
            /** Queue a TRAIN run (trigger DRIFT, a challenger awaiting approval) when a recorded sample's data set drifts. Default false. */
            retrain_on_drift: { type: 'boolean', default: false },
          },
          required: ['method', 'features', 'thresholds'],
        },
        freshness: { type: 'object', properties: { max_lag_hours: positiveNumber }, required: ['max_lag_hours'] },
        alerts: { type: 'array', items: alertRule },
      },
      required: ['metrics', 'drift', 'freshness', 'alerts'],
    },
  },
  required: ['metadata', 'requirements', 'pipeline', 'evaluation', 'lineage', 'deployment', 'monitoring'],
  additionalProperties: false,
};

/**
 * The part every family schema starts with: the common schema, `metadata.family` fixed to the family,
 * its primary metric among the family's metrics and its validation among the strategies that suit it.
 */
export function familyManifest(family: RecipeFamily, primaryMetrics: string[], strategies: string[]): SchemaObject[] {
  return [
    { $ref: 'manifest-common' },
    {
      type: 'object',
      properties: {
        metadata: { type: 'object', properties: { family: { const: family } } },
        evaluation: {
          type: 'object',
          properties: {
            primary_metric: { enum: primaryMetrics },
            validation: { type: 'object', properties: { strategy: { enum: strategies } } },
          },
        },
      },
    },
  ];
}
