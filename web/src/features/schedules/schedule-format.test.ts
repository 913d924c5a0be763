import { describe, expect, it } from 'vitest';
import { describeCron, scheduleActions } from './schedule-format';

describe('scheduleActions', () => {
  it('pauses an active schedule and resumes a paused one; Run now either way', () => {
    expect(scheduleActions(false)).toEqual(['pause', 'runNow']);
    expect(scheduleActions(true)).toEqual(['resume', 'runNow']);
  });
});

describe('describeCron', () => {
  it.each([
    ['*/15 * * * *', 'every 15 minutes'],
    ['* * * * *', 'every minute'],
    ['5 * * * *', 'hourly at :05'],
    ['0 5 * * *', 'daily at 05:00'],
    ['30 2 * * *', 'daily at 02:30'],
    ['0 6 * * 1', 'Mondays at 06:00'],
    ['0 6 * * 7', 'Sundays at 06:00'],
    ['0 8 * * 1-5', 'weekdays at 08:00'],
    ['30 2 1 * *', 'monthly on day 1 at 02:30'],
    ['0 6 * 1 *', 'custom'],
    ['0 6,18 * * *', 'custom'],
    ['@daily', 'custom'],
  ])('%s reads "%s"', (cron, words) => {
    expect(describeCron(cron)).toBe(words);
  });
});
