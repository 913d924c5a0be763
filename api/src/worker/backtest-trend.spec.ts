import { describe, expect, it } from 'vitest';
import { backtestTrend } from './backtest-trend.js';

const windows = (values: number[], key = 'MAPE') =>
  values.map((v, index) => ({ index, trainStart: '2026-01-01', trainEnd: '2026-02-01', testStart: '2026-02-02', testEnd: '2026-02-08', metrics: { [key]: v } }));
const manifest = (direction: string, tolerance?: number) => ({
  evaluation: { primary_metric: 'MAPE', metrics: [{ key: 'MAPE', direction }], validation: tolerance === undefined ? {} : { degradation_tolerance: tolerance } },
});

describe('backtestTrend', () => {
  it('compares the latest third of the windows with the ones before, lower is better', () => {
    // 6 windows: earlier = mean(0.10, 0.10, 0.10, 0.10) = 0.10, latest = mean(0.12, 0.14) = 0.13 → 30 % worse.
    const trend = backtestTrend(manifest('LOWER_IS_BETTER'), windows([0.1, 0.1, 0.1, 0.1, 0.12, 0.14]))!;
    expect(trend.earlier).toBeCloseTo(0.1, 12);
    expect(trend.latest).toBeCloseTo(0.13, 12);
    expect(trend.worsening).toBeCloseTo(0.3, 12);
    expect(trend.tolerance).toBe(0.1);
  });

  it('mirrors the direction for higher-is-better metrics and reads the tolerance from the manifest', () => {
    const trend = backtestTrend(manifest('HIGHER_IS_BETTER', 0.25), windows([0.8, 0.8, 0.6]))!;
    // latest third of 3 windows = 1 window: (0.8 − 0.6) / 0.8 = 25 % worse, exactly the tolerance.
    expect(trend.worsening).toBeCloseTo(0.25, 12);
    expect(trend.tolerance).toBe(0.25);
    expect(backtestTrend(manifest('HIGHER_IS_BETTER'), windows([0.6, 0.6, 0.8]))!.worsening).toBeCloseTo(-1 / 3, 12);
  });

  it('has nothing to say with one window, a missing metric or no primary metric', () => {
    expect(backtestTrend(manifest('LOWER_IS_BETTER'), windows([0.1]))).toBeNull();
    expect(backtestTrend(manifest('LOWER_IS_BETTER'), windows([0.1, 0.2], 'MAE'))).toBeNull();
    expect(backtestTrend({}, windows([0.1, 0.2]))).toBeNull();
    expect(backtestTrend(manifest('LOWER_IS_BETTER'), windows([0, 0.2]))).toBeNull();
  });
});
