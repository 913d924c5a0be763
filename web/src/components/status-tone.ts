/** Colour family of a status badge; each has a `.badge--<tone>` rule in globals.css. */
export type BadgeTone = 'draft' | 'success' | 'info' | 'production' | 'archived' | 'warning' | 'danger';

/**
 * One colour per meaning, the same on every page: recipe, model, run, evaluation and alert
 * statuses and alert severities share it. An unknown status (a value added to the schema
 * later) is drawn as draft.
 */
const TONE_BY_STATUS: Readonly<Record<string, BadgeTone>> = {
  DRAFT: 'draft',
  SKIPPED: 'draft',
  APPROVED: 'success',
  PASS: 'success',
  SUCCEEDED: 'success',
  RESOLVED: 'success',
  FRESH: 'success',
  STAGING: 'info',
  QUEUED: 'info',
  RUNNING: 'info',
  ACKNOWLEDGED: 'info',
  INFO: 'info',
  PRODUCTION: 'production',
  CHAMPION: 'production',
  ARCHIVED: 'archived',
  RETIRED: 'archived',
  CANCELLED: 'archived',
  DISMISSED: 'archived',
  WARN: 'warning',
  WARNING: 'warning',
  OPEN: 'warning',
  PAUSED: 'warning',
  CHALLENGER: 'warning',
  FAIL: 'danger',
  FAILED: 'danger',
  CRITICAL: 'danger',
  STALE: 'danger',
  // Retraining outcomes (Model.retrainingEvents).
  PROMOTED: 'production',
  PENDING: 'info',
  AWAITING_APPROVAL: 'warning',
  POLICY_NOT_MET: 'warning',
  NOT_A_CHALLENGER: 'draft',
  RUN_FAILED: 'danger',
  RUN_CANCELLED: 'archived',
  // Experiments (status, decision, linked model role) and A/B tests.
  PROPOSED: 'info',
  IN_PROGRESS: 'info',
  SHADOW_TESTING: 'warning',
  COMPLETED: 'success',
  REJECTED: 'archived',
  ADOPT: 'production',
  PARTIAL_ADOPT: 'warning',
  REJECT: 'archived',
  BASELINE: 'draft',
  CANDIDATE: 'info',
  STOPPED: 'archived',
  WINNER: 'success',
  // Drift: a feature's verdict and its PSI level.
  DRIFTED: 'danger',
  STABLE: 'success',
  NONE: 'success',
  MODERATE: 'warning',
  SIGNIFICANT: 'danger',
};

export function badgeTone(status: string): BadgeTone {
  return TONE_BY_STATUS[status] ?? 'draft';
}

export function badgeClassName(status: string): string {
  return `badge badge--${badgeTone(status)}`;
}
