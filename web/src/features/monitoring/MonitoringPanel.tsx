'use client';

import { useMemo } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { StatusBadge } from '@/components/StatusBadge';
import { freshnessOption, metricTrendOption, type ThresholdRule } from '@/features/charts/chart-options';
import { EChart } from '@/features/charts/EChart';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import type { MonitoringSeries } from './monitoring-series';
import { formatShortTime as formatShort } from '@/lib/format';
import { formatHours, formatMetric, formatPercent } from '@/lib/format-number';

/** The newest snapshot of the window, for the facts above the charts. */
export const MonitoringPanel_LatestSnapshotFragment = graphql(`
  fragment MonitoringPanel_LatestSnapshot on MonitorSnapshot {
    id
    recordedAt
    rowCount
    driftShare
    drift {
      feature
      drifted
    }
    freshness {
      lagHours
      limitHours
      stale
      lastDataAt
    }
    evaluationResults {
      id
      status
      summary
    }
  }
`);

/** Rule status of a value (the same arithmetic as the API's evaluation, for the chart legend). */
function statusOf(value: number, rule: ThresholdRule): 'PASS' | 'WARN' | 'FAIL' {
  const lower = rule.direction === 'LOWER_IS_BETTER';
  if (lower ? value <= rule.warn : value >= rule.warn) return 'PASS';
  if (lower ? value >= rule.fail : value <= rule.fail) return 'FAIL';
  return 'WARN';
}

/**
 * Monitoring of a production model: a trend line per performance metric with its pack's
 * PASS/WARN/FAIL bands and data freshness (the per-feature drift heatmap of the same window is in
 * the drift section, features/drift). The series are prepared on the server (monitoring-series.ts);
 * this component only turns them into charts.
 */
export function MonitoringPanel({
  series,
  latest: latestRef,
  rules,
}: {
  /** The window's series; the drift heatmap's data is left out (the drift section draws it). */
  series: Omit<MonitoringSeries, 'drift'>;
  /** The window's newest snapshot (null when there is none). */
  latest: FragmentType<typeof MonitoringPanel_LatestSnapshotFragment> | null;
  /** Thresholds per metric key, from the packs attached to the model's recipe. */
  rules: Record<string, ThresholdRule>;
}) {
  const latest = getFragmentData(MonitoringPanel_LatestSnapshotFragment, latestRef);

  const metricCharts = useMemo(
    () =>
      series.metrics.map(({ key, points, latest: value }) => ({
        metric: key,
        latest: value,
        rule: rules[key] ?? null,
        option: metricTrendOption({ metric: key, points, rule: rules[key], zoom: !series.linesReduced }),
      })),
    [series, rules],
  );
  const freshness = useMemo(() => freshnessOption(series.freshness.points, series.freshness.limitHours), [series]);

  if (series.snapshotCount === 0 || !latest) {
    return (
      <EmptyState title="No monitoring snapshots yet">
        Production services report performance, drift and freshness with <code>recordMonitorSnapshot</code>, or send a sample of
        production data with <code>recordMonitorSample</code> and Modelyard computes the drift.
      </EmptyState>
    );
  }

  const reducedNote = series.linesReduced ? ` · ${series.snapshotCount.toLocaleString('en-US')} snapshots, drawn as each time slice's first, lowest, highest and last value` : '';

  return (
    <div className="stack stack--tight">
      <dl className="facts">
        <div>
          <dt>Latest snapshot</dt>
          <dd>{formatShort(latest.recordedAt)} UTC</dd>
        </div>
        <div>
          <dt>Monitor evaluation</dt>
          <dd>
            {latest.evaluationResults.length
              ? latest.evaluationResults.map((r) => (
                  <span key={r.id} title={r.summary}>
                    <StatusBadge status={r.status} />{' '}
                  </span>
                ))
              : '—'}
          </dd>
        </div>
        <div>
          <dt>Features drifted</dt>
          <dd>
            {latest.drift.filter((d) => d.drifted).length} of {latest.drift.length} ({formatPercent(latest.driftShare)})
          </dd>
        </div>
        <div>
          <dt>Freshness</dt>
          <dd>
            {formatHours(latest.freshness.lagHours)} behind (limit {formatHours(latest.freshness.limitHours)}){' '}
            <StatusBadge status={latest.freshness.stale ? 'STALE' : 'FRESH'} />
          </dd>
        </div>
        <div>
          <dt>Rows in sample</dt>
          <dd>{latest.rowCount.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Snapshots shown</dt>
          <dd>{series.snapshotCount.toLocaleString('en-US')}</dd>
        </div>
      </dl>

      <div className="grid-3" data-testid="metric-trends">
        {metricCharts.map(({ metric, latest: value, rule, option }) => (
          <figure key={metric} className="chart-card">
            <figcaption className="chart-card__title">
              <span className="mono">{metric}</span>{' '}
              <span className="chart-card__note">
                {formatMetric(value)} {rule && value != null ? <StatusBadge status={statusOf(value, rule)} /> : null}
                {!rule ? ' · no threshold' : null}
              </span>
            </figcaption>
            <EChart option={option} label={`${metric} over time${rule ? ' with its pass, warn and fail bands' : ''}${reducedNote}`} />
          </figure>
        ))}
      </div>
      {series.linesReduced ? (
        <p className="muted chart-card__note">
          {series.snapshotCount.toLocaleString('en-US')} snapshots: each line shows the first, lowest, highest and last value of
          every time slice about a pixel wide, so every peak and trough is drawn. Pick a shorter window to zoom into single
          snapshots.
        </p>
      ) : null}

      <figure className="chart-card">
        <figcaption className="chart-card__title">
          Data freshness <span className="chart-card__note">hours between the newest data and the snapshot</span>
        </figcaption>
        <EChart option={freshness} label="Data lag over time against its limit" />
      </figure>
    </div>
  );
}
