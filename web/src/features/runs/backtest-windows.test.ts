import { describe, expect, it } from 'vitest';
import {
  type BacktestWindowData,
  backtestTrendOption,
  defaultWindowMetric,
  formatPeriod,
  ruleSummary,
  shortPeriod,
  sortWindows,
  windowChange,
  windowMetricKeys,
  windowValue,
} from './backtest-windows';

const win = (index: number, testStart: string, testEnd: string, metrics: Record<string, number>): BacktestWindowData => ({
  index,
  trainStart: '2023-07-03',
  trainEnd: testStart,
  testStart,
  testEnd,
  metrics: Object.entries(metrics).map(([key, value]) => ({ key, value })),
});

// As the worker stores them for a forecasting backtest: weekly steps, four-week test periods.
const windows = [
  win(1, '2025-03-31', '2025-04-27', { MAPE: 0.076, MAE: 14.27 }),
  win(0, '2025-03-24', '2025-04-20', { MAPE: 0.0742, MAE: 14.48 }),
  win(2, '2025-04-07', '2025-05-04', { MAPE: 0.0769, MAE: 14.1, coverage_80: 0.8 }),
];

describe('backtest windows', () => {
  it('orders the windows oldest first and lists every metric once, in order of appearance', () => {
    expect(sortWindows(windows).map((w) => w.index)).toEqual([0, 1, 2]);
    expect(windowMetricKeys(sortWindows(windows))).toEqual(['MAPE', 'MAE', 'coverage_80']);
  });

  it('reads a value per window, null where the window did not report the metric', () => {
    const [w0, , w2] = sortWindows(windows);
    expect(windowValue(w0!, 'MAE')).toBe(14.48);
    expect(windowValue(w0!, 'coverage_80')).toBeNull();
    expect(windowValue(w2!, 'coverage_80')).toBe(0.8);
  });

  it('writes a test period the short way, with the year once', () => {
    expect(formatPeriod('2025-03-24', '2025-04-20')).toBe('24 Mar – 20 Apr 2025');
    expect(formatPeriod('2024-12-29', '2025-01-25')).toBe('29 Dec 2024 – 25 Jan 2025');
    expect(formatPeriod('2025-03-03', '2025-03-03')).toBe('3 Mar 2025');
    expect(formatPeriod('soon', 'later')).toBe('soon – later');
    expect(shortPeriod('2025-03-24', '2025-04-20')).toBe('24 Mar – 20 Apr');
  });

  it('tells how a metric moved from the first window to the last, and whether that is better', () => {
    expect(windowChange(windows, 'MAE', { direction: 'LOWER_IS_BETTER' })).toEqual({
      first: 14.48,
      last: 14.1,
      relative: expect.closeTo((14.1 - 14.48) / 14.48, 10),
      better: true,
    });
    expect(windowChange(windows, 'MAPE', { direction: 'LOWER_IS_BETTER' })?.better).toBe(false);
    expect(windowChange(windows, 'MAPE')?.better).toBeNull();
    // One value is no trend.
    expect(windowChange(windows, 'coverage_80')).toBeNull();
  });

  it('puts a pack rule in words, either direction', () => {
    expect(ruleSummary({ direction: 'LOWER_IS_BETTER', warn: 28, fail: 42 })).toBe('pass ≤ 28, fail ≥ 42');
    expect(ruleSummary({ direction: 'HIGHER_IS_BETTER', warn: 0.75, fail: 0.65 })).toBe('pass ≥ 0.75, fail ≤ 0.65');
  });

  it('picks the first metric the pack judges, else the first reported', () => {
    expect(defaultWindowMetric(['MAPE', 'MAE'], ['MAE', 'MAPE'])).toBe('MAE');
    expect(defaultWindowMetric(['MAPE', 'MAE'], ['RMSE'])).toBe('MAPE');
    expect(defaultWindowMetric([], [])).toBeNull();
  });

  it('charts one point per window, x = test period oldest first, with a gap where a value is missing', () => {
    const option = backtestTrendOption({ windows, metric: 'coverage_80' });
    expect(option.xAxis.data).toEqual(['24 Mar – 20 Apr', '31 Mar – 27 Apr', '7 Apr – 4 May']);
    expect(option.series[0]!.data).toEqual([null, null, 0.8]);
    expect(option.series[0]!.markArea).toBeUndefined();
  });

  it('draws the pack rule as PASS/WARN/FAIL bands and describes a window in the tooltip', () => {
    const option = backtestTrendOption({
      windows,
      metric: 'MAPE',
      rule: { direction: 'LOWER_IS_BETTER', promote: 0.07, warn: 0.08, fail: 0.12 },
    });
    // The y range follows the values (the trend stays readable); the bands are clipped to it.
    expect(option.yAxis.min).toBeLessThanOrEqual(0.0742);
    expect(option.yAxis.max).toBeGreaterThanOrEqual(0.0769);
    expect(option.yAxis.max).toBeLessThan(0.08);
    const bands = option.series[0]!.markArea!.data.map(([from]) => from.name);
    expect(bands).toEqual(['PASS']);
    const tooltip = option.tooltip.formatter([{ dataIndex: 1 }]);
    expect(tooltip).toContain('Window 2 of 3');
    expect(tooltip).toContain('Test 31 Mar – 27 Apr 2025');
    expect(tooltip).toContain('MAPE: 0.076');
  });
});
