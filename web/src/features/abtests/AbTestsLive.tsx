'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { graphql } from '@/gql';
import { useLiveEvents } from '@/lib/use-live-events';

const AbTestChanged = graphql(`
  subscription AbTestChanged($id: ID, $since: ID) {
    abTestUpdated(id: $id, since: $since) {
      eventId
      abTest {
        id
        status
      }
    }
  }
`);

/**
 * Keeps the A/B test list (no `id`) or one test's page current: new observations, completion or a
 * stop re-render the page (its query runs again), at most every 800 ms.
 */
export function AbTestsLive({ id }: { id?: string }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 800);
  };
  useLiveEvents(AbTestChanged, { id: id ?? null }, { onEvent: refresh });
  return null;
}
