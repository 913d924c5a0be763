import { describe, expect, it } from 'vitest';
import { evaluatePolicy, normalisedEntropy, precisionAtTop, qiniCoefficient, qiniCurve, type PolicyEvaluationInput } from './uplift-metrics.js';

describe('qini', () => {
  // outcome [1,0,1,0], score [.9,.8,.3,.1], treatment [1,1,0,0]:
  // cumulative (n, treated, treated conversions, control conversions) = (1,1,1,0) (2,2,1,0) (3,2,1,1) (4,2,1,1)
  // curve = 1 − 0, 1 − 0, 1 − 1·2/1, 1 − 1·2/2 = 1, 1, −1, 0; area = 0.5 + 1 + 0 − 0.5 = 1.
  // perfect ordering (score = +y treated, −y control): x [0,1,3,4], y [0,1,1,0]; area = 0.5 + 2 + 0.5 = 3; baseline 0.
  const outcome = [1, 0, 1, 0];
  const treatment = [1, 1, 0, 0];

  it('draws the Qini curve at each distinct score', () => {
    expect(qiniCurve(outcome, [0.9, 0.8, 0.3, 0.1], treatment)).toEqual({ x: [0, 1, 2, 3, 4], y: [0, 1, 1, -1, 0] });
    expect(qiniCurve(outcome, [0.5, 0.5, 0.1, 0.1], treatment)).toEqual({ x: [0, 2, 4], y: [0, 1, 0] });
  });

  it('normalises the area by the perfect ordering', () => {
    expect(qiniCoefficient(outcome, [0.9, 0.8, 0.3, 0.1], treatment)).toBeCloseTo(1 / 3, 10);
    expect(qiniCoefficient(outcome, [1, 0, -1, 0], treatment)).toBeCloseTo(1, 10);
    expect(qiniCoefficient([], [], [])).toBe(0);
  });
});

describe('normalisedEntropy', () => {
  it('is 1 for an even spread and 0 for a single action', () => {
    // shares .5 .25 .25 over 4 actions: (0.5 ln 2 + 2 · 0.25 ln 4) / ln 4 = 0.75
    expect(normalisedEntropy(['a', 'a', 'b', 'c'], 4)).toBeCloseTo(0.75, 10);
    expect(normalisedEntropy(['a', 'b', 'c', 'd'], 4)).toBeCloseTo(1, 10);
    expect(normalisedEntropy(['a', 'a'], 4)).toBe(0);
  });
});

describe('policy metrics', () => {
  // 10 customers; scores descending with the index; top 10% = customer 0, top 20% = customers 0–1.
  const input: PolicyEvaluationInput = {
    actual: ['x', 'none', 'x', 'none', 'y', 'none', 'y', 'x', 'none', 'x'],
    recommended: ['x', 'x', 'x', 'x', 'y', 'y', 'none', 'none', 'none', 'none'],
    bestTreatment: ['x', 'x', 'x', 'x', 'y', 'y', 'y', 'x', 'x', 'x'],
    score: [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, -0.1, -0.2, -0.3, -0.4],
    converted: [1, 0, 1, 1, 1, 0, 0, 1, 0, 0],
    revenue: [50, 0, 30, 40, 20, 0, 0, 60, 0, 0],
    controlAction: 'none',
    actionCount: 3,
    topPercent: 10,
  };

  it('measures uplift and revenue on the customers the policy treats', () => {
    const metrics = evaluatePolicy(input);
    // treated by the policy: 0–5; matched: 0 (1), 2 (1), 4 (1) → 1; control: 1 (0), 3 (1), 5 (0) → 1/3.
    expect(metrics.uplift).toBeCloseTo(2 / 3, 10);
    // revenue: matched (50 + 30 + 20) / 3, control 40 / 3 → 20 per customer → 20,000 per 1,000.
    expect(metrics.incremental_revenue).toBeCloseTo(20_000, 6);
    // recommended: x ×4, y ×2, none ×4 over 3 actions.
    const p = [0.4, 0.2, 0.4];
    expect(metrics.action_distribution).toBeCloseTo(-p.reduce((s, v) => s + v * Math.log(v), 0) / Math.log(3), 10);
  });

  it('measures precision@k as the conversion gain in the top k%', () => {
    // top 20%: customer 0 (got x = best, converted) and 1 (control, not converted) → 1 − 0.
    expect(precisionAtTop(input, 20)).toBe(1);
    // top 10%: only customer 0, no control → 0 (undefined gain).
    expect(precisionAtTop(input, 10)).toBe(0);
    // top 40%: matched 0, 2 → 1; control 1, 3 → 0.5.
    expect(precisionAtTop(input, 40)).toBeCloseTo(0.5, 10);
  });
});
