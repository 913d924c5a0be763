'use client';

import { useMutation } from '@apollo/client/react';
import { InlineError } from '@/components/InlineError';
import { graphql } from '@/gql';
import { cancelState } from './queue-run';
import { useApplyRunLive, useRunLive } from './RunLive';

const CancelRun = graphql(`
  mutation CancelRun($runId: ID!) {
    cancelRun(runId: $runId) {
      id
      status
      cancelRequestedAt
      finishedAt
      updatedAt
    }
  }
`);

/**
 * Cancel for a worker's run while it is QUEUED (cancelled at once) or RUNNING (the worker stops at
 * its next step; until then the page says "cancellation requested"). Runs reported from outside
 * (no data set) are stopped by their pipeline, so they get no button.
 */
export function RunCancel({ workerRun }: { workerRun: boolean }) {
  const run = useRunLive();
  const apply = useApplyRunLive();
  const [cancel, cancelling] = useMutation(CancelRun, {
    onCompleted: (data) =>
      apply({
        status: data.cancelRun.status,
        cancelRequestedAt: data.cancelRun.cancelRequestedAt ?? null,
        finishedAt: data.cancelRun.finishedAt ?? null,
        updatedAt: data.cancelRun.updatedAt,
      }),
  });
  const state = cancelState({ status: run.status, cancelRequestedAt: run.cancelRequestedAt, workerRun });

  if (state === 'none' && !cancelling.error) return null;
  return (
    <div className="run-cancel">
      {state === 'cancel' ? (
        <button
          type="button"
          className="button button--danger"
          disabled={cancelling.loading}
          onClick={() => void cancel({ variables: { runId: run.id } }).catch(() => undefined)}
        >
          {cancelling.loading ? 'Cancelling…' : 'Cancel run'}
        </button>
      ) : null}
      {state === 'requested' ? (
        <p className="muted" role="status">
          Cancellation requested: the worker stops the run at its next step.
        </p>
      ) : null}
      <InlineError error={cancelling.error} />
    </div>
  );
}
