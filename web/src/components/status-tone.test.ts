import { describe, expect, it } from 'vitest';
import { badgeClassName, badgeTone } from './status-tone';

describe('badgeTone', () => {
  it.each([
    ['DRAFT', 'draft'],
    ['APPROVED', 'success'],
    ['PASS', 'success'],
    ['SUCCEEDED', 'success'],
    ['STAGING', 'info'],
    ['RUNNING', 'info'],
    ['QUEUED', 'info'],
    ['PRODUCTION', 'production'],
    ['ARCHIVED', 'archived'],
    ['RETIRED', 'archived'],
    ['WARN', 'warning'],
    ['FAIL', 'danger'],
    ['FAILED', 'danger'],
    ['OPEN', 'warning'],
    ['ACKNOWLEDGED', 'info'],
    ['RESOLVED', 'success'],
    ['DISMISSED', 'archived'],
    ['CRITICAL', 'danger'],
    ['WARNING', 'warning'],
    ['SKIPPED', 'draft'],
    ['PAUSED', 'warning'],
    ['CANCELLED', 'archived'],
    ['PROMOTED', 'production'],
    ['AWAITING_APPROVAL', 'warning'],
    ['RUN_FAILED', 'danger'],
  ])('%s is drawn as %s', (status, tone) => {
    expect(badgeTone(status)).toBe(tone);
  });

  it('draws a status it does not know yet as neutral rather than failing', () => {
    expect(badgeTone('SOMETHING_NEW')).toBe('draft');
  });

  it('gives the CSS class the stylesheet defines', () => {
    expect(badgeClassName('FAIL')).toBe('badge badge--danger');
  });
});
