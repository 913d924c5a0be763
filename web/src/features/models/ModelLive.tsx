'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { graphql } from '@/gql';
import { useLiveEvents } from '@/lib/use-live-events';

const ModelRunUpdated = graphql(`
  subscription ModelRunUpdated($modelId: ID!, $since: ID) {
    runUpdated(filter: { modelId: $modelId }, since: $since) {
      eventId
      run {
        id
        status
      }
    }
  }
`);

const ModelSnapshotRecorded = graphql(`
  subscription ModelSnapshotRecorded($modelId: ID!, $since: ID) {
    monitorSnapshotRecorded(modelId: $modelId, since: $since) {
      eventId
      snapshot {
        id
      }
    }
  }
`);

/**
 * Keeps a model page current: a run of the model changing or a snapshot being recorded
 * re-renders the page (its query runs again), at most every 800 ms.
 */
export function ModelLive({ modelId }: { modelId: string }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 800);
  };
  useLiveEvents(ModelRunUpdated, { modelId }, { onEvent: refresh });
  useLiveEvents(ModelSnapshotRecorded, { modelId }, { onEvent: refresh });
  return null;
}
