'use client';

import { useApolloClient } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { StatusBadge } from '@/components/StatusBadge';
import { graphql } from '@/gql';
import type { RunStatus } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { formatDuration, formatMetric, formatPercent } from '@/lib/format-number';
import { useLiveEvents } from '@/lib/use-live-events';
import { isNotOlder } from './run-live-state';

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
        cancelRequestedAt
        updatedAt
        metrics {
          key
          value
        }
      }
    }
  }
`);

/** The same fields, read once the subscription has started: what changed before it did. */
export const RunLiveSnapshot = graphql(`
  query RunLiveSnapshot($runId: ID!) {
    run(id: $runId) {
      id
      status
      progress
      error
      startedAt
      finishedAt
      cancelRequestedAt
      updatedAt
      metrics {
        key
        value
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
  /** When cancelRun asked the worker to stop this RUNNING run (null when not asked). */
  cancelRequestedAt: string | null;
  /** The run's updatedAt as of this view (an older view does not replace a newer one). */
  updatedAt: string;
  metrics: ReadonlyArray<{ key: string; value: number }>;
  /** Increases with every live update (components refetch what the event does not carry). */
  revision: number;
}

export const TERMINAL_STATUSES: readonly RunStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export function isLive(status: RunStatus): boolean {
  return !TERMINAL_STATUSES.includes(status);
}

const RunLiveContext = createContext<RunLiveState | null>(null);

type RunLivePatch = Omit<RunLiveState, 'id' | 'revision' | 'progress' | 'error' | 'startedAt' | 'metrics'> & Partial<RunLiveState>;
const RunLiveApplyContext = createContext<((patch: RunLivePatch) => void) | null>(null);

export function useRunLive(): RunLiveState {
  const state = useContext(RunLiveContext);
  if (!state) throw new Error('useRunLive() outside <RunLiveProvider>');
  return state;
}

/**
 * Applies what a mutation returned (e.g. cancelRun) at once, without waiting for its
 * `runUpdated` event (unless the page already shows a newer view of the run).
 */
export function useApplyRunLive(): (patch: RunLivePatch) => void {
  const apply = useContext(RunLiveApplyContext);
  if (!apply) throw new Error('useApplyRunLive() outside <RunLiveProvider>');
  return apply;
}

type RunFields = {
  status: RunStatus;
  progress: number;
  error?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  cancelRequestedAt?: string | null;
  updatedAt: string;
  metrics: ReadonlyArray<{ key: string; value: number }>;
};

/** The shown state with a view of the run applied, unless that view is older than the shown one. */
function withRun(current: RunLiveState, run: RunFields): RunLiveState {
  if (!isNotOlder(current, run)) return current;
  return {
    ...current,
    status: run.status,
    progress: run.progress,
    error: run.error ?? null,
    startedAt: run.startedAt ?? null,
    finishedAt: run.finishedAt ?? null,
    cancelRequestedAt: run.cancelRequestedAt ?? null,
    updatedAt: run.updatedAt,
    metrics: run.metrics,
    revision: current.revision + 1,
  };
}

/**
 * The run page's live state: status, progress, error and final metrics follow `runUpdated`
 * while the run is queued or running. When the subscription starts, the run is read once more:
 * a worker's run can start, or even finish, between the server render and the subscription.
 * When the run finishes, the page re-renders on the server so that what the event does not
 * carry (evaluation results, artifacts, backtest windows) appears.
 */
export function RunLiveProvider({ initial, children }: { initial: Omit<RunLiveState, 'revision'>; children: ReactNode }) {
  const router = useRouter();
  const client = useApolloClient();
  const [state, setState] = useState<RunLiveState>({ ...initial, revision: 0 });
  const wasLive = useRef(isLive(initial.status));

  // A server re-render hands over fresher initial data.
  useEffect(() => {
    setState((current) => (isNotOlder(current, initial) ? { ...initial, revision: current.revision } : current));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial.status, initial.progress, initial.finishedAt, initial.cancelRequestedAt, initial.updatedAt]);

  useLiveEvents(
    RunLiveUpdated,
    { runId: initial.id },
    {
      skip: !isLive(initial.status) && !isLive(state.status),
      onEvent: (data) => setState((current) => withRun(current, data.runUpdated.run)),
      onStart: () => {
        client
          .query({ query: RunLiveSnapshot, variables: { runId: initial.id }, fetchPolicy: 'network-only' })
          .then(({ data }) => {
            const run = data?.run;
            if (run) setState((current) => withRun(current, run));
          })
          .catch(() => undefined);
      },
    },
  );

  useEffect(() => {
    if (wasLive.current && !isLive(state.status)) {
      wasLive.current = false;
      router.refresh();
    }
  }, [state.status, router]);

  const apply = useCallback((patch: RunLivePatch) => {
    setState((current) => (isNotOlder(current, patch) ? { ...current, ...patch, revision: current.revision + 1 } : current));
  }, []);

  return (
    <RunLiveApplyContext.Provider value={apply}>
      <RunLiveContext.Provider value={state}>{children}</RunLiveContext.Provider>
    </RunLiveApplyContext.Provider>
  );
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
      {run.status === 'RUNNING' && run.cancelRequestedAt ? (
        <span className="badge badge--warning" data-testid="cancel-requested" title={`Asked at ${run.cancelRequestedAt}`}>
          cancellation requested
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

/** Started, finished or the duration between them, kept live (a worker run starts after the page rendered). */
export function RunLiveTime({ field }: { field: 'startedAt' | 'finishedAt' | 'duration' }) {
  const run = useRunLive();
  if (field === 'duration') return <>{formatDuration(run.startedAt, run.finishedAt)}</>;
  const iso = run[field];
  return <>{iso ? formatDateTime(iso) : '—'}</>;
}
