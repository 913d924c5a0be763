/**
 * The one typed topic map of the live channel. Payloads are JSON-safe (ISO strings, ids), so they
 * survive the outbox table and Redis unchanged.
 */
/** An entity as a JSON-safe row (see `dehydrate` in platform/materialize.ts). */
export type Row = Record<string, unknown>;

export interface TopicPayloads {
  RUN_UPDATED: { runId: string; status: string; run: Row };
  RUN_LOG_APPENDED: { runId: string; lines: { seq: number; level: string; message: string; loggedAt: string }[] };
  MONITOR_SNAPSHOT_RECORDED: { snapshotId: string; snapshot: Row };
  ALERT_RAISED: { alertId: string; type: string; severity: string; alert: Row };
  ALERT_UPDATED: { alertId: string; type: string; severity: string; status: string; alert: Row };
  MODEL_UPDATED: { modelId: string; change: string; model: Row };
  EVALUATION_COMPLETED: { runId: string | null; snapshotId: string | null; results: Row[] };
  /** An experiment was proposed, moved along its workflow, edited or (un)linked; `change` says which. */
  EXPERIMENT_UPDATED: { experimentId: string; change: string; status: string; experiment: Row };
  /** An A/B test started, got observations, completed or stopped; `result` is its result at that moment (JSON-safe). */
  AB_TEST_UPDATED: { abTestId: string; status: string; abTest: Row; result: Row | null };
}

export type Topic = keyof TopicPayloads;

export const TOPICS = [
  'RUN_UPDATED',
  'RUN_LOG_APPENDED',
  'MONITOR_SNAPSHOT_RECORDED',
  'ALERT_RAISED',
  'ALERT_UPDATED',
  'MODEL_UPDATED',
  'EVALUATION_COMPLETED',
  'EXPERIMENT_UPDATED',
  'AB_TEST_UPDATED',
] as const satisfies readonly Topic[];

/**
 * One committed event as stored in `event_outbox` and delivered to subscribers. Payloads carry the
 * changed object as it was committed, so a thousand subscribers cost no database reads.
 */
export interface LiveEvent<T extends Topic = Topic> {
  /** Increasing id (bigint as a string); clients resume with `since: <last id seen>`. */
  id: string;
  workspaceId: string;
  topic: T;
  modelId: string | null;
  subjectId: string | null;
  payload: TopicPayloads[T];
  createdAt: string;
}
