import { describe, expect, it } from 'vitest';
import { EvaluationStatus, MetricDirection, MetricEvaluationStatus } from './evaluation.enums.js';
import { evaluate, evaluateMetric } from './evaluation.engine.js';
import type { MetricRule } from './metric-rule.types.js';

const { PASS, WARN, FAIL, SKIPPED } = MetricEvaluationStatus;
const EPS = 1e-9;

const MAPE: MetricRule = { key: 'MAPE', direction: MetricDirection.LOWER_IS_BETTER, promote: 0.15, warn: 0.25, fail: 0.4, required: true };
const COVERAGE: MetricRule = { key: 'coverage_80', direction: MetricDirection.HIGHER_IS_BETTER, promote: 0.8, warn: 0.75, fail: 0.65, required: true };

const judge = (rule: MetricRule, value: number | undefined) => {
  const m = evaluateMetric(rule, value);
  return [m.status, m.promotable];
};

describe('evaluateMetric, lower is better', () => {
  it.each([
    ['well below promote', 0.01, PASS, true],
    ['just below promote', 0.15 - EPS, PASS, true],
    ['at promote', 0.15, PASS, true],
    ['just above promote', 0.15 + EPS, PASS, false],
    ['just below warn', 0.25 - EPS, PASS, false],
    ['at warn', 0.25, PASS, false],
    ['just above warn', 0.25 + EPS, WARN, false],
    ['just below fail', 0.4 - EPS, WARN, false],
    ['at fail', 0.4, FAIL, false],
    ['just above fail', 0.4 + EPS, FAIL, false],
  ])('%s (%d) → %s, promotable %s', (_name, value, status, promotable) => {
    expect(judge(MAPE, value)).toEqual([status, promotable]);
  });
});

describe('evaluateMetric, higher is better', () => {
  it.each([
    ['well above promote', 0.99, PASS, true],
    ['just above promote', 0.8 + EPS, PASS, true],
    ['at promote', 0.8, PASS, true],
    ['just below promote', 0.8 - EPS, PASS, false],
    ['just above warn', 0.75 + EPS, PASS, false],
    ['at warn', 0.75, PASS, false],
    ['just below warn', 0.75 - EPS, WARN, false],
    ['just above fail', 0.65 + EPS, WARN, false],
    ['at fail', 0.65, FAIL, false],
    ['just below fail', 0.65 - EPS, FAIL, false],
  ])('%s (%d) → %s, promotable %s', (_name, value, status, promotable) => {
    expect(judge(COVERAGE, value)).toEqual([status, promotable]);
  });
});

describe('missing metrics', () => {
  it('fail when required, noted "missing"', () => {
    expect(evaluateMetric(MAPE, undefined)).toMatchObject({ actual: null, status: FAIL, promotable: false, note: 'missing' });
  });

  it('are SKIPPED when optional, and do not fail the evaluation', () => {
    const optional = { ...COVERAGE, required: false };
    expect(evaluateMetric(optional, undefined)).toMatchObject({ actual: null, status: SKIPPED, promotable: false });
    const outcome = evaluate([MAPE, optional], [{ key: 'MAPE', value: 0.1 }]);
    expect(outcome.status).toBe(EvaluationStatus.PASS);
    expect(outcome.summary).toBe('Evaluation PASS: 1/1 metrics passed, 1 skipped');
  });

  it('include null and NaN values (stored JSON cannot hold NaN)', () => {
    expect(evaluateMetric(MAPE, null).status).toBe(FAIL);
    expect(evaluateMetric({ ...MAPE, required: false }, Number.NaN).status).toBe(SKIPPED);
  });
});

describe('evaluate', () => {
  it("passes SPEC's example: MAPE 0.14 with promote 0.15, warn 0.25, fail 0.40 is PASS and promotable", () => {
    const outcome = evaluate([MAPE], [{ key: 'MAPE', value: 0.14 }]);
    expect(outcome.status).toBe(EvaluationStatus.PASS);
    expect(outcome.metrics).toEqual([{ key: 'MAPE', actual: 0.14, status: PASS, promotable: true, thresholds: MAPE }]);
    expect(outcome.summary).toBe('Evaluation PASS: 1/1 metrics passed');
  });

  const five = ['a', 'b', 'c', 'd', 'e'].map((key) => ({ ...MAPE, key }));
  const values = (...v: number[]) => v.map((value, i) => ({ key: five[i]!.key, value }));

  it('is WARN when some metric warns and none fails, with the summary SPEC shows', () => {
    const outcome = evaluate(five, values(0.1, 0.1, 0.1, 0.1, 0.3));
    expect(outcome.status).toBe(EvaluationStatus.WARN);
    expect(outcome.summary).toBe('Evaluation WARN: 4/5 metrics passed, 1 warning');
  });

  it('is FAIL when any metric fails (a missing required one included), whatever the others', () => {
    expect(evaluate(five, values(0.1, 0.3, 0.3, 0.1, 0.5))).toMatchObject({ status: EvaluationStatus.FAIL, summary: 'Evaluation FAIL: 2/5 metrics passed, 2 warnings, 1 failed' });
    expect(evaluate(five, values(0.1, 0.1, 0.1, 0.1)).status).toBe(EvaluationStatus.FAIL);
  });

  it('ignores reported metrics without a rule', () => {
    expect(evaluate([MAPE], [{ key: 'MAPE', value: 0.2 }, { key: 'RMSE', value: 1e9 }]).metrics).toHaveLength(1);
  });

  it('lets FAIL win over PASS when stored thresholds are out of order', () => {
    expect(evaluateMetric({ ...MAPE, warn: 0.5, fail: 0.4 }, 0.45).status).toBe(FAIL);
  });
});
