'use client';

import { useMemo, useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import type { ThresholdRule } from '@/features/charts/chart-options';
import { EChart } from '@/features/charts/EChart';
import { formatMetric, formatPercent } from '@/lib/format-number';
import {
  type BacktestWindowData,
  backtestTrendOption,
  defaultWindowMetric,
  formatPeriod,
  ruleSummary,
  sortWindows,
  windowChange,
  windowMetricKeys,
  windowValue,
} from './backtest-windows';

/**
 * A backtest's walk-forward windows: the trend of one metric (picked; the first one the pack
 * judges by default) over the windows' test periods, with the pack's PASS/WARN/FAIL bands, then
 * every window with its periods and metrics.
 */
export function BacktestWindows({
  windows: unsorted,
  rules,
}: {
  windows: readonly BacktestWindowData[];
  /** The evaluation pack's rule per metric key (from the run's evaluation results). */
  rules: Readonly<Record<string, ThresholdRule>>;
}) {
  const windows = useMemo(() => sortWindows(unsorted), [unsorted]);
  const keys = useMemo(() => windowMetricKeys(windows), [windows]);
  const [picked, setPicked] = useState<string | null>(null);
  const metric = picked && keys.includes(picked) ? picked : defaultWindowMetric(keys, Object.keys(rules));
  const rule = metric ? (rules[metric] ?? null) : null;
  const option = useMemo(() => (metric ? backtestTrendOption({ windows, metric, rule }) : null), [windows, metric, rule]);
  const change = metric ? windowChange(windows, metric, rule) : null;

  if (windows.length === 0 || !metric || !option) {
    return <EmptyState title="No windows">The backtest stored no walk-forward windows.</EmptyState>;
  }

  return (
    <div className="stack stack--tight" data-testid="backtest-windows">
      <div className="backtest-toolbar">
        <label className="field">
          <span className="field__label">Metric</span>
          <select value={metric} onChange={(e) => setPicked(e.target.value)}>
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
                {rules[k] ? ' (evaluated)' : ''}
              </option>
            ))}
          </select>
        </label>
        {change ? (
          <span
            className={change.better == null ? 'muted' : change.better ? 'trend-note--better' : 'trend-note--worse'}
            data-testid="window-change"
          >
            {formatMetric(change.first)} → {formatMetric(change.last)} from the first to the last window
            {change.relative != null ? ` (${change.relative >= 0 ? '+' : '−'}${formatPercent(Math.abs(change.relative), 1)})` : ''}
            {change.better == null ? '' : change.better ? ', better' : ', worse'}
          </span>
        ) : null}
      </div>
      <figure className="chart-card" data-testid="backtest-trend">
        <figcaption className="chart-card__title">
          <span className="mono">{metric}</span> by test period{' '}
          <span className="chart-card__note">
            {windows.length} windows{rule ? ` · pack rule: ${ruleSummary(rule)}` : ''}
          </span>
        </figcaption>
        <EChart option={option} label={`${metric} per backtest window, by test period`} className="chart chart--tall" testId="backtest-trend-chart" />
      </figure>
      <div className="table-scroll">
        <table className="data-table data-table--compact" aria-label="Backtest windows">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">Test period</th>
              <th scope="col">Trained on</th>
              {keys.map((k) => (
                <th key={k} scope="col" className={k === metric ? 'num cell--picked' : 'num'}>
                  <span className="mono">{k}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {windows.map((w) => (
              <tr key={w.index} data-window={w.index}>
                <td className="num">{w.index + 1}</td>
                <td title={`${w.testStart} – ${w.testEnd}`}>{formatPeriod(w.testStart, w.testEnd)}</td>
                <td className="muted" title={`${w.trainStart} – ${w.trainEnd}`}>
                  {formatPeriod(w.trainStart, w.trainEnd)}
                </td>
                {keys.map((k) => (
                  <td key={k} className={k === metric ? 'num cell--picked' : 'num'} data-metric={k}>
                    {formatMetric(windowValue(w, k))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
