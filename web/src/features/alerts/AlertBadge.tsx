'use client';

import { useQuery } from '@apollo/client/react';
import { graphql } from '@/gql';

export const OpenAlertCountQuery = graphql(`
  query OpenAlertCount {
    alertCounts {
      open
      total
    }
  }
`);

/** Unread (OPEN) alerts, next to "Alerts" in the navigation. Refetched by AlertToaster on every alert event. */
export function AlertBadge() {
  const { data } = useQuery(OpenAlertCountQuery, { fetchPolicy: 'cache-and-network' });
  const count = data?.alertCounts.open ?? 0;
  if (count === 0) return null;
  return (
    <span className="nav-badge" data-testid="alert-badge" data-count={count} aria-label={`${count} open alerts`}>
      {count > 99 ? '99+' : count}
    </span>
  );
}
