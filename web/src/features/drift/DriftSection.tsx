import Link from 'next/link';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { RelativeTime } from '@/components/RelativeTime';
import { driftHeatmapData } from '@/features/charts/chart-options';
import { loadUncached } from '@/features/monitoring/load-uncached';
import { HEATMAP_COLUMNS } from '@/features/monitoring/monitoring-series';
import { type MonitoringData, monitoringPoints } from '@/features/monitoring/MonitoringSection';
import { graphql } from '@/gql';
import { formatEnumLabel } from '@/lib/format';
import { formatMetric, formatPercent } from '@/lib/format-number';
import { shortId } from '@/lib/ids';
import { DriftPanel } from './DriftPanel';

const ModelDriftQuery = graphql(`
  query ModelDrift($id: ID!) {
    model(id: $id) {
      id
      referenceProfiles {
        id
        feature
        kind
        source
        rowCount
        sampleSize
        capturedAt
        mean
        std
        min
        max
        categories {
          value
          share
        }
        run {
          id
          type
        }
      }
      latestComputed: monitorSnapshots(computed: true, last: 1) {
        id
      }
    }
  }
`);

const DriftSnapshotQuery = graphql(`
  query DriftSnapshot($id: ID!) {
    monitorSnapshot(id: $id) {
      id
      recordedAt
      rowCount
      driftShare
      datasetDrifted
      triggeredRun {
        id
      }
      drift {
        feature
        method
        score
        threshold
        pValue
        drifted
        kind
        psi
        psiLevel
        ksStatistic
        ksPValue
        wasserstein
        wassersteinNormed
        jensenShannon
        chiSquare
        chiSquarePValue
        referenceRows
        currentRows
        histogram {
          labels
          reference
          current
        }
      }
    }
  }
`);

export type DriftData = ReturnType<typeof loadDrift>;

/**
 * Starts the drift section's queries alongside the page's: the reference profiles and which recent
 * snapshot was computed by recordMonitorSample, then that snapshot's per-feature statistics and
 * histograms.
 */
export async function loadDrift(modelId: string) {
  const base = await loadUncached(ModelDriftQuery, { id: modelId }, 'ModelDrift');
  if (!base.ok || !base.data.model) return { base, snapshot: null };
  const [computed] = base.data.model.latestComputed;
  const snapshot = computed ? await loadUncached(DriftSnapshotQuery, { id: computed.id }, 'DriftSnapshot') : null;
  return { base, snapshot };
}

/**
 * The model page's drift section (a server component, streamed on its own): the drift heatmap of
 * the monitoring window (`monitoring`, the query the monitoring section also draws from), the
 * newest computed snapshot's distributions and statistics, and the reference profiles.
 */
export async function DriftSection({ data, monitoring, now }: { data: DriftData; monitoring: MonitoringData; now: Date }) {
  const [{ base, snapshot }, window] = await Promise.all([data, monitoring]);
  if (!base.ok) return <ErrorPanel info={base.error} />;
  const model = base.data.model;
  if (!model) return null;
  if (snapshot && !snapshot.ok) return <ErrorPanel info={snapshot.error} />;
  const computed = snapshot?.ok ? snapshot.data.monitorSnapshot : null;
  const points = window.ok && window.data.model ? monitoringPoints(window.data.model.monitorSnapshots) : [];
  const heatmap = driftHeatmapData(points, HEATMAP_COLUMNS);
  const perColumn = heatmap.columns.length ? Math.max(...heatmap.columns.map((c) => c.count)) : 1;
  const profiles = model.referenceProfiles;

  return (
    <div className="stack stack--tight">
      {computed?.triggeredRun ? (
        <p className="notice notice--warning">
          The data set drifted: the newest sample queued a retrain (trigger DRIFT),{' '}
          <Link href={`/runs/${computed.triggeredRun.id}`}>run {shortId(computed.triggeredRun.id)}</Link>.
        </p>
      ) : null}
      <DriftPanel heatmap={heatmap} snapshotsPerColumn={perColumn} snapshot={computed} hasProfiles={profiles.length > 0} />

      <div>
        <h3 className="section-title">
          Reference profiles <span className="count">{profiles.length}</span>
        </h3>
        {profiles.length === 0 ? (
          <EmptyState title="No reference profiles">
            Drift is measured against each feature&apos;s reference distribution: upload one with <code>uploadReferenceProfile</code>, or
            let a training run of the worker capture it (the manifest&apos;s <code>monitoring.drift.features</code>).
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table data-table--compact" aria-label="Reference profiles">
              <thead>
                <tr>
                  <th scope="col">Feature</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Source</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Summary</th>
                  <th scope="col">Captured</th>
                </tr>
              </thead>
              <tbody>
                {profiles.map((p) => (
                  <tr key={p.id} data-feature={p.feature}>
                    <th scope="row" className="mono">
                      {p.feature}
                    </th>
                    <td>{formatEnumLabel(p.kind)}</td>
                    <td>
                      {p.run ? (
                        <Link href={`/runs/${p.run.id}`}>
                          {formatEnumLabel(p.run.type)} run {shortId(p.run.id)}
                        </Link>
                      ) : (
                        formatEnumLabel(p.source)
                      )}
                    </td>
                    <td>
                      {p.rowCount.toLocaleString('en-US')}
                      {p.kind === 'NUMERIC' ? <span className="data-table__secondary">sample of {p.sampleSize.toLocaleString('en-US')}</span> : null}
                    </td>
                    <td>
                      {p.kind === 'NUMERIC'
                        ? `mean ${formatMetric(p.mean)} · sd ${formatMetric(p.std)} · ${formatMetric(p.min)} to ${formatMetric(p.max)}`
                        : `${p.categories?.length ?? 0} categories: ${(p.categories ?? [])
                            .slice(0, 3)
                            .map((c) => `${c.value} ${formatPercent(c.share)}`)
                            .join(', ')}${(p.categories?.length ?? 0) > 3 ? ', …' : ''}`}
                    </td>
                    <td>
                      <RelativeTime iso={p.capturedAt} now={now} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
