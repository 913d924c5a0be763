/**
 * What the monitoring charts draw, computed on the server from the window's snapshots so that the
 * browser receives a few kilobytes per chart instead of every snapshot (10,000 snapshots are
 * ~6 MB of JSON from the API; their chart series here are ~150 KB).
 *
 * Nothing is invented or smoothed away:
 * - a metric line with more points than LINE_BUCKETS × 4 keeps, per time slice, the first, lowest,
 *   highest and last snapshot (M4, decimate.ts): at the chart's width it draws the same picture,
 *   every peak and trough included; the latest value is always the real latest snapshot's;
 * - the drift heatmap shows one column per snapshot up to HEATMAP_COLUMNS, beyond that each column
 *   covers consecutive snapshots and shows each feature's worst reading among them, with how many
 *   of them drifted (chart-options.ts, driftHeatmapData);
 * - data lag is reduced like a metric line (its maxima, i.e. the stale moments, survive).
 */
import { type DriftCell, type DriftHeatmap, driftHeatmapData } from '@/features/charts/chart-options';
import { minMaxDecimate, type TimePoint } from '@/features/charts/decimate';

/** Time slices per metric line: about one per horizontal pixel of a metric chart at 1280 px. */
export const LINE_BUCKETS = 300;
/** Heatmap columns before consecutive snapshots share one (the default window, 200, is one each). */
export const HEATMAP_COLUMNS = 200;

export interface SnapshotPoint {
  recordedAt: string;
  performance: ReadonlyArray<{ key: string; value: number }>;
  drift: readonly DriftCell[];
  freshness: { lagHours: number; limitHours: number };
}

export interface MetricSeries {
  key: string;
  /** The newest snapshot's value. */
  latest: number | null;
  /** Snapshots that reported the metric. */
  count: number;
  points: TimePoint[];
}

export interface MonitoringSeries {
  snapshotCount: number;
  /** True when some line was reduced (M4) for its width: zooming is then off. */
  linesReduced: boolean;
  /** Snapshots per heatmap column (1: one column per snapshot). */
  snapshotsPerColumn: number;
  metrics: MetricSeries[];
  drift: DriftHeatmap;
  freshness: { points: TimePoint[]; limitHours: number };
}

/** `snapshots` oldest first, as Model.monitorSnapshots returns them. */
export function buildMonitoringSeries(snapshots: readonly SnapshotPoint[]): MonitoringSeries {
  const byKey = new Map<string, TimePoint[]>();
  const lag: TimePoint[] = [];
  for (const snapshot of snapshots) {
    const at = Date.parse(snapshot.recordedAt);
    for (const { key, value } of snapshot.performance) {
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push([at, value]);
    }
    lag.push([at, snapshot.freshness.lagHours]);
  }
  let linesReduced = false;
  const reduce = (points: TimePoint[]) => {
    const reduced = minMaxDecimate(points, LINE_BUCKETS);
    if (reduced.length < points.length) linesReduced = true;
    return reduced;
  };
  const metrics = [...byKey.entries()].map(([key, points]) => ({
    key,
    latest: points[points.length - 1]?.[1] ?? null,
    count: points.length,
    points: reduce(points),
  }));
  const drift = driftHeatmapData(snapshots, HEATMAP_COLUMNS);
  return {
    snapshotCount: snapshots.length,
    linesReduced,
    snapshotsPerColumn: drift.columns.length ? Math.max(...drift.columns.map((c) => c.count)) : 1,
    metrics,
    drift,
    freshness: {
      points: reduce(lag),
      limitHours: snapshots.length ? snapshots[snapshots.length - 1]!.freshness.limitHours : 0,
    },
  };
}
