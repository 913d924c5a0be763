import { formatMetric } from '@/lib/format-number';

export interface Rule {
  direction: 'LOWER_IS_BETTER' | 'HIGHER_IS_BETTER';
  promote: number;
  warn: number;
  fail: number;
}

/**
 * A rule's thresholds in words, following SPEC.md: lower is better → PASS ≤ warn, WARN between,
 * FAIL ≥ fail (mirrored for higher is better); promotable at or beyond `promote`.
 */
export function describeRule(rule: Rule): { pass: string; warn: string; fail: string; promote: string } {
  const lower = rule.direction === 'LOWER_IS_BETTER';
  const w = formatMetric(rule.warn);
  const f = formatMetric(rule.fail);
  return lower
    ? { pass: `≤ ${w}`, warn: `${w} – ${f}`, fail: `≥ ${f}`, promote: `≤ ${formatMetric(rule.promote)}` }
    : { pass: `≥ ${w}`, warn: `${f} – ${w}`, fail: `≤ ${f}`, promote: `≥ ${formatMetric(rule.promote)}` };
}

/** The arrow shown next to a metric name: which way is better. */
export function directionSymbol(direction: Rule['direction']): string {
  return direction === 'LOWER_IS_BETTER' ? '↓' : '↑';
}

/** Newest result per pack, in first-seen order (results come newest first from the API). */
export function latestPerPack<T extends { pack: { id: string } }>(results: readonly T[]): Array<{ latest: T; older: T[] }> {
  const groups = new Map<string, { latest: T; older: T[] }>();
  for (const result of results) {
    const group = groups.get(result.pack.id);
    if (group) group.older.push(result);
    else groups.set(result.pack.id, { latest: result, older: [] });
  }
  return [...groups.values()];
}
