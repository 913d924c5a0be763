/**
 * ECharts options for the dashboard's charts, built from API data by pure functions (unit-tested
 * without a canvas). Charts with many points switch to ECharts' fast paths: LTTB sampling,
 * progressive rendering, no symbols and no animation.
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

/** One monitored metric over time, with its pack's PASS/WARN/FAIL bands and promotion bar. */
export function metricTrendOption(input: {
  metric: string;
  points: ReadonlyArray<readonly [number, number]>;
  rule?: ThresholdRule | null;
}) {
  const { metric, points, rule } = input;
  const range = valueRange(
    points.map((p) => p[1]),
    rule,
  );
  return {
    aria: { enabled: true },
    animation: points.length <= 200,
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
      axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatMetric(v) },
      splitLine: SPLIT_LINE,
    },
    dataZoom: points.length > LARGE_SERIES ? [{ type: 'inside' }] : [],
    series: [
      {
        name: metric,
        type: 'line',
        data: points,
        lineStyle: { width: 2, color: SERIES_COLORS[0] },
        itemStyle: { color: SERIES_COLORS[0] },
        ...fastPath(points.length),
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

/**
 * Per-feature drift over time: one row per feature, one column per snapshot, coloured by the
 * score relative to its threshold (green below, amber near, red beyond).
 */
export function driftHeatmapData(snapshots: ReadonlyArray<{ recordedAt: string; drift: readonly DriftCell[] }>) {
  const features: string[] = [];
  for (const snapshot of snapshots) {
    for (const cell of snapshot.drift) if (!features.includes(cell.feature)) features.push(cell.feature);
  }
  const times = snapshots.map((s) => s.recordedAt);
  const cells: Array<[number, number, number, DriftCell]> = [];
  snapshots.forEach((snapshot, x) => {
    for (const cell of snapshot.drift) {
      cells.push([x, features.indexOf(cell.feature), Number(driftRatio(cell).toFixed(3)), cell]);
    }
  });
  return { features, times, cells };
}

export function driftHeatmapOption(
  snapshots: ReadonlyArray<{ recordedAt: string; drift: readonly DriftCell[] }>,
  formatTime: (iso: string) => string,
) {
  const { features, times, cells } = driftHeatmapData(snapshots);
  return {
    aria: { enabled: true },
    animation: cells.length < 2000,
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    tooltip: {
      position: 'top',
      formatter: (params: { data: [number, number, number, DriftCell] }) => {
        const [x, , ratio, cell] = params.data;
        const p = cell.pValue != null ? `, p = ${cell.pValue.toExponential(2)}` : '';
        return `${cell.feature} · ${formatTime(times[x] ?? '')}<br/>${cell.method} ${formatMetric(cell.score)} (threshold ${formatMetric(cell.threshold)}${p})<br/>${cell.drifted ? 'Drifted' : 'Within threshold'} · ${ratio.toFixed(2)}× threshold`;
      },
    },
    xAxis: {
      type: 'category',
      data: times.map(formatTime),
      axisLabel: AXIS_LABEL,
      splitArea: { show: false },
    },
    yAxis: { type: 'category', data: features, axisLabel: { ...AXIS_LABEL, fontFamily: 'monospace' } },
    visualMap: {
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
    ],
  };
}

/** Data lag over time against its limit. */
export function freshnessOption(points: ReadonlyArray<{ at: number; lagHours: number; limitHours: number }>) {
  const lag = points.map((p) => [p.at, p.lagHours] as const);
  const limit = points.length ? points[points.length - 1]!.limitHours : 0;
  const range = valueRange([...lag.map((p) => p[1]), limit]);
  return {
    aria: { enabled: true },
    grid: { left: 44, right: 16, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatMetric(v)} h` },
    xAxis: { type: 'time', axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', min: Math.min(0, range.min), max: range.max, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
    series: [
      {
        name: 'Data lag (hours)',
        type: 'line',
        data: lag,
        step: 'end',
        lineStyle: { color: SERIES_COLORS[4] },
        itemStyle: { color: SERIES_COLORS[4] },
        ...fastPath(lag.length),
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
