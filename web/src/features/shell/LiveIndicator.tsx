'use client';

import { useSyncExternalStore } from 'react';
import { getLiveState, type LiveState, subscribeLiveState } from '@/lib/live-connection';

const LABEL: Record<LiveState, string> = {
  idle: 'Live updates idle',
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
};

/** Whether live updates (graphql-ws) are flowing. */
export function LiveIndicator() {
  const state = useSyncExternalStore(subscribeLiveState, getLiveState, () => 'idle' as const);
  return (
    <span className={`live live--${state}`} role="status" aria-live="polite" title={LABEL[state]}>
      <span className="live__dot" aria-hidden="true" />
      <span className="live__label">{state === 'idle' ? '' : LABEL[state]}</span>
    </span>
  );
}
