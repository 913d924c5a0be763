/**
 * What the A/B test pages show, computed from an AbTest's result by pure functions (unit-tested in
 * ab-test-view.test.ts): the difference B − A with its confidence interval as an ECharts option
 * (a point, an error bar, the zero line and the minimum detectable effect), the progress towards the
 * required sample size, the verdict in words, and the list page's URL state.
 */
import { SERIES_COLORS } from '@/features/charts/chart-options';
import type { AbTestStatus } from '@/gql/graphql';
import { AB_TEST_STATUSES, oneOf } from '@/lib/enums';
import { formatMetric } from '@/lib/format-number';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { type CursorPage, parseCursorPage } from '@/lib/url-state';

export type Arm = 'A' | 'B';

export interface ArmLike {
  n: number;
  estimate?: number | null;
}

export interface AbResultLike {
  armA: ArmLike;
  armB: ArmLike;
  difference?: number | null;
  ciLow?: number | null;
  ciHigh?: number | null;
  pValue?: number | null;
  winner?: Arm | null;
  confidenceLevel: number;
  requiredSampleSizeA?: number | null;
  requiredSampleSizeB?: number | null;
  sampleSizeReached: boolean;
}

/** A p-value as people read it: two significant digits, "< 0.0001" below that. */
export function formatPValue(p: number | null | undefined): string {
  if (p == null || !Number.isFinite(p)) return '—';
  if (p < 0.0001) return '< 0.0001';
  return String(Number(p.toPrecision(2)));
}

/** "p = 0.003", "p < 0.0001". */
export function pText(p: number | null | undefined): string {
  const text = formatPValue(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}

/** "95 %" for 0.95. */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toPrecision(3))} %`;
}

/** The interval in words: "0.52 [0.31, 0.73]". */
export function formatInterval(result: Pick<AbResultLike, 'difference' | 'ciLow' | 'ciHigh'>): string {
  if (result.difference == null) return '—';
  const ci = result.ciLow != null && result.ciHigh != null ? ` [${formatMetric(result.ciLow)}, ${formatMetric(result.ciHigh)}]` : '';
  return `${formatMetric(result.difference)}${ci}`;
}

export interface SampleProgress {
  /** What each arm needs (the same for a 50/50 split); null while unknown. */
  required: { a: number; b: number } | null;
  /** 0–1 (capped): the arm furthest from its size decides; null while the sizes are unknown. */
  fraction: number | null;
  /** "300 of 1,000 per arm (30 %)", or per arm for an uneven split: "A 900 of 9,412 · B 300 of 2,353 (9 %)". */
  label: string;
  /** The sizes alone, for tables: "of 1,000 per arm", "of 9,412 (A) / 2,353 (B)", "size unknown". */
  requiredLabel: string;
}

const count = (n: number) => n.toLocaleString('en-US');

/** How far the arms are towards the sample size each one needs. */
export function sampleProgress(result: Pick<AbResultLike, 'armA' | 'armB' | 'requiredSampleSizeA' | 'requiredSampleSizeB' | 'sampleSizeReached'>): SampleProgress {
  const { armA, armB } = result;
  const a = result.requiredSampleSizeA ?? null;
  const b = result.requiredSampleSizeB ?? null;
  if (a == null || b == null || a <= 0 || b <= 0) {
    return { required: null, fraction: null, label: `${count(Math.min(armA.n, armB.n))} per arm so far; the required size is not known yet`, requiredLabel: 'size unknown' };
  }
  const fraction = result.sampleSizeReached ? 1 : Math.min(1, armA.n / a, armB.n / b);
  const percent = `(${Math.floor(fraction * 100)} %)`;
  if (a === b) {
    return { required: { a, b }, fraction, label: `${count(Math.min(armA.n, armB.n))} of ${count(a)} per arm ${percent}`, requiredLabel: `of ${count(a)} per arm` };
  }
  return {
    required: { a, b },
    fraction,
    label: `A ${count(armA.n)} of ${count(a)} · B ${count(armB.n)} of ${count(b)} ${percent}`,
    requiredLabel: `of ${count(a)} (A) / ${count(b)} (B)`,
  };
}

/** The verdict in one sentence. */
export function verdict(result: AbResultLike, alpha: number): string {
  if (result.difference == null || result.pValue == null) return 'Not enough observations for the test yet.';
  if (result.winner) return `${result.winner} is better: ${pText(result.pValue)}, below α ${formatMetric(alpha)}.`;
  return `No significant difference: ${pText(result.pValue)}, not below α ${formatMetric(alpha)}.`;
}

const AXIS_LABEL = { color: '#5d6877', fontSize: 11 };
const ROW = 'B − A';

/** An x-range that shows the interval, zero and the ±MDE lines, with some air. */
export function intervalRange(values: readonly number[]): { min: number; max: number } {
  const all = values.filter(Number.isFinite);
  const lo = Math.min(0, ...all);
  const hi = Math.max(0, ...all);
  const pad = (hi - lo) * 0.12 || Math.abs(hi) * 0.1 || 1;
  return { min: Number((lo - pad).toPrecision(3)), max: Number((hi + pad).toPrecision(3)) };
}

/**
 * The difference B − A as a point with its (1 − alpha) interval as an error bar, against the zero
 * line (no difference) and the ±minimum detectable effect. The bar is green when a winner is
 * declared, blue otherwise. Null while the test has no difference to draw.
 */
export function differenceIntervalOption(input: {
  result: Pick<AbResultLike, 'difference' | 'ciLow' | 'ciHigh' | 'winner' | 'confidenceLevel' | 'pValue'>;
  metric: string;
  minimumDetectableEffect?: number | null;
}) {
  const { result, metric } = input;
  const difference = result.difference;
  if (difference == null || !Number.isFinite(difference)) return null;
  const hasInterval = result.ciLow != null && result.ciHigh != null && Number.isFinite(result.ciLow) && Number.isFinite(result.ciHigh);
  const mde = input.minimumDetectableEffect && input.minimumDetectableEffect > 0 ? input.minimumDetectableEffect : null;
  const range = intervalRange([difference, ...(hasInterval ? [result.ciLow!, result.ciHigh!] : []), ...(mde ? [mde, -mde] : [])]);
  const color = result.winner ? '#1b6b34' : SERIES_COLORS[0]!;
  const level = formatLevel(result.confidenceLevel);
  const text =
    `${metric}: B − A = ${formatMetric(difference)}` +
    (hasInterval ? `<br/>${level} interval ${formatMetric(result.ciLow)} to ${formatMetric(result.ciHigh)}` : '') +
    `<br/>${pText(result.pValue)}${result.winner ? ` · ${result.winner} wins` : ''}`;
  const markLines: object[] = [
    // Zero is labelled by the axis; its line needs no label of its own (it would crowd the MDE's).
    { xAxis: 0, name: 'no difference', lineStyle: { type: 'solid', color: '#1c2430', width: 1 }, label: { show: false } },
  ];
  if (mde) {
    for (const x of [-mde, mde]) {
      markLines.push({ xAxis: x, name: 'MDE', lineStyle: { type: 'dashed', color: '#8a94a3', width: 1 }, label: { formatter: x > 0 ? '+MDE' : '−MDE', position: 'end', fontSize: 10, color: '#5d6877' } });
    }
  }
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 56, right: 28, top: 28, bottom: 36 },
    tooltip: { trigger: 'item', formatter: () => text },
    xAxis: {
      type: 'value',
      min: range.min,
      max: range.max,
      name: `B − A (${metric})`,
      nameLocation: 'middle',
      nameGap: 24,
      axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatMetric(v), showMinLabel: false, showMaxLabel: false },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    yAxis: { type: 'category', data: [ROW], axisLabel: { ...AXIS_LABEL, fontFamily: 'monospace' }, axisTick: { show: false } },
    series: [
      {
        name: `${level} interval`,
        type: 'line',
        data: hasInterval ? [[result.ciLow, ROW], [result.ciHigh, ROW]] : [],
        symbol: 'rect',
        symbolSize: [2, 22],
        showSymbol: true,
        lineStyle: { width: 3, color },
        itemStyle: { color },
        animation: false,
        markLine: { silent: true, symbol: 'none', data: markLines },
      },
      {
        name: 'difference',
        type: 'scatter',
        data: [[difference, ROW]],
        symbolSize: 14,
        itemStyle: { color, borderColor: '#fff', borderWidth: 2 },
        animation: false,
        z: 3,
      },
    ],
  };
}

// --- list page ---------------------------------------------------------------------------------

export const AB_TEST_PAGE_SIZE = 25;

export interface AbTestListState {
  status: AbTestStatus | null;
  modelId: string | null;
  page: CursorPage;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseAbTestListParams(params: SearchParams): AbTestListState {
  const model = firstParam(params, 'model');
  return {
    status: oneOf(AB_TEST_STATUSES, firstParam(params, 'status')),
    modelId: model && UUID.test(model) ? model : null,
    page: parseCursorPage(params),
  };
}
