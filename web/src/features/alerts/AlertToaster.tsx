'use client';

import { useApolloClient } from '@apollo/client/react';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { graphql } from '@/gql';
import type { AlertRaisedToastSubscription } from '@/gql/graphql';
import { formatEnumLabel } from '@/lib/format';
import { useLiveEvents } from '@/lib/use-live-events';
import { OpenAlertCountQuery } from './AlertBadge';

export const AlertRaisedToast = graphql(`
  subscription AlertRaisedToast($since: ID) {
    alertRaised(since: $since) {
      eventId
      alert {
        id
        type
        severity
        status
        title
        message
        count
        model {
          id
          name
        }
      }
    }
  }
`);

export const AlertUpdatedBadge = graphql(`
  subscription AlertUpdatedBadge($since: ID) {
    alertUpdated(since: $since) {
      eventId
      alert {
        id
        status
        count
      }
    }
  }
`);

type Toast = AlertRaisedToastSubscription['alertRaised']['alert'] & { key: string };

const TOAST_MS = 12_000;
const MAX_TOASTS = 4;

/**
 * On every page: a toast when an alert is raised, and the navigation's unread badge kept
 * current (an alert raised, acknowledged, resolved or dismissed refetches the count).
 */
export function AlertToaster() {
  const client = useApolloClient();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((key: string) => {
    clearTimeout(timers.current.get(key));
    timers.current.delete(key);
    setToasts((current) => current.filter((t) => t.key !== key));
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  const refreshCount = useCallback(() => {
    void client.refetchQueries({ include: [OpenAlertCountQuery] });
  }, [client]);

  useLiveEvents(AlertRaisedToast, {}, {
    onEvent: (data) => {
      const event = data.alertRaised;
      const toast: Toast = { ...event.alert, key: event.eventId };
      setToasts((current) => [toast, ...current].slice(0, MAX_TOASTS));
      timers.current.set(toast.key, setTimeout(() => dismiss(toast.key), TOAST_MS));
      refreshCount();
    },
  });
  // On (re)start too: an alert changed between the page's render and the subscription is counted.
  useLiveEvents(AlertUpdatedBadge, {}, { onEvent: refreshCount, onStart: refreshCount });

  return (
    <div className="toaster" aria-live="polite" aria-label="Alerts raised">
      {toasts.map((toast) => (
        <div
          key={toast.key}
          className={`toast toast--${toast.severity}`}
          role={toast.severity === 'CRITICAL' ? 'alert' : 'status'}
          data-testid="alert-toast"
          onMouseEnter={() => clearTimeout(timers.current.get(toast.key))}
          onMouseLeave={() => timers.current.set(toast.key, setTimeout(() => dismiss(toast.key), TOAST_MS / 2))}
        >
          <p className="toast__title">
            <span className={`badge badge--${toast.severity === 'CRITICAL' ? 'danger' : toast.severity === 'WARNING' ? 'warning' : 'info'}`}>
              {toast.severity}
            </span>{' '}
            {toast.title}
          </p>
          <button type="button" className="toast__close" aria-label="Dismiss notification" onClick={() => dismiss(toast.key)}>
            ×
          </button>
          <p className="toast__body">
            {formatEnumLabel(toast.type)}
            {toast.model ? (
              <>
                {' · '}
                <Link href={`/models/${toast.model.id}`}>{toast.model.name}</Link>
              </>
            ) : null}
            {' · '}
            <Link href="/alerts">Alert centre</Link>
            <br />
            {toast.message}
          </p>
        </div>
      ))}
    </div>
  );
}
