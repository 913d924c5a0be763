/**
 * Schedules as people read them: which actions a schedule offers, and a cron expression in
 * words for the common shapes. Unit-tested in schedule-format.test.ts.
 */

export type ScheduleAction = 'pause' | 'resume' | 'runNow';

/** Pause an active schedule or resume a paused one; Run now either way (it does not move the next slot). */
export function scheduleActions(paused: boolean): ScheduleAction[] {
  return [paused ? 'resume' : 'pause', 'runNow'];
}

const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

const isNumber = (field: string) => /^\d+$/.test(field);
const hhmm = (hour: string, minute: string) => `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;

/**
 * "*\/15 * * * *" → "every 15 minutes", "0 5 * * *" → "daily at 05:00", "0 6 * * 1" →
 * "Mondays at 06:00", "30 2 1 * *" → "monthly on day 1 at 02:30", "0 * * * *" → "hourly at :00";
 * anything else → "custom" (the expression itself is shown beside it).
 */
export function describeCron(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return 'custom';
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  const every = /^\*\/(\d+)$/.exec(minute);
  if (every && hour === '*' && day === '*' && month === '*' && weekday === '*') {
    return every[1] === '1' ? 'every minute' : `every ${every[1]} minutes`;
  }
  if (minute === '*' && hour === '*' && day === '*' && month === '*' && weekday === '*') return 'every minute';
  if (isNumber(minute) && hour === '*' && day === '*' && month === '*' && weekday === '*') return `hourly at :${minute.padStart(2, '0')}`;
  if (!isNumber(minute) || !isNumber(hour) || month !== '*') return 'custom';
  const at = hhmm(hour, minute);
  if (day === '*' && weekday === '*') return `daily at ${at}`;
  if (day === '*' && isNumber(weekday)) {
    const name = WEEKDAYS[Number(weekday) % 7];
    return name ? `${name} at ${at}` : 'custom';
  }
  if (day === '*' && weekday === '1-5') return `weekdays at ${at}`;
  if (isNumber(day) && weekday === '*') return `monthly on day ${day} at ${at}`;
  return 'custom';
}
