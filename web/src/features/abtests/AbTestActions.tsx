'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { InlineError } from '@/components/InlineError';
import { graphql } from '@/gql';

const ConcludeAbTest = graphql(`
  mutation ConcludeAbTest($id: ID!, $reason: String) {
    concludeAbTest(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

const StopAbTest = graphql(`
  mutation StopAbTest($id: ID!, $reason: String) {
    stopAbTest(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

/**
 * A RUNNING test can be concluded now (its result is frozen and AB_TEST_COMPLETE raised, whatever
 * the sample size) or stopped without a conclusion; both take an optional reason for the audit log.
 */
export function AbTestActions({ id, status }: { id: string; status: string }) {
  const router = useRouter();
  const refresh = { onCompleted: () => router.refresh() };
  const [conclude, concluding] = useMutation(ConcludeAbTest, refresh);
  const [stop, stopping] = useMutation(StopAbTest, refresh);
  const [mode, setMode] = useState<null | 'conclude' | 'stop'>(null);
  const [reason, setReason] = useState('');
  if (status !== 'RUNNING') return null;
  const busy = concluding.loading || stopping.loading;
  const error = concluding.error ?? stopping.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const variables = { id, reason: reason.trim() || null };
    const done = () => {
      setMode(null);
      setReason('');
    };
    const ignore = () => undefined;
    if (mode === 'conclude') void conclude({ variables }).then(done, ignore);
    if (mode === 'stop') void stop({ variables }).then(done, ignore);
  };

  return (
    <div className="action-panel">
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={busy} aria-expanded={mode === 'conclude'} onClick={() => setMode(mode === 'conclude' ? null : 'conclude')}>
          Conclude…
        </button>
        <button type="button" className="button button--danger" disabled={busy} aria-expanded={mode === 'stop'} onClick={() => setMode(mode === 'stop' ? null : 'stop')}>
          Stop…
        </button>
      </div>
      {mode ? (
        <form className="clone-form" onSubmit={submit} aria-label={mode === 'conclude' ? 'Conclude the A/B test' : 'Stop the A/B test'}>
          <p className="field__hint">
            {mode === 'conclude'
              ? 'Concluding freezes the result as it is now, whatever the sample size, and raises an A/B test complete alert.'
              : 'Stopping abandons the test without a conclusion; the result is frozen, no alert is raised.'}
          </p>
          <label className="field">
            <span className="field__label">Reason (optional)</span>
            <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={5_000} autoFocus />
          </label>
          <div className="button-row">
            <button type="submit" className={mode === 'stop' ? 'button button--danger' : 'button button--primary'} disabled={busy}>
              {mode === 'conclude' ? 'Conclude test' : 'Stop test'}
            </button>
            <button type="button" className="button" onClick={() => setMode(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <InlineError error={error} />
    </div>
  );
}
