/**
 * Which of two views of a run is newer. The run page hears of a run from three sources: the
 * server render, `runUpdated` events, and the query that fills the gap between the render and the
 * subscription's start (a worker run may finish in that gap). They can arrive out of order, so a
 * view replaces the shown one only when it is not older: status never goes back (QUEUED → RUNNING
 * → finished), and within a status the later `updatedAt` wins.
 */
import type { RunStatus } from '@/gql/graphql';

const STATUS_RANK: Readonly<Record<RunStatus, number>> = {
  QUEUED: 0,
  RUNNING: 1,
  SUCCEEDED: 2,
  FAILED: 2,
  CANCELLED: 2,
};

export interface RunView {
  status: RunStatus;
  updatedAt: string;
}

export function isNotOlder(current: RunView, incoming: RunView): boolean {
  const byStatus = STATUS_RANK[incoming.status] - STATUS_RANK[current.status];
  if (byStatus !== 0) return byStatus > 0;
  const a = Date.parse(current.updatedAt);
  const b = Date.parse(incoming.updatedAt);
  if (Number.isNaN(a) || Number.isNaN(b)) return true;
  return b >= a;
}
