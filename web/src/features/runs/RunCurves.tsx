'use client';

import { useApolloClient } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { curvesOption, groupCurves } from '@/features/charts/chart-options';
import { EChart } from '@/features/charts/EChart';
import { graphql } from '@/gql';
import { isLive, useRunLive } from './RunLive';

export const RunHistoryQuery = graphql(`
  query RunHistory($runId: ID!) {
    run(id: $runId) {
      id
      metricHistory {
        key
        step
        value
      }
    }
  }
`);

export interface HistoryPoint {
  key: string;
  step: number;
  value: number;
}

/**
 * A curve per metric key from the run's metric history (a backtest's steps are its windows).
 * While the run is live, the history is fetched again after updates, at most every 2 s.
 */
export function RunCurves({ initial, xName = 'step' }: { initial: readonly HistoryPoint[]; xName?: string }) {
  const run = useRunLive();
  const client = useApolloClient();
  const [points, setPoints] = useState(initial);
  const lastFetch = useRef(0);

  // A server refresh (the page re-renders when the run finishes) hands over the whole history.
  useEffect(() => setPoints(initial), [initial]);

  useEffect(() => {
    // Nothing changed since the page was rendered.
    if (run.revision === 0) return;
    const wait = Math.max(0, lastFetch.current + 2000 - Date.now());
    const timer = setTimeout(() => {
      lastFetch.current = Date.now();
      client
        .query({ query: RunHistoryQuery, variables: { runId: run.id }, fetchPolicy: 'network-only' })
        .then(({ data }) => {
          if (data?.run) setPoints(data.run.metricHistory);
        })
        .catch(() => undefined);
    }, wait);
    return () => clearTimeout(timer);
  }, [run.revision, run.status, run.id, client]);

  const charts = useMemo(
    () =>
      [...groupCurves(points).entries()].map(([key, curve]) => ({
        key,
        count: curve.length,
        option: curvesOption([{ name: key, points: curve }], { xName }),
      })),
    [points, xName],
  );

  if (charts.length === 0) {
    return (
      <EmptyState title={isLive(run.status) ? 'No metric history yet' : 'No metric history'}>
        {isLive(run.status) ? 'Curves appear here as the run reports them.' : 'Pipelines report curves with logRunMetrics.'}
      </EmptyState>
    );
  }
  return (
    <div className="grid-2" data-testid="run-curves">
      {charts.map((chart) => (
        <figure key={chart.key} className="chart-card">
          <figcaption className="chart-card__title">
            <span className="mono">{chart.key}</span>{' '}
            <span className="chart-card__note">{chart.count.toLocaleString('en-US')} points</span>
          </figcaption>
          <EChart option={chart.option} label={`${chart.key} by ${xName}`} />
        </figure>
      ))}
    </div>
  );
}
