import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { MIN_COMPARE, MAX_COMPARE, parseCompareParams } from '@/features/compare/compare-params';
import { CompareView } from '@/features/compare/CompareView';
import { graphql } from '@/gql';
import { shortId } from '@/lib/ids';
import { mapWithConcurrency } from '@/lib/concurrency';
import { load } from '@/lib/load';
import type { SearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Compare runs' };

const CompareRunQuery = graphql(`
  query CompareRun($id: ID!) {
    run(id: $id) {
      id
      ...CompareView_Run
    }
  }
`);

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { ids, invalid, truncated } = parseCompareParams(await searchParams);
  // One request per run, a few at a time: the API has no "runs by ids" query, and one
  // query with 100 aliases would exceed its alias limit (20).
  const results = await mapWithConcurrency(ids, 8, (id) => load(CompareRunQuery, { id }, 'CompareRun'));
  const runs = results.flatMap((r) => (r.ok && r.data.run ? [r.data.run] : []));
  const failed = results.flatMap((r, i) => (r.ok ? [] : [{ id: ids[i]!, error: r.error }]));

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
        {failed.length ? (
          <ErrorPanel
            info={{
              kind: failed[0]!.error.kind,
              title: `${failed.length} of ${ids.length} runs could not be loaded`,
              problems: failed.flatMap((f) => f.error.problems.map((p) => ({ ...p, path: p.path ?? `run ${shortId(f.id)}` }))),
            }}
          />
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
