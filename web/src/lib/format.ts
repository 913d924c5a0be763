const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday", "in 2 hours"; "—" for a missing or bad date. */
export function formatRelativeTime(iso: string | null | undefined, now: Date): string {
  if (!iso) return '—';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  const seconds = Math.round((then - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return relative.format(seconds < 0 ? -1 : 1, 'minute');
}

const absolute = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "26 Nov 2025, 19:37 UTC" (the tooltip behind a relative time); "" for a bad date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  return Number.isNaN(then) ? '' : `${absolute.format(then)} UTC`;
}

/** Enum words that are abbreviations: written as such, not as ordinary words ("Api", "Ab"). */
const ABBREVIATIONS: Readonly<Record<string, string>> = { api: 'API', ab: 'A/B' };

/** NEXT_BEST_ACTION -> "Next best action"; API -> "API"; AB_TEST_COMPLETE -> "A/B test complete". */
export function formatEnumLabel(value: string): string {
  const words = value
    .toLowerCase()
    .split('_')
    .filter(Boolean)
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const shortTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** An ISO time or epoch ms as "28 Nov, 14:05" (UTC), for chart axes and compact facts. */
export function formatShortTime(time: string | number): string {
  const t = typeof time === 'number' ? time : Date.parse(time);
  return Number.isNaN(t) ? String(time) : shortTime.format(t);
}
