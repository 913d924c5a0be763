'use client';

import { useMemo } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { StatusBadge } from '@/components/StatusBadge';
import { driftHeatmapOption, freshnessOption, metricTrendOption, type ThresholdRule } from '@/features/charts/chart-options';
import { EChart } from '@/features/charts/EChart';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatHours, formatMetric, formatPercent } from '@/lib/format-number';

export const MonitoringPanel_SnapshotFragment = graphql(`
  fragment MonitoringPanel_Snapshot on MonitorSnapshot {
    id
    recordedAt
    rowCount
    driftShare
    performance {
      key
      value
    }
    drift {
      feature
      method
      score
      pValue
      threshold
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

const shortTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

function formatShort(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : shortTime.format(t);
}

/** Rule status of a value (the same arithmetic as the API's evaluation, for the chart legend). */
function statusOf(value: number, rule: ThresholdRule): 'PASS' | 'WARN' | 'FAIL' {
  const lower = rule.direction === 'LOWER_IS_BETTER';
  if (lower ? value <= rule.warn : value >= rule.warn) return 'PASS';
  if (lower ? value >= rule.fail : value <= rule.fail) return 'FAIL';
  return 'WARN';
}

/**
 * Monitoring of a production model: a trend line per performance metric with its pack's
 * PASS/WARN/FAIL bands, a per-feature drift heatmap over time, and data freshness.
 */
export function MonitoringPanel({
  snapshots: snapshotRefs,
  rules,
}: {
  snapshots: ReadonlyArray<FragmentType<typeof MonitoringPanel_SnapshotFragment>>;
  /** Thresholds per metric key, from the packs attached to the model's recipe. */
  rules: Record<string, ThresholdRule>;
}) {
  const snapshots = getFragmentData(MonitoringPanel_SnapshotFragment, snapshotRefs);

  const metricCharts = useMemo(() => {
    const series = new Map<string, Array<readonly [number, number]>>();
    for (const snapshot of snapshots) {
      const at = Date.parse(snapshot.recordedAt);
      for (const { key, value } of snapshot.performance) {
        let list = series.get(key);
        if (!list) series.set(key, (list = []));
        list.push([at, value]);
      }
    }
    return [...series.entries()].map(([metric, points]) => ({
      metric,
      latest: points[points.length - 1]?.[1] ?? null,
      rule: rules[metric] ?? null,
      option: metricTrendOption({ metric, points, rule: rules[metric] }),
    }));
  }, [snapshots, rules]);

  const heatmap = useMemo(() => driftHeatmapOption(snapshots, formatShort), [snapshots]);
  const freshness = useMemo(
    () =>
      freshnessOption(
        snapshots.map((s) => ({ at: Date.parse(s.recordedAt), lagHours: s.freshness.lagHours, limitHours: s.freshness.limitHours })),
      ),
    [snapshots],
  );

  if (snapshots.length === 0) {
    return (
      <EmptyState title="No monitoring snapshots yet">
        Production services report performance, drift and freshness with <code>recordMonitorSnapshot</code>.
      </EmptyState>
    );
  }

  const latest = snapshots[snapshots.length - 1]!;
  const hasDrift = snapshots.some((s) => s.drift.length > 0);

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
          <dd>{snapshots.length.toLocaleString('en-US')}</dd>
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
            <EChart option={option} label={`${metric} over time${rule ? ' with its pass, warn and fail bands' : ''}`} />
          </figure>
        ))}
      </div>

      <div className="grid-2 grid-2--wide-left">
        <figure className="chart-card">
          <figcaption className="chart-card__title">
            Feature drift over time <span className="chart-card__note">score relative to each feature&apos;s threshold</span>
          </figcaption>
          {hasDrift ? (
            <EChart option={heatmap} label="Per-feature drift heatmap over time" className="chart chart--tall" testId="drift-heatmap" />
          ) : (
            <EmptyState title="No drift reported" />
          )}
        </figure>
        <figure className="chart-card">
          <figcaption className="chart-card__title">
            Data freshness <span className="chart-card__note">hours between the newest data and the snapshot</span>
          </figcaption>
          <EChart option={freshness} label="Data lag over time against its limit" className="chart chart--tall" />
        </figure>
      </div>
    </div>
  );
}
