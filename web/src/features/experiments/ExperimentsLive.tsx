'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { graphql } from '@/gql';
import { useLiveEvents } from '@/lib/use-live-events';

const ExperimentChanged = graphql(`
  subscription ExperimentChanged($id: ID, $since: ID) {
    experimentUpdated(id: $id, since: $since) {
      eventId
      change
      experiment {
        id
        status
      }
    }
  }
`);

/**
 * Keeps the board (no `id`) or one experiment's page current: a proposal, a workflow step, an edit
 * or a (un)link re-renders the page (its query runs again), at most every 600 ms.
 */
export function ExperimentsLive({ id }: { id?: string }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 600);
  };
  useLiveEvents(ExperimentChanged, { id: id ?? null }, { onEvent: refresh });
  return null;
}
