'use client';

import { useId, useMemo, useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { StatusBadge } from '@/components/StatusBadge';
import { type DriftHeatmap, driftHeatmapOption } from '@/features/charts/chart-options';
import { EChart } from '@/features/charts/EChart';
import { formatShortTime } from '@/lib/format';
import { formatPercent } from '@/lib/format-number';
import { distributionOption, type FeatureDriftLike, featureStatistics, type HistogramLike, methodName } from './drift-view';

export interface ComputedSnapshot {
  id: string;
  recordedAt: string;
  rowCount: number;
  driftShare: number;
  datasetDrifted?: boolean | null;
  drift: ReadonlyArray<FeatureDriftLike & { histogram?: HistogramLike | null }>;
}

/**
 * Drift of a model's features: a heatmap of every feature over the monitoring window (colour: score
 * relative to the feature's threshold; a dot: the feature drifted), and for the newest sample whose
 * drift Modelyard computed, the reference vs current distribution of a chosen feature with its
 * statistics.
 */
export function DriftPanel({
  heatmap,
  snapshotsPerColumn,
  snapshot,
  hasProfiles,
}: {
  heatmap: DriftHeatmap;
  snapshotsPerColumn: number;
  snapshot: ComputedSnapshot | null;
  hasProfiles: boolean;
}) {
  const id = useId();
  const heatmapOption = useMemo(() => driftHeatmapOption(heatmap, formatShortTime), [heatmap]);
  const features = useMemo(() => (snapshot?.drift ?? []).filter((d) => d.histogram), [snapshot]);
  // The first drifted feature is the one worth a look; otherwise the first one.
  const [picked, setPicked] = useState<string | null>(null);
  const selected = features.find((d) => d.feature === picked) ?? features.find((d) => d.drifted) ?? features[0] ?? null;
  const distribution = useMemo(() => (selected?.histogram ? distributionOption(selected.feature, selected.histogram) : null), [selected]);
  const statistics = useMemo(() => (selected ? featureStatistics(selected) : []), [selected]);
  const drifted = snapshot ? snapshot.drift.filter((d) => d.drifted).length : 0;

  return (
    <div className="stack stack--tight">
      <figure className="chart-card">
        <figcaption className="chart-card__title">
          Feature drift over time{' '}
          <span className="chart-card__note">
            score relative to each feature&apos;s threshold; ● the feature drifted
            {snapshotsPerColumn > 1 ? `; each column: the worst of up to ${snapshotsPerColumn} consecutive snapshots` : ''} (the monitoring
            window)
          </span>
        </figcaption>
        {heatmap.cells.length > 0 ? (
          <EChart option={heatmapOption} label="Per-feature drift heatmap over time" className="chart chart--tall" testId="drift-heatmap" />
        ) : (
          <EmptyState title="No drift in this window">
            Send a sample of production data with <code>recordMonitorSample</code> (after <code>uploadReferenceProfile</code>) and Modelyard
            computes each feature&apos;s drift; or report drift with <code>recordMonitorSnapshot</code>.
          </EmptyState>
        )}
      </figure>

      {!snapshot || features.length === 0 ? (
        <EmptyState title="No distributions to compare yet">
          {hasProfiles ? (
            <>
              Record a sample with <code>recordMonitorSample</code> to see each feature&apos;s current distribution against its reference.
            </>
          ) : (
            <>
              Upload reference data with <code>uploadReferenceProfile</code>, then record a sample with <code>recordMonitorSample</code> to
              see distributions.
            </>
          )}
        </EmptyState>
      ) : (
        <div className="grid-2" data-testid="drift-distribution">
          <figure className="chart-card">
            <div className="feature-picker">
              <figcaption className="chart-card__title">
                Reference vs current{' '}
                <span className="chart-card__note">
                  sample of {formatShortTime(snapshot.recordedAt)} UTC · {snapshot.rowCount.toLocaleString('en-US')} rows · {drifted} of{' '}
                  {snapshot.drift.length} features drifted ({formatPercent(snapshot.driftShare)})
                  {snapshot.datasetDrifted != null ? (
                    <>
                      {' '}
                      · data set <StatusBadge status={snapshot.datasetDrifted ? 'DRIFTED' : 'STABLE'} />
                    </>
                  ) : null}
                </span>
              </figcaption>
              <label className="field">
                <span className="field__label">Feature</span>
                <select id={`${id}-feature`} value={selected?.feature ?? ''} onChange={(e) => setPicked(e.target.value)}>
                  {features.map((d) => (
                    <option key={d.feature} value={d.feature}>
                      {d.feature}
                      {d.drifted ? ' · drifted' : ''}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {distribution && selected ? (
              <EChart
                key={selected.feature}
                option={distribution}
                className="chart chart--tall"
                testId="drift-histogram"
                label={`Distribution of ${selected.feature}: reference against current, share of each sample per bin`}
              />
            ) : null}
          </figure>
          {selected ? (
            <div className="chart-card" data-testid="drift-statistics">
              <p className="chart-card__title">
                <span className="mono">{selected.feature}</span> <StatusBadge status={selected.drifted ? 'DRIFTED' : 'STABLE'} />{' '}
                <span className="chart-card__note">decided by {methodName(selected.method)}</span>
              </p>
              <table className="kv-table kv-table--stats" aria-label={`Drift statistics of ${selected.feature}`}>
                <tbody>
                  {statistics.map((row) => (
                    <tr key={row.label} className={row.decides ? 'stat-decides' : undefined}>
                      <th scope="row">{row.label}</th>
                      <td className="mono">{row.value}</td>
                      <td>{row.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}
