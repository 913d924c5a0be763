/**
 * Runtime lists of the schema's enum values, for filters and selects. Each list is checked
 * against the generated union type: a value added to the schema (and picked up by codegen)
 * that is missing here is a type error.
 */
import type {
  AbTestKind,
  AbTestSource,
  AbTestStatus,
  AlertSeverity,
  AlertStatus,
  AlertType,
  ExperimentDecision,
  ExperimentModelRole,
  ExperimentStatus,
  MetricDirection,
  ModelStatus,
  RecipeFamily,
  RecipeLevel,
  RecipeStatus,
  RunStatus,
  RunTrigger,
  RunType,
} from '@/gql/graphql';

type Complete<T extends string, A extends readonly T[]> = [Exclude<T, A[number]>] extends [never]
  ? A
  : { missing: Exclude<T, A[number]> };

function allOf<T extends string>() {
  return <const A extends readonly T[]>(values: A & Complete<T, A>): readonly T[] => values;
}

export const RECIPE_FAMILIES = allOf<RecipeFamily>()(['FORECASTING', 'PRICING', 'NEXT_BEST_ACTION', 'LOCATION_SCORING']);
export const RECIPE_LEVELS = allOf<RecipeLevel>()(['BASELINE', 'INDUSTRY', 'CLIENT']);
export const RECIPE_STATUSES = allOf<RecipeStatus>()(['DRAFT', 'APPROVED', 'ARCHIVED']);
export const MODEL_STATUSES = allOf<ModelStatus>()(['DRAFT', 'STAGING', 'PRODUCTION', 'RETIRED']);
export const RUN_STATUSES = allOf<RunStatus>()(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']);
export const RUN_TYPES = allOf<RunType>()(['TRAIN', 'EVAL', 'BACKTEST']);
export const RUN_TRIGGERS = allOf<RunTrigger>()(['MANUAL', 'SCHEDULED', 'DRIFT', 'DEGRADATION', 'API']);
export const ALERT_STATUSES = allOf<AlertStatus>()(['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'DISMISSED']);
export const ALERT_SEVERITIES = allOf<AlertSeverity>()(['INFO', 'WARNING', 'CRITICAL']);
export const ALERT_TYPES = allOf<AlertType>()([
  'DRIFT_DETECTED',
  'PERFORMANCE_DEGRADED',
  'DATA_STALE',
  'RUN_FAILED',
  'PROMOTION_PENDING',
  'BACKTEST_DEGRADATION',
  'EXPERIMENT_COMPLETE',
  'AB_TEST_COMPLETE',
]);

/** Experiment statuses in the order of the board's columns (the workflow, the two endings last). */
export const EXPERIMENT_STATUSES = allOf<ExperimentStatus>()(['PROPOSED', 'APPROVED', 'IN_PROGRESS', 'SHADOW_TESTING', 'COMPLETED', 'REJECTED']);
export const EXPERIMENT_DECISIONS = allOf<ExperimentDecision>()(['ADOPT', 'PARTIAL_ADOPT', 'REJECT']);
export const EXPERIMENT_MODEL_ROLES = allOf<ExperimentModelRole>()(['BASELINE', 'CANDIDATE']);
export const AB_TEST_STATUSES = allOf<AbTestStatus>()(['RUNNING', 'COMPLETED', 'STOPPED']);
export const AB_TEST_KINDS = allOf<AbTestKind>()(['MEAN', 'PROPORTION']);
export const AB_TEST_SOURCES = allOf<AbTestSource>()(['OBSERVATIONS', 'PREDICTION_LOGS']);
export const METRIC_DIRECTIONS = allOf<MetricDirection>()(['HIGHER_IS_BETTER', 'LOWER_IS_BETTER']);

/** Narrows a string (from a URL) to one of `values`, or null. */
export function oneOf<T extends string>(values: readonly T[], raw: string | null | undefined): T | null {
  return raw != null && (values as readonly string[]).includes(raw) ? (raw as T) : null;
}
