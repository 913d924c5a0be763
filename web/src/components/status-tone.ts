/** Colour family of a status badge; each has a `.badge--<tone>` rule in globals.css. */
export type BadgeTone = 'draft' | 'success' | 'info' | 'production' | 'archived' | 'warning' | 'danger';

/**
 * One colour per meaning, the same on every page: recipe, model, run and evaluation
 * statuses share it. An unknown status (a value added to the schema later) is drawn as draft.
 */
const TONE_BY_STATUS: Readonly<Record<string, BadgeTone>> = {
  DRAFT: 'draft',
  APPROVED: 'success',
  PASS: 'success',
  SUCCEEDED: 'success',
  STAGING: 'info',
  QUEUED: 'info',
  RUNNING: 'info',
  PRODUCTION: 'production',
  ARCHIVED: 'archived',
  RETIRED: 'archived',
  CANCELLED: 'archived',
  WARN: 'warning',
  FAIL: 'danger',
  FAILED: 'danger',
};

export function badgeTone(status: string): BadgeTone {
  return TONE_BY_STATUS[status] ?? 'draft';
}

export function badgeClassName(status: string): string {
  return `badge badge--${badgeTone(status)}`;
}
