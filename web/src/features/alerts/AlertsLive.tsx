'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useLiveEvents } from '@/lib/use-live-events';
import { AlertRaisedToast, AlertUpdatedBadge } from './AlertToaster';

/** Re-renders the alert centre when an alert is raised or changes (at most every 700 ms). */
export function AlertsLive() {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 700);
  };
  useLiveEvents(AlertRaisedToast, {}, { onEvent: refresh });
  useLiveEvents(AlertUpdatedBadge, {}, { onEvent: refresh });
  return null;
}
