import { EvaluationStatus, MetricDirection, MetricEvaluationStatus } from './evaluation.enums.js';
import type { MetricEvaluation, MetricRule } from './metric-rule.types.js';

export interface MetricValue {
  key: string;
  value: number;
}

export interface EvaluationOutcome {
  status: EvaluationStatus;
  summary: string;
  metrics: MetricEvaluation[];
}

/** `a` is at least as good as `b` in the rule's direction. */
function atLeastAsGood(direction: MetricDirection, a: number, b: number): boolean {
  return direction === MetricDirection.LOWER_IS_BETTER ? a <= b : a >= b;
}

/**
 * Judges one value against its rule (SPEC.md "Evaluation packs"). Lower-is-better: value ≥ fail →
 * FAIL, else value ≤ warn → PASS, else WARN; mirrored for higher-is-better. Promotable: value ≤
 * promote (≥ for higher-is-better). A value that is absent, null or NaN counts as missing: FAIL
 * ("missing") when the rule is required, SKIPPED otherwise.
 */
export function evaluateMetric(rule: MetricRule, actual: number | null | undefined): MetricEvaluation {
  const thresholds = { key: rule.key, direction: rule.direction, promote: rule.promote, warn: rule.warn, fail: rule.fail, required: rule.required };
  if (typeof actual !== 'number' || Number.isNaN(actual)) {
    return {
      key: rule.key,
      actual: null,
      status: rule.required ? MetricEvaluationStatus.FAIL : MetricEvaluationStatus.SKIPPED,
      promotable: false,
      thresholds,
      note: rule.required ? 'missing' : 'missing (optional)',
    };
  }
  const reaches = (threshold: number) => atLeastAsGood(rule.direction, actual, threshold);
  // FAIL is checked first, so that even thresholds out of order (stored before validation) never hide a failure.
  const failed = actual === rule.fail || !reaches(rule.fail);
  const status = failed ? MetricEvaluationStatus.FAIL : reaches(rule.warn) ? MetricEvaluationStatus.PASS : MetricEvaluationStatus.WARN;
  return { key: rule.key, actual, status, promotable: reaches(rule.promote), thresholds };
}

/** Evaluates reported metrics against a pack version's rules: per-metric rows, overall status, summary. */
export function evaluate(rules: MetricRule[], reported: MetricValue[]): EvaluationOutcome {
  const values = new Map<string, number | null | undefined>(reported.map((m) => [m.key, m.value]));
  const metrics = rules.map((rule) => evaluateMetric(rule, values.get(rule.key)));
  const count = (s: MetricEvaluationStatus) => metrics.filter((m) => m.status === s).length;
  const failed = count(MetricEvaluationStatus.FAIL);
  const warned = count(MetricEvaluationStatus.WARN);
  const passed = count(MetricEvaluationStatus.PASS);
  const skipped = count(MetricEvaluationStatus.SKIPPED);
  const status = failed > 0 ? EvaluationStatus.FAIL : warned > 0 ? EvaluationStatus.WARN : EvaluationStatus.PASS;
  const judged = metrics.length - skipped;
  const parts = [`${passed}/${judged} metrics passed`];
  if (warned) parts.push(`${warned} warning${warned === 1 ? '' : 's'}`);
  if (failed) parts.push(`${failed} failed`);
  if (skipped) parts.push(`${skipped} skipped`);
  return { status, summary: `Evaluation ${status}: ${parts.join(', ')}`, metrics };
}
