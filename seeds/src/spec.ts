/**
 * Internal description of one family's demo content. Each file in
 * `families/` fills one of these with plain data; the builders in
 * `builders/` turn it into the public seed shapes, so the families never
 * repeat the mechanics of runs, snapshots or manifests.
 */
import type { DriftMethod, Family, MetricRule, SeedModel, SeedRun } from './types.js';
import type { Rng } from './util.js';

export type RunType = SeedRun['type'];
export type RunStatus = SeedRun['status'];
export type Trigger = SeedRun['trigger'];
export type MetricValues = Readonly<Record<string, number>>;

export interface RunPlan {
  type: RunType;
  status: RunStatus;
  trigger: Trigger;
  /** When the run was queued, in days before `now` (fractions allowed). */
  daysAgo: number;
  /** Planned wall time of a complete run. */
  durationMinutes: number;
  /** SUCCEEDED runs: the final value of every pack metric. */
  metrics?: MetricValues;
  failure?: {
    /**
     * When it failed, as a fraction of the planned wall time. The timeline of a
     * run is: setup and feature preparation before 0.1, the main stage (curve
     * points, backtest windows) spread over 0.1–0.9, reporting after 0.9; a
     * failed run keeps whatever happened before this point.
     */
    atFraction: number;
    /** The warning logged just before the failure. */
    warning: string;
    error: string;
  };
  /** Added to (or overriding) the family's default params for this run type. */
  params?: Readonly<Record<string, string>>;
  /** BACKTEST: relative drift of window metrics from first to last window, in the "worse" direction. */
  windowTrend?: number;
}

/** A monitored input feature: where drift is measured and how. */
export interface DriftFeature {
  feature: string;
  method: DriftMethod;
  threshold: number;
  /** CHI_SQUARE only: number of categories (degrees of freedom = categories − 1). */
  categories?: number;
}

export interface MonitoringPlan {
  snapshots: number;
  everyHours: number;
  latestHoursAgo: number;
  /** How many snapshots carry `evaluate: true`: every other one, counting back from the newest. */
  evaluated: number;
  rowCount: number;
  /** Metric value at the first snapshot and at the last; in between it degrades along t^exponent. */
  performance: Readonly<Record<string, readonly [number, number]>>;
  degradationExponent: number;
  /** Drift score trajectory (first → last snapshot) per monitored feature. */
  drift: Readonly<Record<string, readonly [number, number]>>;
  freshness: {
    typicalLagHours: readonly [number, number];
    /** Lags for the newest snapshots (oldest first), e.g. a feed that stalls. */
    trailingLagHours?: readonly number[];
  };
}

export interface ModelPlan {
  key: string;
  name: string;
  status: SeedModel['status'];
  owner: string;
  description: string;
  createdDaysAgo: number;
  /** Chronological (oldest first). */
  runs: readonly RunPlan[];
  monitoring?: MonitoringPlan;
}

export interface LossCurve {
  key: string;
  from: number;
  to: number;
}

/** How runs of this family record their metric history. */
export interface HistoryProfile {
  train: {
    points: number;
    /** Step increment between points (epochs, optimizer iterations, boosting rounds...). */
    stepSize: number;
    losses: readonly LossCurve[];
    /** `val_<metric>` curve converging to the run's final value of this metric. */
    validation: { metric: string; start: number };
  };
  /** Daily values over the evaluation window. */
  eval: { points: number; metrics: readonly string[] };
  /** One value per walk-forward window (step = window index). */
  backtest: { windows: number; metrics: readonly string[]; extra: MetricValues };
}

export interface ManifestInput {
  requirements: {
    feature_sets: readonly string[];
    grain: Record<string, unknown>;
    label: string;
    min_history_days: number;
    [extra: string]: unknown;
  };
  pipeline: {
    quality: Record<string, unknown>;
    feature_prep: Record<string, unknown>;
    training: Record<string, unknown> & { algorithm: string };
    evaluation: Record<string, unknown>;
    deployment: Record<string, unknown>;
  };
  validation: Record<string, unknown> & { strategy: string };
  lineage: { input_features: readonly string[]; output_features: readonly string[]; upstream_tables?: readonly string[] };
  deployment: Record<string, unknown> & { mode: 'batch' | 'realtime'; schedule: string; endpoint: string };
}

export interface SyntheticExampleInput {
  description: string;
  columns: readonly { name: string; type: string; description: string }[];
  primaryKey: readonly string[];
  /** Builds sample row `index` (0-based); `day` is a date string relative to the load time. */
  row: (rng: Rng, index: number, day: (daysAgo: number) => string) => Record<string, unknown>;
  rows: number;
  exampleRun: { type: RunType; durationSeconds: number; rowsUsed: number; notes: string };
}

export interface FamilyDefinition {
  family: Family;
  /** Short slug used in keys and URIs, e.g. `forecasting`. */
  slug: string;
  pack: {
    key: string;
    name: string;
    description: string;
    tags: readonly string[];
    rules: readonly MetricRule[];
    author: string;
    createdDaysAgo: number;
  };
  /** Integer metrics and other non-default roundings. */
  metricDecimals?: Readonly<Record<string, number>>;
  recipe: {
    key: string;
    name: string;
    description: string;
    tags: readonly string[];
    owner: string;
    author: string;
    createdDaysAgo: number;
    changeNote: string;
    manifest: ManifestInput;
    syntheticExample: SyntheticExampleInput;
  };
  /** The metric the dashboards lead with; drives the default alert rules. */
  primaryMetric: string;
  /** Typical metrics of a healthy run: curves of failed runs head toward these. */
  referenceMetrics: MetricValues;
  driftFeatures: readonly DriftFeature[];
  /** Data older than this (hours) is stale: manifest `monitoring.freshness.max_lag_hours`. */
  freshnessLimitHours: number;
  /** Rows per drift sample: the reference sample kept at training time, and the current sample drawn per snapshot. */
  driftSampleSize: number;
  params: Readonly<Record<RunType, Readonly<Record<string, string>>>>;
  history: HistoryProfile;
  modelArtifact: { name: string; framework: string; format: string; sizeBytes: readonly [number, number] };
  logs: { rowsLoaded: number; featurePrep: string; training: string; evaluating: string; backtesting: string };
  models: readonly ModelPlan[];
}
