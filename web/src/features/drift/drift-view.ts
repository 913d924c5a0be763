/**
 * The model page's drift section, as pure functions (unit-tested in drift-view.test.ts): the
 * reference-vs-current histogram of one feature as an ECharts option, and a feature's drift
 * statistics as labelled rows.
 */
import { SERIES_COLORS } from '@/features/charts/chart-options';
import { formatMetric, formatPercent } from '@/lib/format-number';
import { formatEnumLabel } from '@/lib/format';

export interface HistogramLike {
  labels: readonly string[];
  reference: readonly number[];
  current: readonly number[];
}

const AXIS_LABEL = { color: '#5d6877', fontSize: 11 };

/**
 * Reference vs current distribution of one feature over the same bins (numeric: the reference
 * deciles; categorical: the categories), as shares of each sample, side by side per bin.
 */
export function distributionOption(feature: string, histogram: HistogramLike) {
  const { labels, reference, current } = histogram;
  const pct = (v: number) => Number((v * 100).toFixed(2));
  const max = Math.max(0, ...reference, ...current);
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 48, right: 16, top: 32, bottom: labels.length > 6 ? 72 : 40, containLabel: false },
    legend: { top: 0, textStyle: { fontSize: 11 }, data: ['Reference', 'Current'] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: Array<{ dataIndex: number }>) => {
        const i = params[0]?.dataIndex ?? 0;
        const ref = reference[i] ?? 0;
        const cur = current[i] ?? 0;
        return `${feature} ${labels[i] ?? ''}<br/>Reference ${formatPercent(ref, 1)}<br/>Current ${formatPercent(cur, 1)}<br/>Change ${cur >= ref ? '+' : '−'}${Math.abs((cur - ref) * 100).toFixed(1)} pts`;
      },
    },
    xAxis: {
      type: 'category',
      data: [...labels],
      axisLabel: { ...AXIS_LABEL, fontFamily: 'monospace', rotate: labels.length > 6 ? 35 : 0, interval: 0, hideOverlap: true },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: max > 0 ? Math.min(100, Math.ceil(Number((pct(max) * 1.1).toFixed(6)))) : 100,
      axisLabel: { ...AXIS_LABEL, formatter: (v: number) => `${v} %` },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    series: [
      { name: 'Reference', type: 'bar', data: reference.map(pct), itemStyle: { color: '#8a94a3' }, barGap: '10%', animation: false },
      { name: 'Current', type: 'bar', data: current.map(pct), itemStyle: { color: SERIES_COLORS[0] }, animation: false },
    ],
  };
}

export interface FeatureDriftLike {
  feature: string;
  method: string;
  score: number;
  threshold: number;
  pValue?: number | null;
  drifted: boolean;
  kind?: string | null;
  psi?: number | null;
  psiLevel?: string | null;
  ksStatistic?: number | null;
  ksPValue?: number | null;
  wasserstein?: number | null;
  wassersteinNormed?: number | null;
  jensenShannon?: number | null;
  chiSquare?: number | null;
  chiSquarePValue?: number | null;
  referenceRows?: number | null;
  currentRows?: number | null;
}

export interface StatisticRow {
  label: string;
  value: string;
  /** What the value means (threshold, level). */
  note: string;
  /** This statistic decides whether the feature drifted. */
  decides: boolean;
}

const METHOD_NAMES: Readonly<Record<string, string>> = {
  PSI: 'Population stability index',
  KS: 'Kolmogorov–Smirnov',
  WASSERSTEIN: 'Wasserstein (normed)',
  JENSEN_SHANNON: 'Jensen–Shannon distance',
  CHI_SQUARE: 'Chi-square',
};

export function methodName(method: string): string {
  return METHOD_NAMES[method] ?? formatEnumLabel(method);
}

/** A p-value in the table: 3 significant digits, exponent below 0.001. */
function formatP(p: number): string {
  if (p === 0) return '0';
  return p < 0.001 ? p.toExponential(2) : String(Number(p.toPrecision(3)));
}

/**
 * A feature's statistics, each one the API computed (the others are left out): the method that
 * decides (marked, with its threshold and verdict) first, then PSI with its level, KS, Wasserstein,
 * Jensen–Shannon, chi-square and the sample sizes.
 */
export function featureStatistics(d: FeatureDriftLike): StatisticRow[] {
  const rows: StatisticRow[] = [];
  const verdict = d.drifted ? 'drifted' : 'within threshold';
  const testBased = d.method === 'KS' || d.method === 'CHI_SQUARE';
  rows.push({
    label: `Decision: ${methodName(d.method)}`,
    value: testBased && d.pValue != null ? `p = ${formatP(d.pValue)}` : formatMetric(d.score),
    note: testBased ? `drift when p < ${formatMetric(d.threshold)} · ${verdict}` : `drift when > ${formatMetric(d.threshold)} · ${verdict}`,
    decides: true,
  });
  const add = (label: string, value: number | null | undefined, note = '', show = true) => {
    if (show && value != null && Number.isFinite(value)) rows.push({ label, value: label.includes('p-value') ? formatP(value) : formatMetric(value), note, decides: false });
  };
  add('PSI', d.psi, d.psiLevel ? `${formatEnumLabel(d.psiLevel).toLowerCase()} (0.1 moderate, 0.25 significant)` : '');
  add('KS statistic', d.ksStatistic);
  add('KS p-value', d.ksPValue);
  add('Wasserstein distance', d.wasserstein, 'in the feature’s unit');
  add('Wasserstein, normed', d.wassersteinNormed, 'divided by the reference standard deviation');
  add('Jensen–Shannon distance', d.jensenShannon, 'base 2, 0–1');
  add('Chi-square', d.chiSquare);
  add('Chi-square p-value', d.chiSquarePValue);
  if (d.referenceRows != null) rows.push({ label: 'Reference rows', value: d.referenceRows.toLocaleString('en-US'), note: '', decides: false });
  if (d.currentRows != null) rows.push({ label: 'Current rows', value: d.currentRows.toLocaleString('en-US'), note: '', decides: false });
  return rows;
}
