import { describe, expect, it } from 'vitest';
import { buildMonitoringSeries, HEATMAP_COLUMNS, LINE_BUCKETS, type SnapshotPoint } from './monitoring-series';

const T0 = Date.UTC(2026, 0, 1);

function snapshots(count: number): SnapshotPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    recordedAt: new Date(T0 + i * 15 * 60_000).toISOString(),
    performance: [
      { key: 'MAPE', value: 0.1 + (i % 97) / 1000 + (i === 4321 ? 0.5 : 0) },
      { key: 'MAE', value: 8 + (i % 13) },
    ],
    drift: [
      { feature: 'price', method: 'KS', score: i === 5000 ? 0.9 : 0.05, threshold: 0.1, pValue: 0.2, drifted: i === 5000 },
      { feature: 'promo_flag', method: 'CHI_SQUARE', score: 1, threshold: 3.841, pValue: 0.3, drifted: false },
    ],
    freshness: { lagHours: i === 9000 ? 50 : 6, limitHours: 30 },
  }));
}

describe('buildMonitoringSeries', () => {
  it('passes a default window (200 snapshots) through: every point, one heatmap column each', () => {
    const series = buildMonitoringSeries(snapshots(200));
    expect(series.snapshotCount).toBe(200);
    expect(series.linesReduced).toBe(false);
    expect(series.snapshotsPerColumn).toBe(1);
    expect(series.metrics.map((m) => [m.key, m.points.length, m.count])).toEqual([
      ['MAPE', 200, 200],
      ['MAE', 200, 200],
    ]);
    expect(series.drift.columns).toHaveLength(200);
    expect(series.freshness.points).toHaveLength(200);
    expect(series.freshness.limitHours).toBe(30);
  });

  it('reduces 10,000 snapshots for the browser without losing a peak, a drift or a stale moment', () => {
    const all = snapshots(10_000);
    const series = buildMonitoringSeries(all);
    expect(series.snapshotCount).toBe(10_000);
    expect(series.linesReduced).toBe(true);
    const mape = series.metrics.find((m) => m.key === 'MAPE')!;
    expect(mape.count).toBe(10_000);
    expect(mape.points.length).toBeLessThanOrEqual(LINE_BUCKETS * 4);
    expect(mape.latest).toBe(all[9999]!.performance[0]!.value);
    expect(Math.max(...mape.points.map((p) => p[1]))).toBe(all[4321]!.performance[0]!.value);

    expect(series.drift.columns).toHaveLength(HEATMAP_COLUMNS);
    expect(series.snapshotsPerColumn).toBe(50);
    const drifted = series.drift.details.flatMap((d, i) => (d[5] > 0 ? [[...series.drift.cells[i]!, ...d]] : []));
    expect(drifted).toEqual([[100, 0, 3, 'KS', 0.9, 0.1, 0.2, Date.parse(all[5000]!.recordedAt), 1]]);

    expect(Math.max(...series.freshness.points.map((p) => p[1]))).toBe(50);
    // Compact: what the browser receives is a fraction of the snapshots.
    expect(JSON.stringify(series).length).toBeLessThan(JSON.stringify(all).length / 10);
  });

  it('has nothing to draw without snapshots', () => {
    const series = buildMonitoringSeries([]);
    expect(series).toMatchObject({ snapshotCount: 0, metrics: [], freshness: { points: [], limitHours: 0 } });
    expect(series.drift.cells).toEqual([]);
  });
});
