import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { MIN_COMPARE, MAX_COMPARE, parseCompareParams } from '@/features/compare/compare-params';
import { CompareView } from '@/features/compare/CompareView';
import { graphql } from '@/gql';
import { shortId } from '@/lib/ids';
import { load } from '@/lib/load';
import type { SearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Compare runs' };

const CompareRunsQuery = graphql(`
  query CompareRuns($ids: [ID!]!, $first: Int!) {
    runs(filter: { ids: $ids }, first: $first) {
      edges {
        node {
          id
          ...CompareView_Run
        }
      }
    }
  }
`);

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { ids, invalid, truncated } = parseCompareParams(await searchParams);
  // One request for the whole selection (the API batches the nested fields); runs keep the URL's order.
  const result = ids.length ? await load(CompareRunsQuery, { ids, first: ids.length }, 'CompareRuns') : null;
  const byId = new Map(result?.ok ? result.data.runs.edges.map((e) => [e.node.id, e.node] as const) : []);
  const runs = ids.flatMap((id) => byId.get(id) ?? []);
  const missing = result?.ok ? ids.filter((id) => !byId.has(id)) : [];

  return (
    <>
      <Breadcrumbs items={[{ href: '/?tab=runs', label: 'Runs' }, { label: 'Compare' }]} />
      <div className="page-header">
        <h1>Compare runs</h1>
        <p className="page-header__lead">
          Params and final metrics side by side, curves overlaid and evaluation statuses, for {MIN_COMPARE} to {MAX_COMPARE} runs. Pick
          runs in any runs table; the selection is in the URL.
        </p>
      </div>
      <div className="stack">
        {invalid.length ? (
          <p className="notice notice--warning" role="status">
            Ignored {invalid.length === 1 ? 'a value that is not a run id' : `${invalid.length} values that are not run ids`}:{' '}
            <code>{invalid.slice(0, 5).join(', ')}</code>
          </p>
        ) : null}
        {truncated ? (
          <p className="notice notice--warning" role="status">
            Only the first {MAX_COMPARE} runs are compared.
          </p>
        ) : null}
        {result && !result.ok ? <ErrorPanel info={result.error} /> : null}
        {missing.length ? (
          <p className="notice notice--warning" role="status">
            {missing.length === 1 ? 'A run was' : `${missing.length} runs were`} not found in this workspace:{' '}
            <code>{missing.slice(0, 5).map(shortId).join(', ')}</code>
          </p>
        ) : null}
        {runs.length < MIN_COMPARE ? (
          <EmptyState title={runs.length === 0 ? 'No runs selected' : 'Pick at least one more run'}>
            Select runs with the checkboxes of a runs table (<Link href="/?tab=runs">all runs</Link> or a model&apos;s runs), then press
            Compare.
          </EmptyState>
        ) : (
          <CompareView runs={runs} />
        )}
      </div>
    </>
  );
}
