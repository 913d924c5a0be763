import type { Metadata } from 'next';
import { ConnectionPager } from '@/components/ConnectionPager';
import { ErrorPanel } from '@/components/ErrorPanel';
import { UrlFilters } from '@/components/UrlFilters';
import { AB_TEST_PAGE_SIZE, parseAbTestListParams } from '@/features/abtests/ab-test-view';
import { AbTestsLive } from '@/features/abtests/AbTestsLive';
import { AbTestTable } from '@/features/abtests/AbTestTable';
import { StartAbTestForm } from '@/features/abtests/StartAbTestForm';
import { graphql } from '@/gql';
import { AB_TEST_STATUSES } from '@/lib/enums';
import { formatEnumLabel } from '@/lib/format';
import { load } from '@/lib/load';
import type { SearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'A/B tests' };

const AbTestListQuery = graphql(`
  query AbTestList($first: Int!, $after: String, $filter: AbTestFilter) {
    abTests(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...AbTestTable_AbTest
        }
      }
    }
    models(first: 500, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export default async function AbTestListPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const search = await searchParams;
  const state = parseAbTestListParams(search);
  const result = await load(
    AbTestListQuery,
    {
      first: AB_TEST_PAGE_SIZE,
      after: state.page.after,
      filter: { status: state.status ?? undefined, modelId: state.modelId ?? undefined },
    },
    'AbTestList',
  );
  const now = new Date();
  const filtered = !!(state.status || state.modelId);

  return (
    <>
      <AbTestsLive />
      <div className="page-header page-header--detail">
        <div>
          <h1>A/B tests</h1>
          <p className="page-header__lead">
            Two models over a traffic split, compared on one metric: each arm&apos;s estimate, the difference with its confidence interval, the
            p-value and the winner. Results update live as observations arrive.
          </p>
        </div>
        <div className="header-actions">{result.ok ? <StartAbTestForm models={result.data.models.edges.map((e) => e.node)} /> : null}</div>
      </div>
      {!result.ok ? (
        <ErrorPanel info={result.error} />
      ) : (
        <section className="panel" aria-label="A/B test list">
          <div className="panel__toolbar">
            <UrlFilters
              label="Filter A/B tests"
              path="/ab-tests"
              params={search}
              resetKeys={['after', 'trail']}
              fields={[
                {
                  name: 'status',
                  label: 'Status',
                  value: state.status,
                  anyLabel: 'Any',
                  options: AB_TEST_STATUSES.map((s) => ({ value: s, label: formatEnumLabel(s) })),
                },
                {
                  name: 'model',
                  label: 'Model (either arm)',
                  value: state.modelId,
                  anyLabel: 'Any',
                  options: result.data.models.edges.map((e) => ({ value: e.node.id, label: e.node.name })),
                },
              ]}
            />
          </div>
          <AbTestTable
            tests={result.data.abTests.edges.map((e) => e.node)}
            now={now}
            emptyTitle={filtered ? 'No A/B tests match these filters' : 'No A/B tests yet'}
            emptyHint={filtered ? 'Clear a filter to see more.' : 'Start one with startAbTest and record observations per arm with recordAbObservations.'}
          />
          <ConnectionPager
            label="A/B test pages"
            path="/ab-tests"
            search={search}
            page={state.page}
            pageSize={AB_TEST_PAGE_SIZE}
            connection={result.data.abTests}
          />
        </section>
      )}
    </>
  );
}
