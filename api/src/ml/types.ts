/**
 * The contract between the worker (job queue, database, live updates) and the learners (pure,
 * deterministic TypeScript: no database, no clock, no I/O). The worker resolves the recipe
 * version's manifest and the data set, calls the family's `runJob`, and turns what it reports into
 * run updates that subscribers see live.
 */
export type Family = 'FORECASTING' | 'PRICING' | 'NEXT_BEST_ACTION' | 'LOCATION_SCORING';
export type JobType = 'TRAIN' | 'EVAL' | 'BACKTEST';
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Which shipped data set a run uses: the family's generator with this seed and size. */
export interface DatasetSpec {
  /** The family's data set name, e.g. `forecasting-demand`; see each family's `DATASET_NAME`. */
  name: string;
  /** Seed of the generator (the same seed always gives the same rows). */
  seed: number;
  /** SMALL is for tests and quick tries (each family still meets its manifest's requirements); DEFAULT is what a user queues. */
  size: 'SMALL' | 'DEFAULT';
}

export interface MetricPoint {
  key: string;
  step: number;
  value: number;
}

/** One walk-forward window of a backtest. Dates are ISO `YYYY-MM-DD`. */
export interface BacktestWindow {
  index: number;
  trainStart: string;
  trainEnd: string;
  testStart: string;
  testEnd: string;
  metrics: Record<string, number>;
}

export interface ArtifactOutput {
  /** File name under the run's artifact directory, e.g. `model.json`. */
  name: string;
  kind: 'MODEL' | 'REPORT' | 'DATASET';
  /** JSON-serialisable content (model parameters, a report). The worker writes it and records size and checksum. */
  content: unknown;
  metadata?: Record<string, string | number | boolean>;
}

export interface JobInput {
  family: Family;
  type: JobType;
  /** The recipe version's resolved manifest (overlay merged over its parents). */
  manifest: Record<string, unknown>;
  /** The run's params as given to queueRun (strings; each learner parses and validates what it reads). */
  params: Record<string, string>;
  dataset: DatasetSpec;
  /** For EVAL: the `model.json` content of the model's latest successful TRAIN run (null when there is none: then EVAL fits first). */
  trainedModel: unknown | null;
}

export interface JobOutput {
  /** Final metrics (the pack's metric keys where the family defines them). */
  metrics: Record<string, number>;
  artifacts: ArtifactOutput[];
  /** BACKTEST only: the windows, oldest first; `metrics` is then their aggregate. */
  backtestWindows?: BacktestWindow[];
  /**
   * TRAIN only: the training rows' values of each of the manifest's `monitoring.drift.features` the
   * learner has (numbers, or strings for categorical features). The worker stores them as the model's
   * reference profiles, which drift is measured against.
   */
  referenceColumns?: Record<string, number[] | string[]>;
}

/** What a learner reports while it works. Every call may throw `JobCancelled` (the run was cancelled): let it propagate. */
export interface JobHooks {
  /** 0–1 of the whole job. Call it between steps (a few dozen times per job, not per row). */
  progress(fraction: number): Promise<void>;
  log(level: LogLevel, message: string): Promise<void>;
  /** Metric history points (e.g. per boosting round, per window, per epoch): batched by the caller. */
  metricPoints(points: MetricPoint[]): Promise<void>;
}

/** Bad input (unknown feature, data set below the manifest's requirements, bad param): the run fails with this message and is never retried. */
export class JobInputError extends Error {
  override name = 'JobInputError';
}

/** Thrown by a hook when the run was cancelled; the worker ends the run as CANCELLED. */
export class JobCancelled extends Error {
  override name = 'JobCancelled';
}

export type RunJob = (input: JobInput, hooks: JobHooks) => Promise<JobOutput>;
