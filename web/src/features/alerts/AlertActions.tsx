'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { InlineError } from '@/components/InlineError';
import { graphql } from '@/gql';
import { OpenAlertCountQuery } from './AlertBadge';

const AcknowledgeAlert = graphql(`
  mutation AcknowledgeAlert($id: ID!) {
    acknowledgeAlert(id: $id) {
      id
      status
      acknowledgedAt
      acknowledgedBy
    }
  }
`);

const ResolveAlert = graphql(`
  mutation ResolveAlert($id: ID!, $note: String) {
    resolveAlert(id: $id, note: $note) {
      id
      status
      resolvedAt
      resolutionNote
    }
  }
`);

const DismissAlert = graphql(`
  mutation DismissAlert($id: ID!, $reason: String) {
    dismissAlert(id: $id, reason: $reason) {
      id
      status
      dismissedAt
      dismissalReason
    }
  }
`);

/** Which actions an alert in this status allows (the API's transitions). */
export function allowedAlertActions(status: string): Array<'acknowledge' | 'resolve' | 'dismiss'> {
  switch (status) {
    case 'OPEN':
      return ['acknowledge', 'resolve', 'dismiss'];
    case 'ACKNOWLEDGED':
      return ['resolve', 'dismiss'];
    default:
      return [];
  }
}

/**
 * Acknowledge, resolve (with an optional note) or dismiss (with an optional reason) an alert;
 * only the transitions its status allows are offered. The page and the badge refresh after.
 */
export function AlertActions({ id, status, title }: { id: string; status: string; title?: string }) {
  const router = useRouter();
  const [mode, setMode] = useState<null | 'resolve' | 'dismiss'>(null);
  const [text, setText] = useState('');
  const options = { refetchQueries: [OpenAlertCountQuery], onCompleted: () => router.refresh() };
  const [acknowledge, ack] = useMutation(AcknowledgeAlert, options);
  const [resolve, res] = useMutation(ResolveAlert, options);
  const [dismiss, dis] = useMutation(DismissAlert, options);
  const busy = ack.loading || res.loading || dis.loading;
  const error = ack.error ?? res.error ?? dis.error;
  const actions = allowedAlertActions(status);
  if (actions.length === 0) return <span className="muted">—</span>;
  const about = title ? ` “${title}”` : '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim() || null;
    const done = () => {
      setMode(null);
      setText('');
    };
    if (mode === 'resolve') void resolve({ variables: { id, note: value } }).then(done, () => undefined);
    if (mode === 'dismiss') void dismiss({ variables: { id, reason: value } }).then(done, () => undefined);
  };

  return (
    <div className="alert-actions">
      {mode ? (
        <form className="alert-actions__form" onSubmit={submit}>
          <label className="field">
            <span className="field__label">{mode === 'resolve' ? 'Resolution note' : 'Reason for dismissing'} (optional)</span>
            <input type="text" value={text} onChange={(e) => setText(e.target.value)} autoFocus maxLength={500} />
          </label>
          <div className="button-row">
            <button type="submit" className={mode === 'dismiss' ? 'button button--danger button--small' : 'button button--primary button--small'} disabled={busy}>
              {mode === 'resolve' ? 'Resolve' : 'Dismiss'}
            </button>
            <button type="button" className="button button--small" onClick={() => setMode(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          {actions.includes('acknowledge') ? (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              aria-label={`Acknowledge${about}`}
              onClick={() => void acknowledge({ variables: { id } }).catch(() => undefined)}
            >
              Acknowledge
            </button>
          ) : null}
          <button type="button" className="button button--small" disabled={busy} aria-label={`Resolve${about}`} onClick={() => setMode('resolve')}>
            Resolve
          </button>
          <button type="button" className="button button--small" disabled={busy} aria-label={`Dismiss${about}`} onClick={() => setMode('dismiss')}>
            Dismiss
          </button>
        </div>
      )}
      <InlineError error={error} />
    </div>
  );
}
