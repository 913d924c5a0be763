'use client';

import { useRouter } from 'next/navigation';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { StatusBadge } from '@/components/StatusBadge';
import { graphql } from '@/gql';
import type { RunStatus } from '@/gql/graphql';
import { formatMetric, formatPercent } from '@/lib/format-number';
import { useLiveEvents } from '@/lib/use-live-events';

export const RunLiveUpdated = graphql(`
  subscription RunLiveUpdated($runId: ID!, $since: ID) {
    runUpdated(filter: { runId: $runId }, since: $since) {
      eventId
      run {
        id
        status
        progress
        error
        startedAt
        finishedAt
        metrics {
          key
          value
        }
      }
    }
  }
`);

export interface RunLiveState {
  id: string;
  status: RunStatus;
  progress: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  metrics: ReadonlyArray<{ key: string; value: number }>;
  /** Increases with every live update (components refetch what the event does not carry). */
  revision: number;
}

export const TERMINAL_STATUSES: readonly RunStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export function isLive(status: RunStatus): boolean {
  return !TERMINAL_STATUSES.includes(status);
}

const RunLiveContext = createContext<RunLiveState | null>(null);

export function useRunLive(): RunLiveState {
  const state = useContext(RunLiveContext);
  if (!state) throw new Error('useRunLive() outside <RunLiveProvider>');
  return state;
}

/**
 * The run page's live state: status, progress, error and final metrics follow `runUpdated`
 * while the run is queued or running. When the run finishes, the page re-renders on the
 * server so that what the event does not carry (evaluation results, artifacts) appears.
 */
export function RunLiveProvider({ initial, children }: { initial: Omit<RunLiveState, 'revision'>; children: ReactNode }) {
  const router = useRouter();
  const [state, setState] = useState<RunLiveState>({ ...initial, revision: 0 });
  const wasLive = useRef(isLive(initial.status));

  // A server re-render hands over fresher initial data.
  useEffect(() => {
    setState((current) => ({ ...initial, revision: current.revision }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial.status, initial.progress, initial.finishedAt]);

  useLiveEvents(
    RunLiveUpdated,
    { runId: initial.id },
    {
      skip: !isLive(initial.status) && !isLive(state.status),
      onEvent: (data) => {
        const run = data.runUpdated.run;
        setState((current) => ({
          ...current,
          status: run.status,
          progress: run.progress,
          error: run.error ?? null,
          startedAt: run.startedAt ?? null,
          finishedAt: run.finishedAt ?? null,
          metrics: run.metrics,
          revision: current.revision + 1,
        }));
      },
    },
  );

  useEffect(() => {
    if (wasLive.current && !isLive(state.status)) {
      wasLive.current = false;
      router.refresh();
    }
  }, [state.status, router]);

  return <RunLiveContext.Provider value={state}>{children}</RunLiveContext.Provider>;
}

/** Status badge, progress bar and error of the run, kept live. */
export function RunLiveStatus() {
  const run = useRunLive();
  return (
    <span className="run-status" data-testid="run-status" data-status={run.status}>
      <StatusBadge status={run.status} />
      {run.status === 'RUNNING' ? (
        <span className="run-status__progress">
          <span
            className="progress"
            role="progressbar"
            aria-label="Progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(run.progress * 100)}
          >
            <span className="progress__bar" style={{ width: formatPercent(run.progress) }} />
          </span>
          <span className="muted">{formatPercent(run.progress)}</span>
        </span>
      ) : null}
    </span>
  );
}

export function RunLiveError() {
  const run = useRunLive();
  if (!run.error) return null;
  return (
    <section className="error-panel" aria-label="Run error">
      <h2 className="error-panel__title">The run failed</h2>
      <p className="mono">{run.error}</p>
    </section>
  );
}

/** Final metrics (the last value reported per key), live while the run reports. */
export function RunLiveMetrics() {
  const run = useRunLive();
  if (run.metrics.length === 0) {
    return <p className="muted">{isLive(run.status) ? 'No metrics reported yet.' : 'This run reported no final metrics.'}</p>;
  }
  return (
    <table className="kv-table" aria-label="Final metrics">
      <tbody>
        {run.metrics.map((m) => (
          <tr key={m.key}>
            <th scope="row">{m.key}</th>
            <td data-metric={m.key}>{formatMetric(m.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
