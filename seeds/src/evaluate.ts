import type { KeyNumber, MetricRule } from './types.js';

type Status = 'PASS' | 'WARN' | 'FAIL';

/**
 * Status of one metric against its rule, or null when an optional metric is
 * missing (it is skipped). Lower-is-better: value <= warn PASS, warn < value <
 * fail WARN, value >= fail FAIL; mirrored for higher-is-better.
 */
function metricStatus(rule: MetricRule, value: number | undefined): Status | null {
  if (value === undefined || Number.isNaN(value)) return rule.required ? 'FAIL' : null;
  const lower = rule.direction === 'LOWER_IS_BETTER';
  if (lower ? value >= rule.fail : value <= rule.fail) return 'FAIL';
  if (lower ? value > rule.warn : value < rule.warn) return 'WARN';
  return 'PASS';
}

/**
 * The overall status the API's evaluation engine is expected to compute for
 * these metrics: FAIL if any metric fails (a missing required metric fails),
 * else WARN if any warns, else PASS. Metrics without a rule are ignored.
 */
export function expectedEvaluationStatus(rules: MetricRule[], metrics: KeyNumber[]): 'PASS' | 'WARN' | 'FAIL' {
  const values = new Map(metrics.map((m) => [m.key, m.value]));
  const statuses = rules.map((rule) => metricStatus(rule, values.get(rule.key)));
  if (statuses.includes('FAIL')) return 'FAIL';
  if (statuses.includes('WARN')) return 'WARN';
  return 'PASS';
}
