import { describe, expect, it } from 'vitest';
import { calibration, elasticityAccuracy, marginImpact, profitLift, revenueLift, type SimulatedOutcome } from './pricing-metrics.js';

// Series 1: price 10 → 11 (cost 6), units 100 → 90. Series 2: price 5 → 4.5 (cost 2), units 200 → 230.
// Revenue 1000 + 1000 = 2000 → 990 + 1035 = 2025; gross margin 400 + 600 = 1000 → 450 + 575 = 1025.
const outcomes: SimulatedOutcome[] = [
  { cost: 6, currentPrice: 10, recommendedPrice: 11, currentUnits: 100, recommendedUnits: 90 },
  { cost: 2, currentPrice: 5, recommendedPrice: 4.5, currentUnits: 200, recommendedUnits: 230 },
];

describe('pricing metrics', () => {
  it('revenue_lift = 2025 / 2000 − 1', () => expect(revenueLift(outcomes)).toBeCloseTo(0.0125, 12));
  it('margin_impact = 1025 / 2025 − 1000 / 2000 (rate points)', () => expect(marginImpact(outcomes)).toBeCloseTo(1025 / 2025 - 0.5, 12));
  it('profit_lift = 1025 / 1000 − 1', () => expect(profitLift(outcomes)).toBeCloseTo(0.025, 12));
  it('no change scores zero lift and zero impact', () => {
    const same = outcomes.map((o) => ({ ...o, recommendedPrice: o.currentPrice, recommendedUnits: o.currentUnits }));
    expect([revenueLift(same), marginImpact(same), profitLift(same)]).toEqual([0, 0, 0]);
  });
  it('elasticity_accuracy = 1 − mean relative error: estimates 10 % off score 0.9', () => expect(elasticityAccuracy([-1.8, -1.1], [-2, -1])).toBeCloseTo(0.9, 12));
  it('elasticity_accuracy caps each series’ error at 1', () => expect(elasticityAccuracy([-5, -1], [-1, -1])).toBe(0.5));
  it('calibration = mean |Σ predicted / Σ actual − 1| over groups: (0 + 0.125) / 2', () => {
    expect(calibration([10, 20, 30, 40], [12, 18, 30, 50], [[0, 1], [2, 3]])).toBeCloseTo(0.0625, 12);
  });
});
