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

/** Judges one value against its rule (SPEC.md "Evaluation packs"). */
export function evaluateMetric(rule: MetricRule, actual: number | undefined): MetricEvaluation {
  if (actual === undefined) {
    return {
      key: rule.key,
      actual: null,
      status: rule.required ? MetricEvaluationStatus.FAIL : MetricEvaluationStatus.SKIPPED,
      promotable: false,
      thresholds: rule,
      note: rule.required ? 'missing' : 'missing (optional)',
    };
  }
  let status: MetricEvaluationStatus;
  if (atLeastAsGood(rule.direction, actual, rule.warn)) status = MetricEvaluationStatus.PASS;
  else if (actual !== rule.fail && atLeastAsGood(rule.direction, actual, rule.fail)) status = MetricEvaluationStatus.WARN;
  else status = MetricEvaluationStatus.FAIL;
  return { key: rule.key, actual, status, promotable: atLeastAsGood(rule.direction, actual, rule.promote), thresholds: rule };
}

/** Evaluates reported metrics against a pack version's rules: per-metric rows, overall status, summary. */
export function evaluate(rules: MetricRule[], reported: MetricValue[]): EvaluationOutcome {
  const values = new Map(reported.map((m) => [m.key, m.value]));
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
