import type { FamilyDefinition } from '../spec.js';
import type { MetricRule } from '../types.js';

/** psi thresholds the whole product uses for "moderate" and "significant" shift. */
const PSI_THRESHOLDS = { psi_moderate: 0.1, psi_significant: 0.25 } as const;

function metricRuleEntry(rule: MetricRule): Record<string, unknown> {
  return {
    key: rule.key,
    direction: rule.direction,
    promote: rule.promote,
    warn: rule.warn,
    fail: rule.fail,
    required: rule.required,
  };
}

/** "worse than" operator for a rule: `>` for lower-is-better metrics, `<` otherwise. */
function worseThan(rule: MetricRule): '>' | '<' {
  return rule.direction === 'LOWER_IS_BETTER' ? '>' : '<';
}

function alertRules(def: FamilyDefinition, freshnessLimitHours: number): Record<string, unknown>[] {
  const primary = def.pack.rules.find((rule) => rule.key === def.primaryMetric);
  if (!primary) throw new Error(`${def.slug}: primary metric ${def.primaryMetric} has no pack rule`);
  return [
    {
      name: 'feature_drift',
      type: 'DRIFT_DETECTED',
      severity: 'WARNING',
      metric: 'drifted_feature_count',
      operator: '>=',
      threshold: 1,
    },
    {
      name: `${primary.key}_warning`,
      type: 'PERFORMANCE_DEGRADED',
      severity: 'WARNING',
      metric: primary.key,
      operator: worseThan(primary),
      threshold: primary.warn,
    },
    {
      name: 'evaluation_failed',
      type: 'PERFORMANCE_DEGRADED',
      severity: 'CRITICAL',
      metric: 'evaluation_status',
      operator: '==',
      threshold: 'FAIL',
    },
    {
      name: 'data_stale',
      type: 'DATA_STALE',
      severity: 'CRITICAL',
      metric: 'lag_hours',
      operator: '>',
      threshold: freshnessLimitHours,
    },
    {
      name: 'run_failed',
      type: 'RUN_FAILED',
      severity: 'WARNING',
      metric: 'failed_runs',
      operator: '>=',
      threshold: 1,
      window_hours: 24,
    },
  ];
}

/**
 * The full recipe manifest (all seven sections). Evaluation thresholds are
 * copied from the family's pack and monitoring drift from its drift
 * features, so manifest and pack can never disagree.
 */
export function buildManifest(def: FamilyDefinition): Record<string, unknown> {
  const { recipe, pack, freshnessLimitHours } = def;
  const input = recipe.manifest;

  const inputFeatures = new Set(input.lineage.input_features);
  for (const { feature } of def.driftFeatures) {
    if (!inputFeatures.has(feature)) throw new Error(`${def.slug}: drift feature ${feature} is not in lineage.input_features`);
  }

  const primaryDriftMethod = def.driftFeatures[0]?.method ?? 'PSI';
  const featureMethods = Object.fromEntries(
    def.driftFeatures
      .filter((f) => f.method !== primaryDriftMethod)
      .map((f) => [f.feature, { method: f.method, threshold: f.threshold }]),
  );

  return {
    metadata: {
      name: recipe.name,
      family: def.family,
      level: 'BASELINE',
      description: recipe.description,
      owner: recipe.owner,
      tags: [...recipe.tags],
    },
    requirements: { ...input.requirements, feature_sets: [...input.requirements.feature_sets] },
    pipeline: {
      quality: input.pipeline.quality,
      feature_prep: input.pipeline.feature_prep,
      training: input.pipeline.training,
      evaluation: { pack: pack.key, ...input.pipeline.evaluation },
      deployment: input.pipeline.deployment,
    },
    evaluation: {
      pack: pack.key,
      primary_metric: def.primaryMetric,
      metrics: pack.rules.map(metricRuleEntry),
      validation: input.validation,
    },
    lineage: {
      input_features: [...input.lineage.input_features],
      output_features: [...input.lineage.output_features],
      ...(input.lineage.upstream_tables ? { upstream_tables: [...input.lineage.upstream_tables] } : {}),
    },
    deployment: input.deployment,
    monitoring: {
      metrics: pack.rules.map((rule) => rule.key),
      drift: {
        method: primaryDriftMethod,
        features: def.driftFeatures.map((f) => f.feature),
        thresholds: PSI_THRESHOLDS,
        feature_methods: featureMethods,
        sample_size: def.driftSampleSize,
      },
      freshness: { max_lag_hours: freshnessLimitHours },
      alerts: alertRules(def, freshnessLimitHours),
    },
  };
}
