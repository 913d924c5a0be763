import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatEnumLabel } from '@/lib/format';
import { shortId } from '@/lib/ids';

export const AlertTable_AlertFragment = graphql(`
  fragment AlertTable_Alert on Alert {
    id
    type
    severity
    status
    title
    message
    count
    firstSeenAt
    lastSeenAt
    model {
      id
      name
    }
    run {
      id
      type
    }
  }
`);

export interface AlertTableProps {
  alerts: ReadonlyArray<FragmentType<typeof AlertTable_AlertFragment>>;
  now: Date;
  showModel?: boolean;
  emptyTitle?: string;
  emptyHint?: ReactNode;
  /** Per-alert actions (acknowledge, resolve, dismiss) rendered in the last column. */
  renderActions?: (alert: { id: string; status: string; title: string }) => ReactNode;
}

export function AlertTable({
  alerts: alertRefs,
  now,
  showModel = true,
  emptyTitle = 'No alerts',
  emptyHint,
  renderActions,
}: AlertTableProps) {
  const alerts = getFragmentData(AlertTable_AlertFragment, alertRefs);
  if (alerts.length === 0) return <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Alert</th>
            <th scope="col">Severity</th>
            <th scope="col">Status</th>
            {showModel ? <th scope="col">Model</th> : null}
            <th scope="col">Seen</th>
            <th scope="col">Last seen</th>
            {renderActions ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr key={alert.id} data-alert-id={alert.id}>
              <td className="data-table__primary">
                {alert.title}
                <span className="data-table__secondary">
                  {formatEnumLabel(alert.type)} · {alert.message}
                  {alert.run ? (
                    <>
                      {' · '}
                      <Link href={`/runs/${alert.run.id}`}>
                        {formatEnumLabel(alert.run.type)} run {shortId(alert.run.id)}
                      </Link>
                    </>
                  ) : null}
                </span>
              </td>
              <td>
                <StatusBadge status={alert.severity} />
              </td>
              <td>
                <StatusBadge status={alert.status} />
              </td>
              {showModel ? (
                <td>{alert.model ? <Link href={`/models/${alert.model.id}`}>{alert.model.name}</Link> : '—'}</td>
              ) : null}
              <td>{alert.count === 1 ? 'once' : `${alert.count} times`}</td>
              <td>
                <RelativeTime iso={alert.lastSeenAt} now={now} />
              </td>
              {renderActions ? <td>{renderActions(alert)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
