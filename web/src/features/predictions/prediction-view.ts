/**
 * Prediction logs on the model page, as pure functions (unit-tested in prediction-view.test.ts):
 * the window of the latency chart (anchored at the newest logged prediction, so that logs from last
 * month still show), the chart itself, and which champion/challenger pairs to compare.
 */
import { SERIES_COLORS } from '@/features/charts/chart-options';
import type { StatsBucket } from '@/gql/graphql';
import { formatMetric } from '@/lib/format-number';

export const PREDICTION_WINDOWS = ['24h', '7d', '30d'] as const;
export type PredictionWindow = (typeof PREDICTION_WINDOWS)[number];
export const DEFAULT_PREDICTION_WINDOW: PredictionWindow = '7d';

export const PREDICTION_WINDOW_LABELS: Readonly<Record<PredictionWindow, string>> = {
  '24h': '24 hours, hourly',
  '7d': '7 days, hourly',
  '30d': '30 days, daily',
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SPAN: Readonly<Record<PredictionWindow, number>> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

/**
 * [from, to) of the stats query: `to` is the end of the bucket holding the newest prediction, `from`
 * the window's span before it; hourly buckets up to 7 days, daily ones for 30.
 */
export function statsWindow(newestIso: string, window: PredictionWindow): { from: string; to: string; bucket: StatsBucket } {
  const bucket: StatsBucket = window === '30d' ? 'DAY' : 'HOUR';
  const size = bucket === 'DAY' ? DAY : HOUR;
  const newest = Date.parse(newestIso);
  const to = Math.floor(newest / size) * size + size;
  return { from: new Date(to - SPAN[window]).toISOString(), to: new Date(to).toISOString(), bucket };
}

export interface StatsBucketLike {
  start: string;
  count: number;
  latencyP50: number;
  latencyP95: number;
  latencyP99: number;
}

/**
 * Latency percentiles (p50, p95, p99 in ms, lines on the left axis) and the number of predictions
 * (bars on the right axis) per time bucket. Buckets without predictions are absent: the lines break
 * there instead of being drawn through them.
 */
export function latencyOption(buckets: readonly StatsBucketLike[], bucket: StatsBucket) {
  const size = bucket === 'DAY' ? DAY : HOUR;
  const at = (b: StatsBucketLike) => Date.parse(b.start);
  // A line point per bucket, and a gap (null) where the next bucket is missing.
  const line = (pick: (b: StatsBucketLike) => number) => {
    const points: Array<[number, number | null]> = [];
    buckets.forEach((b, i) => {
      if (i > 0 && at(b) - at(buckets[i - 1]!) > size) points.push([at(buckets[i - 1]!) + size, null]);
      points.push([at(b), pick(b)]);
    });
    return points;
  };
  const percentile = (name: string, pick: (b: StatsBucketLike) => number, color: string) => ({
    name,
    type: 'line',
    yAxisIndex: 0,
    data: line(pick),
    showSymbol: buckets.length <= 60,
    symbolSize: 4,
    connectNulls: false,
    lineStyle: { width: 2, color },
    itemStyle: { color },
    animation: false,
    z: 3,
  });
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 56, right: 56, top: 36, bottom: 28 },
    legend: { top: 0, textStyle: { fontSize: 11 }, data: ['p50', 'p95', 'p99', 'predictions'] },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v == null ? '—' : formatMetric(v)),
    },
    xAxis: { type: 'time', axisLabel: { color: '#5d6877', fontSize: 11 }, splitLine: { show: false } },
    yAxis: [
      {
        type: 'value',
        name: 'ms',
        min: 0,
        axisLabel: { color: '#5d6877', fontSize: 11, formatter: (v: number) => formatMetric(v) },
        splitLine: { lineStyle: { color: '#eef0f3' } },
      },
      {
        type: 'value',
        name: 'predictions',
        min: 0,
        minInterval: 1,
        axisLabel: { color: '#5d6877', fontSize: 11 },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: 'predictions',
        type: 'bar',
        yAxisIndex: 1,
        data: buckets.map((b) => [at(b), b.count]),
        barMaxWidth: 18,
        itemStyle: { color: 'rgba(138, 148, 163, 0.35)' },
        animation: false,
      },
      percentile('p50', (b) => b.latencyP50, SERIES_COLORS[0]!),
      percentile('p95', (b) => b.latencyP95, SERIES_COLORS[1]!),
      percentile('p99', (b) => b.latencyP99, SERIES_COLORS[5]!),
    ],
  };
}

export interface ArenaEntryLike {
  role: string;
  model: { id: string; name: string };
}

/**
 * The champion/challenger pairs the model page compares on shadow predictions: the champion's page
 * compares it with each challenger and shadow, a challenger's or shadow's page with the champion.
 */
export function shadowPairs(modelId: string, entries: readonly ArenaEntryLike[]): Array<{ champion: ArenaEntryLike['model']; challenger: ArenaEntryLike['model']; role: string }> {
  const champion = entries.find((e) => e.role === 'CHAMPION');
  if (!champion) return [];
  const others = entries.filter((e) => e.role !== 'CHAMPION');
  const shown = champion.model.id === modelId ? others : others.filter((e) => e.model.id === modelId);
  return shown.map((e) => ({ champion: champion.model, challenger: e.model, role: e.role }));
}
