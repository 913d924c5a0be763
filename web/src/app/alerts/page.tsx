import type { Metadata } from 'next';
import { ConnectionPager } from '@/components/ConnectionPager';
import { ErrorPanel } from '@/components/ErrorPanel';
import { UrlFilters } from '@/components/UrlFilters';
import { AlertActions } from '@/features/alerts/AlertActions';
import {
  ALERT_PAGE_SIZE,
  alertCentreFilter,
  parseAlertCentreParams,
  STATUS_VIEWS,
} from '@/features/alerts/alert-centre-params';
import { AlertsLive } from '@/features/alerts/AlertsLive';
import { AlertTable } from '@/features/alerts/AlertTable';
import { graphql } from '@/gql';
import { ALERT_SEVERITIES, ALERT_TYPES } from '@/lib/enums';
import { formatEnumLabel } from '@/lib/format';
import { load } from '@/lib/load';
import type { SearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Alerts' };

const AlertCentreQuery = graphql(`
  query AlertCentre($first: Int!, $after: String, $filter: AlertFilter) {
    active: alertCounts(filter: { statuses: [OPEN, ACKNOWLEDGED] }) {
      total
      open
      bySeverity {
        severity
        count
      }
    }
    alerts(first: $first, after: $after, filter: $filter, orderBy: { field: LAST_SEEN_AT, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...AlertTable_Alert
        }
      }
    }
  }
`);

const VIEW_LABELS: Record<string, string> = { active: 'Active (open or acknowledged)', all: 'All' };

export default async function AlertCentrePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const search = await searchParams;
  const state = parseAlertCentreParams(search);
  const result = await load(
    AlertCentreQuery,
    { first: ALERT_PAGE_SIZE, after: state.page.after, filter: alertCentreFilter(state) },
    'AlertCentre',
  );
  const now = new Date();

  return (
    <>
      <AlertsLive />
      <div className="page-header">
        <h1>Alerts</h1>
        <p className="page-header__lead">
          Drift, degraded performance, stale data, failed runs and pending promotions. New alerts appear here live.
        </p>
      </div>
      {!result.ok ? (
        <ErrorPanel info={result.error} />
      ) : (
        <>
          <div className="summary-cards" aria-label="Active alerts">
            <div className="summary-card">
              <span className="summary-card__value" data-testid="open-count">
                {result.data.active.open}
              </span>
              <span className="summary-card__label">Open</span>
            </div>
            <div className="summary-card">
              <span className="summary-card__value">{result.data.active.total - result.data.active.open}</span>
              <span className="summary-card__label">Acknowledged</span>
            </div>
            {result.data.active.bySeverity.map((s) => (
              <div key={s.severity} className="summary-card">
                <span className="summary-card__value">{s.count}</span>
                <span className="summary-card__label">{formatEnumLabel(s.severity)} (active)</span>
              </div>
            ))}
          </div>
          <section className="panel" aria-label="Alert list">
            <div className="panel__toolbar">
              <form className="filters" action="/alerts" method="get" role="search">
                {state.view !== 'active' ? <input type="hidden" name="status" value={state.view} /> : null}
                {state.severity ? <input type="hidden" name="severity" value={state.severity} /> : null}
                {state.type ? <input type="hidden" name="type" value={state.type} /> : null}
                <label className="field field--grow">
                  <span className="field__label">Search titles</span>
                  <span className="field__inline">
                    <input type="search" name="q" defaultValue={state.q} placeholder="e.g. Retail" />
                    <button type="submit" className="button">
                      Search
                    </button>
                  </span>
                </label>
              </form>
              <UrlFilters
                label="Filter alerts"
                path="/alerts"
                params={search}
                resetKeys={['after', 'trail']}
                fields={[
                  {
                    name: 'status',
                    label: 'Status',
                    value: state.view === 'active' ? null : state.view,
                    anyLabel: VIEW_LABELS.active,
                    options: STATUS_VIEWS.filter((v) => v !== 'active').map((v) => ({ value: v, label: VIEW_LABELS[v] ?? formatEnumLabel(v) })),
                  },
                  {
                    name: 'severity',
                    label: 'Severity',
                    value: state.severity,
                    anyLabel: 'Any',
                    options: ALERT_SEVERITIES.map((s) => ({ value: s, label: `${formatEnumLabel(s)} or higher` })),
                  },
                  {
                    name: 'type',
                    label: 'Type',
                    value: state.type,
                    anyLabel: 'Any',
                    options: ALERT_TYPES.map((t) => ({ value: t, label: formatEnumLabel(t) })),
                  },
                ]}
              />
            </div>
            <AlertTable
              alerts={result.data.alerts.edges.map((e) => e.node)}
              now={now}
              emptyTitle={state.view === 'active' && !state.severity && !state.type && !state.q ? 'No active alerts' : 'No alerts match these filters'}
              emptyHint={state.view === 'active' ? 'Nothing needs attention right now.' : 'Clear a filter to see more.'}
              renderActions={(alert) => <AlertActions id={alert.id} status={alert.status} title={alert.title} />}
            />
            <ConnectionPager
              label="Alert pages"
              path="/alerts"
              search={search}
              page={state.page}
              pageSize={ALERT_PAGE_SIZE}
              connection={result.data.alerts}
            />
          </section>
        </>
      )}
    </>
  );
}
