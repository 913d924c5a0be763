import Link from 'next/link';
import { EmptyState } from '@/components/EmptyState';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatEnumLabel } from '@/lib/format';
import { shortId } from '@/lib/ids';

export const RetrainingLog_EventFragment = graphql(`
  fragment RetrainingLog_Event on RetrainingEvent {
    id
    trigger
    occurredAt
    outcome
    detail
    run {
      id
      status
    }
  }
`);

/** A model's retrainings, newest first: why (trigger), when, the run, and what came of it for the arena. */
export function RetrainingLog({
  events: refs,
  nowIso,
}: {
  events: ReadonlyArray<FragmentType<typeof RetrainingLog_EventFragment>>;
  /** ISO time of the request's "now", so every relative time on the page agrees. */
  nowIso: string;
}) {
  const events = getFragmentData(RetrainingLog_EventFragment, refs);
  const now = new Date(nowIso);
  if (events.length === 0) {
    return <EmptyState title="No retraining yet">Every TRAIN run the worker runs is logged here, with its outcome.</EmptyState>;
  }
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Retraining log">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Trigger</th>
            <th scope="col">Run</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>
                <RelativeTime iso={e.occurredAt} now={now} />
              </td>
              <td>{formatEnumLabel(e.trigger)}</td>
              <td>
                <Link href={`/runs/${e.run.id}`}>
                  Train <span className="mono">{shortId(e.run.id)}</span>
                </Link>{' '}
                <StatusBadge status={e.run.status} />
              </td>
              <td>
                <StatusBadge status={e.outcome} />
                <span className="data-table__secondary">{e.detail}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
