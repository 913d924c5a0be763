'use client';

import { useApolloClient } from '@apollo/client/react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useEffect, useRef, useState } from 'react';
import { retryDelayMs } from './live-connection';
import { eventIdOf } from './resumable-ws-link';

type LiveVariables = { since?: string | null };

export interface LiveEventsOptions<TData> {
  /** Called with each event, in order. */
  onEvent: (data: TData) => void;
  /**
   * Called each time the subscription (re)starts, after its subscribe message is on its way:
   * the place to fetch what changed between the page's data and the live stream.
   */
  onStart?: () => void;
  skip?: boolean;
}

/**
 * Subscribes to one of the API's event streams (`runUpdated`, `alertRaised`, …) for as long as
 * the component is mounted. A dropped socket is handled below (ResumableWsLink resumes from the
 * last event id); when the API ends the subscription with an error (e.g. UNAVAILABLE while its
 * event channel is away) this hook subscribes again after a back-off, with `since` = the last
 * event id received, so no event is missed and none is delivered twice.
 */
export function useLiveEvents<TData, TVariables extends LiveVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: Omit<TVariables, 'since'>,
  { onEvent, onStart, skip = false }: LiveEventsOptions<TData>,
): { error: unknown } {
  const client = useApolloClient();
  const [error, setError] = useState<unknown>(null);
  const handlers = useRef({ onEvent, onStart });
  handlers.current = { onEvent, onStart };
  const variablesKey = JSON.stringify(variables);

  useEffect(() => {
    if (skip) return;
    const base = JSON.parse(variablesKey) as Omit<TVariables, 'since'>;
    let since: string | null = null;
    let attempt = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let subscription: { unsubscribe(): void } | undefined;

    const retry = (reason: unknown) => {
      subscription?.unsubscribe();
      if (stopped) return;
      if (reason) setError(reason);
      timer = setTimeout(start, retryDelayMs(attempt++));
    };

    function start() {
      if (stopped) return;
      const variables = { ...base, since } as unknown as TVariables;
      subscription = client.subscribe({ query: document, variables }).subscribe({
        next: (result) => {
          if (result.error) return retry(result.error);
          if (!result.data) return;
          attempt = 0;
          setError(null);
          const eventId = eventIdOf(result);
          if (eventId) since = eventId;
          handlers.current.onEvent(result.data as TData);
        },
        error: (reason: unknown) => retry(reason),
        complete: () => retry(null),
      });
      handlers.current.onStart?.();
    }

    start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      subscription?.unsubscribe();
    };
  }, [client, document, variablesKey, skip]);

  return { error };
}
