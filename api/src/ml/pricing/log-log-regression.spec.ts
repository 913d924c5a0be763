import { describe, expect, it } from 'vitest';
import { fitLogLog, type RegressionInput } from './log-log-regression.js';

/** 4 series × 40 weeks: y = a_i − 1.5 log p + 0.4 log c + tiny deterministic noise. */
function synthetic(): RegressionInput {
  const rows = 160;
  const input: RegressionInput = { series: new Int32Array(rows), y: new Float64Array(rows), x: [new Float64Array(rows), new Float64Array(rows), new Float64Array(rows)], names: ['log_price', 'log_competitor_price', 'price_ratio_to_competitor'] };
  for (let r = 0; r < rows; r++) {
    const i = Math.floor(r / 40);
    const w = r % 40;
    const logP = Math.log(5 + i) + 0.1 * Math.sin(w * 1.3 + i);
    const logC = Math.log(5 + i) + 0.08 * Math.cos(w * 0.7 + 2 * i);
    input.series[r] = i;
    input.x[0]![r] = logP;
    input.x[1]![r] = logC;
    input.x[2]![r] = Math.exp(logP - logC); // ≈ 1 + log p − log c: collinear with the other two
    input.y[r] = 3 + i - 1.5 * logP + 0.4 * logC + 0.001 * Math.sin(w * 7.1 + i);
  }
  return input;
}

describe('log-log regression (within, ridge)', () => {
  it('recovers the elasticity and drops the collinear price ratio', () => {
    const fit = fitLogLog(synthetic(), { alpha: 0, bounds: [-6, -0.1] });
    expect(fit.elasticity).toBeCloseTo(-1.5, 2);
    expect(fit.coefficients[1]).toBeCloseTo(0.4, 2);
    expect(fit.dropped.map((d) => d.name)).toEqual(['price_ratio_to_competitor']);
    expect(fit.intercepts.get(2)).toBeCloseTo(5, 1);
    expect(fit.smear).toBeCloseTo(1, 4);
  });
  it('clips the estimate into the elasticity bounds', () => {
    const fit = fitLogLog(synthetic(), { alpha: 0, bounds: [-1.2, -0.1] });
    expect(fit.clipped).toBe(true);
    expect(fit.elasticity).toBe(-1.2);
    expect(fit.rawElasticity).toBeCloseTo(-1.5, 2);
  });
  it('a large ridge penalty shrinks the estimate towards 0', () => {
    expect(Math.abs(fitLogLog(synthetic(), { alpha: 1e4, bounds: [-6, -0.001] }).elasticity)).toBeLessThan(0.5);
  });
});
