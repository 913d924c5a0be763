import { describe, expect, it } from 'vitest';
import { estimateEventLifts } from './event-regressors.js';
import { filterHoltWinters, fitHoltWinters, forecastHoltWinters } from './holt-winters.js';
import { fitSeasonalNaive, forecastSeasonalNaive } from './seasonal-naive.js';

const season = [-10, -12, -5, 0, 8, 15, 4];
/** y_t = 100 + 0.5 t + season[t mod 7]: a noise-free additive trend + weekly season. */
const exact = (t: number) => 100 + 0.5 * t + season[t % 7]!;

describe('Holt-Winters (additive, error-correction form)', () => {
  it('forecasts a noise-free trend + season exactly', () => {
    const n = 70;
    const y = Float64Array.from({ length: n }, (_, t) => exact(t));
    const fit = fitHoltWinters(y, n, { seasonalPeriods: 7, damped: false, maxIter: 200 });
    const { mean } = forecastHoltWinters(fit, 14);
    for (let h = 1; h <= 14; h++) expect(mean[h - 1]).toBeCloseTo(exact(n - 1 + h), 6);
    expect(fit.sigma).toBeLessThan(1e-6);
  });

  it('widens the interval as σ √(1 + Σ c_j²), c_j = α + βj + γ[j mod 7 = 0]', () => {
    const params = { alpha: 0.2, beta: 0.05, gamma: 0.1, phi: 1 };
    const fit = { ...filterHoltWinters(Float64Array.from({ length: 28 }, (_, t) => exact(t)), 28, 7, params), sigma: 1 };
    const { sd } = forecastHoltWinters(fit, 8);
    expect(sd[0]).toBe(1);
    expect(sd[1]).toBeCloseTo(Math.sqrt(1 + 0.25 ** 2), 12); // c₁ = 0.2 + 0.05
    // c₁…c₇ = 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55 + γ: Σc² = 1.31
    expect(sd[7]).toBeCloseTo(Math.sqrt(2.31), 12);
  });

  it('recovers a level shift faster with a larger α', () => {
    const y = Float64Array.from({ length: 56 }, (_, t) => exact(t) + (t >= 42 ? 30 : 0));
    const slow = forecastHoltWinters(filterHoltWinters(y, 56, 7, { alpha: 0.05, beta: 0.001, gamma: 0.05, phi: 1 }), 1).mean[0]!;
    const fast = forecastHoltWinters(filterHoltWinters(y, 56, 7, { alpha: 0.8, beta: 0.001, gamma: 0.05, phi: 1 }), 1).mean[0]!;
    expect(Math.abs(fast - (exact(56) + 30))).toBeLessThan(Math.abs(slow - (exact(56) + 30)));
  });
});

describe('seasonal naive', () => {
  it('repeats the last season and widens by √(k + 1)', () => {
    const y = Array.from({ length: 14 }, (_, t) => t + 1); // y_t − y_{t−7} = 7 for every t ≥ 7
    const fit = fitSeasonalNaive(y, 14, 7);
    const { mean, sd } = forecastSeasonalNaive(fit, 8);
    expect(Array.from(mean)).toEqual([8, 9, 10, 11, 12, 13, 14, 8]);
    expect(sd[0]).toBe(7);
    expect(sd[6]).toBe(7);
    expect(sd[7]).toBeCloseTo(7 * Math.SQRT2, 12);
  });
});

describe('event lifts', () => {
  it('recovers additive promotion and holiday lifts from a seasonal series', () => {
    const n = 200;
    const promo = Uint8Array.from({ length: n }, (_, t) => (t % 23 < 4 ? 1 : 0));
    const holiday = Uint8Array.from({ length: n }, (_, t) => (t % 50 === 10 ? 1 : 0));
    const y = Float64Array.from({ length: n }, (_, t) => exact(t) + 40 * promo[t]! + 25 * holiday[t]!);
    const [promoLift, holidayLift] = estimateEventLifts(y, n, 7, [promo, holiday]);
    expect(promoLift).toBeCloseTo(40, 4);
    expect(holidayLift).toBeCloseTo(25, 4);
  });

  it('gives a zero lift to an event that never happens in the window', () => {
    const n = 60;
    const y = Float64Array.from({ length: n }, (_, t) => exact(t));
    expect(estimateEventLifts(y, n, 7, [new Uint8Array(n)])).toEqual([0]);
  });
});
