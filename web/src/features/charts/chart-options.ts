/**
 * ECharts options for the dashboard's charts, built from API data by pure functions (unit-tested
 * without a canvas). Charts with many points switch to ECharts' fast paths: LTTB sampling,
 * progressive rendering, no symbols and no animation. Monitoring charts never animate their entry:
 * the first frame drawn is the final one. Long monitoring series are reduced on the server first
 * (decimate.ts, features/monitoring/monitoring-series.ts).
 */
import { formatMetric } from '@/lib/format-number';

export type Direction = 'LOWER_IS_BETTER' | 'HIGHER_IS_BETTER';

export interface ThresholdRule {
  direction: Direction;
  promote: number;
  warn: number;
  fail: number;
}

/** Above this many points a series is drawn the fast way. */
export const LARGE_SERIES = 1000;

const BAND_COLORS = {
  PASS: 'rgba(27, 107, 52, 0.09)',
  WARN: 'rgba(230, 160, 20, 0.14)',
  FAIL: 'rgba(179, 38, 30, 0.10)',
} as const;

export const SERIES_COLORS = [
  '#2f5bd3',
  '#e8590c',
  '#2b8a3e',
  '#ae3ec9',
  '#0c8599',
  '#c92a2a',
  '#5c7cfa',
  '#e67700',
  '#087f5b',
  '#862e9c',
];

/** A y-range that shows every value and every threshold, with a little air. */
export function valueRange(values: readonly number[], rule?: ThresholdRule | null): { min: number; max: number } {
  const all = values.filter(Number.isFinite);
  if (rule) all.push(rule.warn, rule.fail);
  if (all.length === 0) return { min: 0, max: 1 };
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    return { min: min - pad, max: max + pad };
  }
  const pad = (max - min) * 0.08;
  min -= pad;
  max += pad;
  return { min: roundDown(min), max: roundUp(max) };
}

function roundDown(x: number): number {
  return Number(x.toPrecision(3)) > x ? Number((x - Math.abs(x) * 0.001).toPrecision(3)) : Number(x.toPrecision(3));
}

function roundUp(x: number): number {
  return Number(x.toPrecision(3)) < x ? Number((x + Math.abs(x) * 0.001).toPrecision(3)) : Number(x.toPrecision(3));
}

/**
 * PASS / WARN / FAIL bands of a rule within [min, max], as ECharts markArea data.
 * Lower is better: PASS up to warn, WARN between warn and fail, FAIL from fail; mirrored for
 * higher is better.
 */
export function thresholdBands(rule: ThresholdRule, min: number, max: number) {
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const bands: Array<{ status: keyof typeof BAND_COLORS; from: number; to: number }> =
    rule.direction === 'LOWER_IS_BETTER'
      ? [
          { status: 'PASS', from: min, to: clamp(rule.warn) },
          { status: 'WARN', from: clamp(rule.warn), to: clamp(rule.fail) },
          { status: 'FAIL', from: clamp(rule.fail), to: max },
        ]
      : [
          { status: 'FAIL', from: min, to: clamp(rule.fail) },
          { status: 'WARN', from: clamp(rule.fail), to: clamp(rule.warn) },
          { status: 'PASS', from: clamp(rule.warn), to: max },
        ];
  return bands
    .filter((band) => band.to > band.from)
    .map((band): [{ name: string; yAxis: number; itemStyle: { color: string }; label: object }, { yAxis: number }] => [
      {
        name: band.status,
        yAxis: band.from,
        itemStyle: { color: BAND_COLORS[band.status] },
        label: { position: 'insideTopLeft', fontSize: 9, color: '#8a94a3' },
      },
      { yAxis: band.to },
    ]);
}

function fastPath(count: number) {
  return count > LARGE_SERIES
    ? { showSymbol: false, sampling: 'lttb', progressive: 4000, progressiveThreshold: 5000, animation: false }
    : { showSymbol: count <= 60, symbolSize: 5, animation: count <= 200 };
}

const AXIS_LABEL = { color: '#5d6877', fontSize: 11 };
const SPLIT_LINE = { lineStyle: { color: '#eef0f3' } };

/**
 * One monitored metric over time, with its pack's PASS/WARN/FAIL bands and promotion bar. Drawn at
 * once (no entry animation: the first frame is the final one). `zoom: false` turns off zooming,
 * for series that were reduced for their width (zooming in would show the reduction, not detail).
 */
export function metricTrendOption(input: {
  metric: string;
  points: ReadonlyArray<readonly [number, number]>;
  rule?: ThresholdRule | null;
  zoom?: boolean;
}) {
  const { metric, points, rule, zoom = true } = input;
  const range = valueRange(
    points.map((p) => p[1]),
    rule,
  );
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 52, right: 16, top: 16, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: number) => formatMetric(value),
    },
    xAxis: { type: 'time', axisLabel: AXIS_LABEL, splitLine: { show: false } },
    yAxis: {
      type: 'value',
      min: range.min,
      max: range.max,
      // The range's ends are padded values (e.g. 0.462), not ticks: labelling them crowds the
      // nearest tick's label.
      axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatMetric(v), showMinLabel: false, showMaxLabel: false },
      splitLine: SPLIT_LINE,
    },
    dataZoom: zoom && points.length > LARGE_SERIES ? [{ type: 'inside' }] : [],
    series: [
      {
        name: metric,
        type: 'line',
        data: points,
        lineStyle: { width: 2, color: SERIES_COLORS[0] },
        itemStyle: { color: SERIES_COLORS[0] },
        ...fastPath(points.length),
        animation: false,
        markArea: rule ? { silent: true, data: thresholdBands(rule, range.min, range.max) } : undefined,
        markLine: rule
          ? {
              silent: true,
              symbol: 'none',
              label: { formatter: 'promote', position: 'insideEndTop', fontSize: 9, color: '#1b6b34' },
              lineStyle: { type: 'dashed', color: '#1b6b34', width: 1 },
              data: [{ yAxis: rule.promote }],
            }
          : undefined,
      },
    ],
  };
}

export interface DriftCell {
  feature: string;
  method: string;
  score: number;
  threshold: number;
  pValue: number | null;
  drifted: boolean;
}

/** Drift score relative to its threshold (1 = at the threshold), so features with different methods compare. */
export function driftRatio(cell: Pick<DriftCell, 'score' | 'threshold'>): number {
  if (!Number.isFinite(cell.score)) return 0;
  if (!cell.threshold) return cell.score > 0 ? 3 : 0;
  return Math.min(3, Math.max(0, cell.score / cell.threshold));
}

/** A column of the drift heatmap: one snapshot, or consecutive snapshots when there are too many for one each. */
export interface DriftColumn {
  /** recordedAt (epoch ms) of the first and the last snapshot in the column. */
  from: number;
  to: number;
  /** Snapshots in the column. */
  count: number;
}

/** One heatmap cell: column, feature row and colour value (the worst ratio to the threshold in the column). */
export type DriftHeatCell = [x: number, y: number, ratio: number];

/**
 * What the tooltip of a cell tells (same index as the cell): the worst reading itself (method,
 * score, threshold, p-value, its time in epoch ms) and in how many of the column's snapshots the
 * feature drifted. Kept beside the cells, not in them: ECharts then stores three numeric
 * dimensions per cell, which halves the heatmap's drawing time.
 */
export type DriftCellDetail = [method: string, score: number, threshold: number, pValue: number | null, at: number, drifted: number];

export interface DriftHeatmap {
  features: string[];
  columns: DriftColumn[];
  cells: DriftHeatCell[];
  details: DriftCellDetail[];
}

/**
 * Per-feature drift over time: one row per feature, one column per snapshot, coloured by the
 * score relative to its threshold (green below, amber near, red beyond). With more snapshots than
 * `maxColumns`, consecutive snapshots share a column, which shows the worst reading of each
 * feature among them (and how often it drifted): a drift never disappears from the picture.
 */
export function driftHeatmapData(
  snapshots: ReadonlyArray<{ recordedAt: string; drift: readonly DriftCell[] }>,
  maxColumns = Number.POSITIVE_INFINITY,
): DriftHeatmap {
  const featureIndex = new Map<string, number>();
  for (const snapshot of snapshots) {
    for (const cell of snapshot.drift) if (!featureIndex.has(cell.feature)) featureIndex.set(cell.feature, featureIndex.size);
  }
  const perColumn = Math.max(1, Math.ceil(snapshots.length / Math.max(1, maxColumns)));
  const columns: DriftColumn[] = [];
  const cells: DriftHeatCell[] = [];
  const details: DriftCellDetail[] = [];
  for (let start = 0, x = 0; start < snapshots.length; start += perColumn, x++) {
    const group = snapshots.slice(start, start + perColumn);
    columns.push({ from: Date.parse(group[0]!.recordedAt), to: Date.parse(group[group.length - 1]!.recordedAt), count: group.length });
    const worst = new Map<number, { ratio: number; cell: DriftCell; at: number; drifted: number }>();
    for (const snapshot of group) {
      const at = Date.parse(snapshot.recordedAt);
      for (const cell of snapshot.drift) {
        const y = featureIndex.get(cell.feature)!;
        const ratio = driftRatio(cell);
        const seen = worst.get(y);
        if (!seen) worst.set(y, { ratio, cell, at, drifted: cell.drifted ? 1 : 0 });
        else {
          if (cell.drifted) seen.drifted++;
          if (ratio >= seen.ratio) Object.assign(seen, { ratio, cell, at });
        }
      }
    }
    for (const [y, { ratio, cell, at, drifted }] of [...worst.entries()].sort((a, b) => a[0] - b[0])) {
      cells.push([x, y, Number(ratio.toFixed(3))]);
      details.push([cell.method, cell.score, cell.threshold, cell.pValue, at, drifted]);
    }
  }
  return { features: [...featureIndex.keys()], columns, cells, details };
}

/** The cells (column, feature row) in which the feature drifted at least once: the heatmap marks them with a dot. */
export function driftedCells(heatmap: Pick<DriftHeatmap, 'cells' | 'details'>): Array<[x: number, y: number]> {
  const marked: Array<[number, number]> = [];
  heatmap.cells.forEach(([x, y], i) => {
    if ((heatmap.details[i]?.[5] ?? 0) > 0) marked.push([x, y]);
  });
  return marked;
}

/**
 * `formatTime` formats an epoch-ms time for the axis and the tooltip. Cells in which the feature
 * drifted carry a dark dot (a second, silent series: hovering it shows the cell's tooltip).
 */
export function driftHeatmapOption(heatmap: DriftHeatmap, formatTime: (epochMs: number) => string) {
  const { features, columns, cells, details } = heatmap;
  const drifted = driftedCells(heatmap);
  const columnLabel = (c: DriftColumn | undefined) => (c ? (c.count > 1 ? `${formatTime(c.from)} – ${formatTime(c.to)}` : formatTime(c.from)) : '');
  return {
    aria: { enabled: true },
    // Drawn at once: the first frame is the final one.
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    tooltip: {
      position: 'top',
      formatter: (params: { data: DriftHeatCell; dataIndex: number }) => {
        const [x, y, ratio] = params.data;
        const detail = details[params.dataIndex];
        if (!detail) return '';
        const [method, score, threshold, pValue, at, drifted] = detail;
        const column = columns[x];
        const p = pValue != null ? `, p = ${pValue.toExponential(2)}` : '';
        const reading = `${method} ${formatMetric(score)} (threshold ${formatMetric(threshold)}${p})`;
        if (!column || column.count === 1) {
          return `${features[y]} · ${formatTime(at)}<br/>${reading}<br/>${drifted ? 'Drifted' : 'Within threshold'} · ${ratio.toFixed(2)}× threshold`;
        }
        return `${features[y]} · ${columnLabel(column)} (${column.count} snapshots)<br/>Worst: ${reading} at ${formatTime(at)}, ${ratio.toFixed(2)}× threshold<br/>Drifted in ${drifted} of ${column.count} snapshots`;
      },
    },
    xAxis: {
      type: 'category',
      data: columns.map((c) => formatTime(c.from)),
      axisLabel: AXIS_LABEL,
      splitArea: { show: false },
    },
    yAxis: { type: 'category', data: features, axisLabel: { ...AXIS_LABEL, fontFamily: 'monospace' } },
    visualMap: {
      // The heatmap only: the drifted dots keep their own colour.
      seriesIndex: 0,
      min: 0,
      max: 2,
      dimension: 2,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemWidth: 12,
      itemHeight: 160,
      text: ['≥ 2× threshold', '0'],
      textStyle: { color: '#5d6877', fontSize: 11 },
      inRange: { color: ['#e6f6ea', '#b5e0c1', '#ffe8a3', '#f7a072', '#d93025'] },
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        progressive: 5000,
        itemStyle: { borderColor: '#fff', borderWidth: cells.length < 2000 ? 1 : 0 },
        emphasis: { itemStyle: { borderColor: '#1c2430', borderWidth: 1 } },
      },
      {
        name: 'drifted',
        type: 'scatter',
        data: drifted,
        silent: true,
        symbol: 'circle',
        symbolSize: columns.length > 100 ? 3 : 6,
        itemStyle: { color: '#1c2430' },
        animation: false,
        z: 3,
      },
    ],
  };
}

/** Data lag over time (hours, [time, lag] points) against its limit (the newest snapshot's). Drawn at once. */
export function freshnessOption(lag: ReadonlyArray<readonly [number, number]>, limit: number) {
  const range = valueRange([...lag.map((p) => p[1]), limit]);
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 44, right: 16, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatMetric(v)} h` },
    xAxis: { type: 'time', axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', min: Math.min(0, range.min), max: range.max, axisLabel: { ...AXIS_LABEL, showMaxLabel: false }, splitLine: SPLIT_LINE },
    series: [
      {
        name: 'Data lag (hours)',
        type: 'line',
        data: lag,
        step: 'end',
        lineStyle: { color: SERIES_COLORS[4] },
        itemStyle: { color: SERIES_COLORS[4] },
        ...fastPath(lag.length),
        animation: false,
        markArea: {
          silent: true,
          data: [[{ yAxis: limit, itemStyle: { color: BAND_COLORS.FAIL } }, { yAxis: range.max }]],
        },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { formatter: `limit ${formatMetric(limit)} h`, position: 'insideEndTop', fontSize: 9, color: '#b3261e' },
          lineStyle: { type: 'dashed', color: '#b3261e' },
          data: [{ yAxis: limit }],
        },
      },
    ],
  };
}

export interface CurveSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
}

/**
 * Metric curves by step (one run's metrics, or one metric of several runs overlaid). Many points
 * or many series use the fast path and a legend that scrolls.
 */
export function curvesOption(series: readonly CurveSeries[], options: { xName?: string; yName?: string } = {}) {
  const total = series.reduce((n, s) => n + s.points.length, 0);
  const large = total > LARGE_SERIES;
  return {
    aria: { enabled: true },
    animation: !large,
    grid: { left: 56, right: 20, top: series.length > 1 ? 40 : 16, bottom: large ? 64 : 36 },
    legend: series.length > 1 ? { type: 'scroll', top: 0, textStyle: { fontSize: 11 } } : undefined,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMetric(v), confine: true },
    xAxis: {
      type: 'value',
      name: options.xName ?? 'step',
      nameLocation: 'middle',
      nameGap: 24,
      minInterval: 1,
      axisLabel: AXIS_LABEL,
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: options.yName,
      scale: true,
      axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatMetric(v) },
      splitLine: SPLIT_LINE,
    },
    dataZoom: large ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
    series: series.map((s, i) => ({
      name: s.name,
      type: 'line',
      data: s.points,
      lineStyle: { width: series.length > 20 ? 1 : 2 },
      color: SERIES_COLORS[i % SERIES_COLORS.length],
      ...fastPath(large ? LARGE_SERIES + 1 : s.points.length),
    })),
  };
}

/** Groups metric history points by key, each sorted by step: { loss: [[0, 0.9], [1, 0.7]] }. */
export function groupCurves(
  points: ReadonlyArray<{ key: string; step: number; value: number }>,
): Map<string, Array<[number, number]>> {
  const byKey = new Map<string, Array<[number, number]>>();
  for (const point of points) {
    let list = byKey.get(point.key);
    if (!list) byKey.set(point.key, (list = []));
    list.push([point.step, point.value]);
  }
  for (const list of byKey.values()) list.sort((a, b) => a[0] - b[0]);
  return byKey;
}
