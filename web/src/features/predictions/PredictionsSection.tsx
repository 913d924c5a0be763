import Link from 'next/link';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { loadUncached } from '@/features/monitoring/load-uncached';
import { graphql } from '@/gql';
import { mapWithConcurrency } from '@/lib/concurrency';
import { formatMetric, formatPercent } from '@/lib/format-number';
import { LatencyChart } from './LatencyChart';
import { type PredictionWindow, shadowPairs, statsWindow } from './prediction-view';

const ModelPredictionsQuery = graphql(`
  query ModelPredictions($id: ID!) {
    model(id: $id) {
      id
      newest: predictionLogs(first: 1) {
        totalCount
        edges {
          node {
            id
            predictedAt
          }
        }
      }
      arenaEntry {
        id
        arena {
          id
          entries {
            id
            role
            model {
              id
              name
            }
          }
        }
      }
    }
  }
`);

const PredictionStatsQuery = graphql(`
  query PredictionStats($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!, $bucket: StatsBucket!) {
    model(id: $id) {
      id
      predictionStats(from: $from, to: $to, bucket: $bucket) {
        start
        count
        latencyMean
        latencyP50
        latencyP95
        latencyP99
        withActual
        mae
      }
    }
  }
`);

const ShadowComparisonQuery = graphql(`
  query ShadowComparisonPanel($championId: ID!, $challengerId: ID!) {
    shadowComparison(championId: $championId, challengerId: $challengerId) {
      n
      championMae
      challengerMae
      championMape
      challengerMape
      mapeN
      agreement
      labelComparisons
      tolerance
    }
  }
`);

export type PredictionsData = ReturnType<typeof loadPredictions>;

/**
 * Starts the prediction queries: whether the model has logs (and when the newest is), then the
 * stats of the window ending there and, when the model is in an arena, the champion/challenger
 * comparisons on the requests both scored.
 */
export async function loadPredictions(modelId: string, window: PredictionWindow) {
  const base = await loadUncached(ModelPredictionsQuery, { id: modelId }, 'ModelPredictions');
  if (!base.ok || !base.data.model) return { base, stats: null, span: null, comparisons: [] };
  const model = base.data.model;
  const newest = model.newest.edges[0]?.node.predictedAt ?? null;
  const span = newest ? statsWindow(newest, window) : null;
  const pairs = shadowPairs(model.id, model.arenaEntry?.arena.entries ?? []);
  const [stats, comparisons] = await Promise.all([
    span ? loadUncached(PredictionStatsQuery, { id: modelId, ...span }, 'PredictionStats') : Promise.resolve(null),
    mapWithConcurrency(pairs, 4, async (pair) => ({
      ...pair,
      result: await loadUncached(ShadowComparisonQuery, { championId: pair.champion.id, challengerId: pair.challenger.id }, 'ShadowComparison'),
    })),
  ]);
  return { base, stats, span, comparisons };
}

/** The model page's predictions section: latency per bucket, and shadow comparisons when the model is in an arena. */
export async function PredictionsSection({ data, now }: { data: PredictionsData; now: Date }) {
  const { base, stats, span, comparisons } = await data;
  if (!base.ok) return <ErrorPanel info={base.error} />;
  const model = base.data.model;
  if (!model) return null;
  if (stats && !stats.ok) return <ErrorPanel info={stats.error} />;
  const total = model.newest.totalCount;
  const newest = model.newest.edges[0]?.node.predictedAt ?? null;
  const buckets = stats?.ok ? (stats.data.model?.predictionStats ?? []) : [];
  const shown = buckets.reduce((n, b) => n + b.count, 0);

  return (
    <div className="stack stack--tight">
      {total === 0 || !span ? (
        <EmptyState title="No predictions logged">
          Serving code logs each prediction (inputs, output, confidence, latency) with <code>logPredictions</code>; outcomes join later with{' '}
          <code>recordActuals</code>.
        </EmptyState>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>Predictions logged</dt>
              <dd>{total.toLocaleString('en-US')}</dd>
            </div>
            <div>
              <dt>Newest</dt>
              <dd>{newest ? <RelativeTime iso={newest} now={now} /> : '—'}</dd>
            </div>
            <div>
              <dt>In the chart</dt>
              <dd>{shown.toLocaleString('en-US')}</dd>
            </div>
            <div>
              <dt>With a known outcome</dt>
              <dd>{buckets.reduce((n, b) => n + b.withActual, 0).toLocaleString('en-US')}</dd>
            </div>
          </dl>
          <figure className="chart-card">
            <figcaption className="chart-card__title">
              Prediction latency <span className="chart-card__note">p50, p95 and p99 per {span.bucket === 'DAY' ? 'day' : 'hour'} (ms); bars: predictions</span>
            </figcaption>
            {buckets.length ? <LatencyChart buckets={buckets} bucket={span.bucket} /> : <EmptyState title="No predictions in this window" />}
          </figure>
        </>
      )}

      {comparisons.length ? (
        <div>
          <h3 className="section-title">Shadow comparison</h3>
          <p className="muted">Champion against challenger on the requests both scored whose outcome is known.</p>
          <div className="table-scroll">
            <table className="data-table data-table--compact" aria-label="Shadow comparison">
              <thead>
                <tr>
                  <th scope="col">Challenger</th>
                  <th scope="col">Requests</th>
                  <th scope="col">MAE champion / challenger</th>
                  <th scope="col">MAPE champion / challenger</th>
                  <th scope="col">Agreement</th>
                </tr>
              </thead>
              <tbody>
                {comparisons.map(({ champion, challenger, role, result }) => (
                  <tr key={challenger.id}>
                    <td className="data-table__primary">
                      <Link href={`/models/${challenger.id}`}>{challenger.name}</Link> <StatusBadge status={role} />
                      <span className="data-table__secondary">
                        against <Link href={`/models/${champion.id}`}>{champion.name}</Link>
                      </span>
                    </td>
                    {!result.ok ? (
                      <td colSpan={4} className="data-table__error">
                        {result.error.problems[0]?.message ?? result.error.title}
                      </td>
                    ) : result.data.shadowComparison.n === 0 ? (
                      <td colSpan={4} className="muted">
                        No request scored by both with a known outcome yet.
                      </td>
                    ) : (
                      <>
                        <td>{result.data.shadowComparison.n.toLocaleString('en-US')}</td>
                        <td className="mono">
                          {formatMetric(result.data.shadowComparison.championMae)} / {formatMetric(result.data.shadowComparison.challengerMae)}
                        </td>
                        <td className="mono">
                          {formatMetric(result.data.shadowComparison.championMape)} / {formatMetric(result.data.shadowComparison.challengerMape)}
                        </td>
                        <td>
                          {result.data.shadowComparison.agreement != null ? formatPercent(result.data.shadowComparison.agreement, 1) : '—'}
                          <span className="data-table__secondary">within {formatPercent(result.data.shadowComparison.tolerance)}</span>
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </div>
  );
}
