import { describe, expect, it } from 'vitest';
import {
  curvesOption,
  driftHeatmapData,
  driftedCells,
  driftHeatmapOption,
  driftRatio,
  freshnessOption,
  groupCurves,
  metricTrendOption,
  thresholdBands,
  valueRange,
} from './chart-options';

const mape = { direction: 'LOWER_IS_BETTER', promote: 0.15, warn: 0.25, fail: 0.4 } as const;
const coverage = { direction: 'HIGHER_IS_BETTER', promote: 0.8, warn: 0.75, fail: 0.6 } as const;

const bandNames = (bands: ReturnType<typeof thresholdBands>) =>
  bands.map(([from, to]) => [from.name, from.yAxis, to.yAxis]);

describe('thresholdBands', () => {
  it('draws PASS below warn, WARN up to fail and FAIL above for lower-is-better metrics', () => {
    expect(bandNames(thresholdBands(mape, 0, 0.5))).toEqual([
      ['PASS', 0, 0.25],
      ['WARN', 0.25, 0.4],
      ['FAIL', 0.4, 0.5],
    ]);
  });

  it('mirrors the bands for higher-is-better metrics', () => {
    expect(bandNames(thresholdBands(coverage, 0.5, 0.9))).toEqual([
      ['FAIL', 0.5, 0.6],
      ['WARN', 0.6, 0.75],
      ['PASS', 0.75, 0.9],
    ]);
  });

  it('leaves out bands outside the visible range', () => {
    expect(bandNames(thresholdBands(mape, 0, 0.2))).toEqual([['PASS', 0, 0.2]]);
  });
});

describe('valueRange', () => {
  it('includes the thresholds so the bands are visible even when every value passes', () => {
    const range = valueRange([0.12, 0.14], mape);
    expect(range.min).toBeLessThanOrEqual(0.12);
    expect(range.max).toBeGreaterThanOrEqual(0.4);
  });

  it('opens up a flat series', () => {
    expect(valueRange([5, 5])).toEqual({ min: 4.5, max: 5.5 });
    expect(valueRange([])).toEqual({ min: 0, max: 1 });
  });
});

describe('metricTrendOption', () => {
  it('samples and renders progressively when there are 10,000 points', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => [Date.UTC(2026, 0, 1) + i * 60_000, Math.sin(i / 100)] as const);
    const option = metricTrendOption({ metric: 'MAPE', points, rule: mape });
    const [series] = option.series;
    expect(series).toMatchObject({ sampling: 'lttb', showSymbol: false, progressive: 4000, animation: false });
    expect(option.dataZoom).toEqual([{ type: 'inside' }]);
    expect(metricTrendOption({ metric: 'MAPE', points, rule: mape, zoom: false }).dataZoom).toEqual([]);
  });

  it('keeps symbols for a short series, draws it at once, and marks the promotion bar', () => {
    const option = metricTrendOption({ metric: 'MAPE', points: [[1, 0.2], [2, 0.3]], rule: mape });
    const [series] = option.series;
    expect(option.animation).toBe(false);
    expect(series).toMatchObject({ showSymbol: true, animation: false });
    expect(series?.markLine?.data).toEqual([{ yAxis: 0.15 }]);
    expect(series?.markArea?.data).toHaveLength(3);
  });
});

describe('drift heatmap', () => {
  it('scores drift relative to the threshold, capped, so PSI and KS features share a colour scale', () => {
    expect(driftRatio({ score: 0.25, threshold: 0.25 })).toBe(1);
    expect(driftRatio({ score: 0.05, threshold: 0.1 })).toBe(0.5);
    expect(driftRatio({ score: 40, threshold: 3.841 })).toBe(3);
    expect(driftRatio({ score: 0, threshold: 0 })).toBe(0);
  });

  it('has a row per feature and a column per snapshot, in order', () => {
    const cell = (feature: string, score: number) => ({ feature, method: 'PSI', score, threshold: 0.25, pValue: null, drifted: score >= 0.25 });
    const data = driftHeatmapData([
      { recordedAt: '2026-01-01T00:00:00Z', drift: [cell('price', 0.1), cell('promo', 0.05)] },
      { recordedAt: '2026-01-02T00:00:00Z', drift: [cell('promo', 0.3), cell('weather', 0.2)] },
    ]);
    expect(data.features).toEqual(['price', 'promo', 'weather']);
    expect(data.columns).toEqual([
      { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 1), count: 1 },
      { from: Date.UTC(2026, 0, 2), to: Date.UTC(2026, 0, 2), count: 1 },
    ]);
    expect(data.cells.map(([x, y, ratio]) => [x, y, ratio])).toEqual([
      [0, 0, 0.4],
      [0, 1, 0.2],
      [1, 1, 1.2],
      [1, 2, 0.8],
    ]);
  });

  it('with more snapshots than columns, each column shows the worst reading of its snapshots and how often they drifted', () => {
    const cell = (score: number) => ({ feature: 'price', method: 'KS', score, threshold: 0.1, pValue: 0.01, drifted: score > 0.1 });
    const snapshots = [0.02, 0.15, 0.05, 0.04, 0.12, 0.03].map((score, i) => ({
      recordedAt: `2026-01-0${i + 1}T00:00:00Z`,
      drift: [cell(score)],
    }));
    const data = driftHeatmapData(snapshots, 2);
    expect(data.columns).toEqual([
      { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 3), count: 3 },
      { from: Date.UTC(2026, 0, 4), to: Date.UTC(2026, 0, 6), count: 3 },
    ]);
    expect(data.cells).toEqual([
      [0, 0, 1.5],
      [1, 0, 1.2],
    ]);
    expect(data.details).toEqual([
      ['KS', 0.15, 0.1, 0.01, Date.UTC(2026, 0, 2), 1],
      ['KS', 0.12, 0.1, 0.01, Date.UTC(2026, 0, 5), 1],
    ]);
  });

  it('tells the worst reading of a column and how often the feature drifted in its tooltip', () => {
    const cell = (score: number) => ({ feature: 'price', method: 'KS', score, threshold: 0.1, pValue: 0.01, drifted: score > 0.1 });
    const snapshots = [0.02, 0.15, 0.05].map((score, i) => ({ recordedAt: `2026-01-0${i + 1}T00:00:00Z`, drift: [cell(score)] }));
    const data = driftHeatmapData(snapshots, 1);
    const option = driftHeatmapOption(data, (ms) => new Date(ms).toISOString().slice(0, 10));
    const text = option.tooltip.formatter({ data: data.cells[0]!, dataIndex: 0 });
    expect(text).toContain('price · 2026-01-01 – 2026-01-03 (3 snapshots)');
    expect(text).toContain('Worst: KS 0.15 (threshold 0.1, p = 1.00e-2) at 2026-01-02, 1.50× threshold');
    expect(text).toContain('Drifted in 1 of 3 snapshots');
  });

  it('marks the cells in which the feature drifted with a dot over the colour', () => {
    const cell = (feature: string, score: number) => ({ feature, method: 'KS', score, threshold: 0.1, pValue: 0.01, drifted: score > 0.1 });
    const data = driftHeatmapData([
      { recordedAt: '2026-01-01T00:00:00Z', drift: [cell('price', 0.05), cell('promo', 0.2)] },
      { recordedAt: '2026-01-02T00:00:00Z', drift: [cell('price', 0.3), cell('promo', 0.02)] },
    ]);
    expect(driftedCells(data)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    const option = driftHeatmapOption(data, String);
    expect(option.series[1]).toMatchObject({ type: 'scatter', data: [[0, 1], [1, 0]], silent: true });
    // The colour scale applies to the heatmap only.
    expect(option.visualMap.seriesIndex).toBe(0);
  });

  it('is drawn without an entry animation', () => {
    const option = driftHeatmapOption(driftHeatmapData([{ recordedAt: '2026-01-01T00:00:00Z', drift: [] }]), (ms) => String(ms));
    expect(option.animation).toBe(false);
  });
});

describe('freshnessOption', () => {
  it('draws the lag as a step line under its limit, without an entry animation', () => {
    const option = freshnessOption([[1, 2], [2, 40]], 30);
    expect(option.animation).toBe(false);
    expect(option.series[0]).toMatchObject({ step: 'end', data: [[1, 2], [2, 40]] });
    expect(option.series[0]?.markLine.data).toEqual([{ yAxis: 30 }]);
    expect(option.yAxis.max).toBeGreaterThanOrEqual(40);
  });
});

describe('curves', () => {
  it('groups history points by key and sorts each curve by step', () => {
    const curves = groupCurves([
      { key: 'loss', step: 2, value: 0.5 },
      { key: 'MAE', step: 0, value: 10 },
      { key: 'loss', step: 0, value: 0.9 },
      { key: 'loss', step: 1, value: 0.7 },
    ]);
    expect([...curves.keys()]).toEqual(['loss', 'MAE']);
    expect(curves.get('loss')).toEqual([
      [0, 0.9],
      [1, 0.7],
      [2, 0.5],
    ]);
  });

  it('overlays 100 runs with a scrolling legend and the fast path', () => {
    const series = Array.from({ length: 100 }, (_, i) => ({
      name: `run ${i}`,
      points: Array.from({ length: 50 }, (_, s) => [s, i + s] as const),
    }));
    const option = curvesOption(series);
    expect(option.series).toHaveLength(100);
    expect(option.legend).toMatchObject({ type: 'scroll' });
    expect(option.series[0]).toMatchObject({ sampling: 'lttb', showSymbol: false });
  });
});
