import { describe, expect, it } from 'vitest';
import { formatDateTime, formatEnumLabel, formatRelativeTime } from './format';

const now = new Date('2025-06-15T12:00:00.000Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe('formatRelativeTime', () => {
  it.each([
    [ago(10), 'just now'],
    [ago(5 * 60), '5 minutes ago'],
    [ago(59 * 60), '59 minutes ago'],
    [ago(3 * 3600), '3 hours ago'],
    [ago(24 * 3600), 'yesterday'],
    [ago(3 * 24 * 3600), '3 days ago'],
    [ago(14 * 24 * 3600), '2 weeks ago'],
    [ago(400 * 24 * 3600), 'last year'],
    [ago(-2 * 3600), 'in 2 hours'],
  ])('%s is "%s"', (iso, expected) => {
    expect(formatRelativeTime(iso, now)).toBe(expected);
  });

  it('shows a dash instead of "Invalid Date" for a missing or malformed timestamp', () => {
    expect(formatRelativeTime('not a date', now)).toBe('—');
    expect(formatRelativeTime(null, now)).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('gives the exact UTC time, whatever the server time zone', () => {
    expect(formatDateTime('2025-06-15T09:05:00.000Z')).toBe('15 Jun 2025, 09:05 UTC');
    expect(formatDateTime('garbage')).toBe('');
  });
});

describe('formatEnumLabel', () => {
  it('turns schema enum values into words', () => {
    expect(formatEnumLabel('NEXT_BEST_ACTION')).toBe('Next best action');
    expect(formatEnumLabel('FORECASTING')).toBe('Forecasting');
  });

  it('keeps abbreviations as they are written', () => {
    expect(formatEnumLabel('API')).toBe('API');
    expect(formatEnumLabel('AB_TEST_COMPLETE')).toBe('A/B test complete');
    expect(formatEnumLabel('LABEL')).toBe('Label');
  });
});
