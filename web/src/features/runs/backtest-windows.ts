/**
 * A backtest's walk-forward windows as a trend: one value per window of the picked metric, the
 * x axis being each window's test period (oldest first). Pure functions, unit-tested without a
 * canvas (backtest-windows.test.ts).
 */
import { SERIES_COLORS, type ThresholdRule, thresholdBands, valueRange } from '@/features/charts/chart-options';
import { formatMetric } from '@/lib/format-number';

export interface BacktestWindowData {
  index: number;
  trainStart: string;
  trainEnd: string;
  testStart: string;
  testEnd: string;
  metrics: ReadonlyArray<{ key: string; value: number }>;
}

/** Every metric key the windows report, in the order they first appear. */
export function windowMetricKeys(windows: readonly BacktestWindowData[]): string[] {
  const keys: string[] = [];
  for (const w of windows) for (const m of w.metrics) if (!keys.includes(m.key)) keys.push(m.key);
  return keys;
}

/** The windows oldest first (the API sends them so; a stale cache might not). */
export function sortWindows<T extends BacktestWindowData>(windows: readonly T[]): T[] {
  return [...windows].sort((a, b) => a.index - b.index);
}

/** The value of `key` in one window (null when the window did not report it). */
export function windowValue(window: BacktestWindowData, key: string): number | null {
  const metric = window.metrics.find((m) => m.key === key);
  return metric && Number.isFinite(metric.value) ? metric.value : null;
}

const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function parseDate(iso: string): number | null {
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(t) ? null : t;
}

/**
 * A window's period as people read it: "24 Mar – 20 Apr 2025", "29 Dec 2024 – 25 Jan 2025",
 * "3 Mar 2025" for a single day; the raw text when a date does not parse.
 */
export function formatPeriod(startIso: string, endIso: string): string {
  const start = parseDate(startIso);
  const end = parseDate(endIso);
  if (start == null || end == null) return `${startIso} – ${endIso}`;
  if (start === end) return DAY_MONTH_YEAR.format(start);
  const sameYear = new Date(start).getUTCFullYear() === new Date(end).getUTCFullYear();
  return `${sameYear ? DAY_MONTH.format(start) : DAY_MONTH_YEAR.format(start)} – ${DAY_MONTH_YEAR.format(end)}`;
}

/** The axis label of a window: its test period without the year ("24 Mar – 20 Apr"). */
export function shortPeriod(startIso: string, endIso: string): string {
  const start = parseDate(startIso);
  const end = parseDate(endIso);
  if (start == null || end == null) return startIso;
  return start === end ? DAY_MONTH.format(start) : `${DAY_MONTH.format(start)} – ${DAY_MONTH.format(end)}`;
}

export interface WindowChange {
  first: number;
  last: number;
  /** (last − first) / |first|; null when first is 0. */
  relative: number | null;
  /** Whether the change is for the better, given the metric's direction (null when unknown or unchanged). */
  better: boolean | null;
}

/** How the metric moved from the oldest window that reports it to the newest (null with fewer than two values). */
export function windowChange(windows: readonly BacktestWindowData[], key: string, rule?: Pick<ThresholdRule, 'direction'> | null): WindowChange | null {
  const values = sortWindows(windows)
    .map((w) => windowValue(w, key))
    .filter((v): v is number => v != null);
  if (values.length < 2) return null;
  const first = values[0]!;
  const last = values[values.length - 1]!;
  const relative = first === 0 ? null : (last - first) / Math.abs(first);
  const better = !rule || last === first ? null : rule.direction === 'LOWER_IS_BETTER' ? last < first : last > first;
  return { first, last, relative, better };
}

/** A pack rule in words: "pass ≤ 28, fail ≥ 42" (lower is better), "pass ≥ 0.75, fail ≤ 0.65" (higher is better). */
export function ruleSummary(rule: Pick<ThresholdRule, 'direction' | 'warn' | 'fail'>): string {
  const [pass, fail] = rule.direction === 'LOWER_IS_BETTER' ? ['≤', '≥'] : ['≥', '≤'];
  return `pass ${pass} ${formatMetric(rule.warn)}, fail ${fail} ${formatMetric(rule.fail)}`;
}

/** The metric shown first: the first of `preferred` (e.g. the pack's rules, in order) that the windows report, else the first key. */
export function defaultWindowMetric(keys: readonly string[], preferred: readonly string[] = []): string | null {
  return preferred.find((k) => keys.includes(k)) ?? keys[0] ?? null;
}

/**
 * The trend of one metric across the windows: x = each window's test period (a category axis,
 * oldest first), y = the metric; with its pack rule, the PASS/WARN/FAIL bands behind the line.
 * A window that did not report the metric leaves a gap.
 */
export function backtestTrendOption(input: { windows: readonly BacktestWindowData[]; metric: string; rule?: ThresholdRule | null }) {
  const { metric, rule } = input;
  const windows = sortWindows(input.windows);
  const values = windows.map((w) => windowValue(w, metric));
  // The range of the values only: the trend across windows stays readable; the bands are clipped to it.
  const range = valueRange(values.filter((v): v is number => v != null));
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 56, right: 20, top: 16, bottom: 44 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: Array<{ dataIndex: number }> | { dataIndex: number }) => {
        const first = Array.isArray(params) ? params[0] : params;
        const w = first ? windows[first.dataIndex] : undefined;
        if (!w) return '';
        const value = windowValue(w, metric);
        return [
          `Window ${w.index + 1} of ${windows.length}`,
          `Test ${formatPeriod(w.testStart, w.testEnd)}`,
          `Train ${formatPeriod(w.trainStart, w.trainEnd)}`,
          `${metric}: ${value == null ? 'not reported' : formatMetric(value)}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      name: 'test period',
      nameLocation: 'middle',
      nameGap: 28,
      data: windows.map((w) => shortPeriod(w.testStart, w.testEnd)),
      axisLabel: { color: '#5d6877', fontSize: 11, hideOverlap: true },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      min: range.min,
      max: range.max,
      axisLabel: { color: '#5d6877', fontSize: 11, formatter: (v: number) => formatMetric(v) },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    series: [
      {
        name: metric,
        type: 'line',
        data: values,
        connectNulls: false,
        showSymbol: true,
        symbolSize: 6,
        lineStyle: { width: 2, color: SERIES_COLORS[0] },
        itemStyle: { color: SERIES_COLORS[0] },
        markArea: rule ? { silent: true, data: thresholdBands(rule, range.min, range.max) } : undefined,
      },
    ],
  };
}
