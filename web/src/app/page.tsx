import type { Metadata } from 'next';
import { ErrorPanel } from '@/components/ErrorPanel';
import { Pager } from '@/components/Pager';
import { AlertActions } from '@/features/alerts/AlertActions';
import { AlertTable } from '@/features/alerts/AlertTable';
import { PackTable } from '@/features/evaluation/PackTable';
import { LibraryFilters } from '@/features/library/LibraryFilters';
import {
  firstPageHref,
  isFiltered,
  type LibraryState,
  type LibraryTab,
  nextPageHref,
  parseLibraryParams,
  previousPageHref,
  TAB_LABELS,
} from '@/features/library/library-params';
import { LibraryTabs } from '@/features/library/LibraryTabs';
import { ModelTable } from '@/features/models/ModelTable';
import { RecipeTable } from '@/features/recipes/RecipeTable';
import { RunTable } from '@/features/runs/RunTable';
import type { LibraryPageQuery } from '@/gql/graphql';
import { LibraryPageQueryDoc, libraryVariables } from '@/features/library/library-query';
import { load } from '@/lib/load';
import type { SearchParams } from '@/lib/search-params';

// Rendered per request: the data is live, and the API need not be up at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Library' };

type Connection = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };

function activeConnection(data: LibraryPageQuery, tab: LibraryTab): Connection | null | undefined {
  switch (tab) {
    case 'recipes':
      return data.recipes;
    case 'models':
      return data.models;
    case 'runs':
      return data.runs;
    case 'packs':
      return data.evaluationPacks;
    case 'alerts':
      return data.alerts;
  }
}

export default async function LibraryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const state = parseLibraryParams(await searchParams);
  const result = await load(LibraryPageQueryDoc, libraryVariables(state), 'LibraryPage');
  const now = new Date();
  const filtered = isFiltered(state);

  return (
    <>
      <div className="page-header">
        <h1>Library</h1>
        <p className="page-header__lead">
          Recipes, the models registered from them, their runs, the evaluation packs that gate them and the alerts
          they raise.
        </p>
      </div>
      {!result.ok ? (
        <>
          <LibraryTabs state={state} counts={{}} />
          <ErrorPanel info={result.error} />
        </>
      ) : (
        <>
          <LibraryTabs
            state={state}
            counts={{
              recipes: result.data.recipeCount.totalCount,
              models: result.data.modelCount.totalCount,
              runs: result.data.runCount.totalCount,
              packs: result.data.packCount.totalCount,
              alerts: result.data.alertCount.totalCount,
              [state.tab]: activeConnection(result.data, state.tab)?.totalCount,
            }}
          />
          <section className="panel" aria-label={TAB_LABELS[state.tab]}>
            <div className="panel__toolbar">
              <LibraryFilters state={state} />
            </div>
            <TabBody state={state} data={result.data} now={now} filtered={filtered} />
            <LibraryPager state={state} connection={activeConnection(result.data, state.tab)} />
          </section>
        </>
      )}
    </>
  );
}

function TabBody({ state, data, now, filtered }: { state: LibraryState; data: LibraryPageQuery; now: Date; filtered: boolean }) {
  switch (state.tab) {
    case 'recipes':
      return <RecipeTable recipes={data.recipes?.edges.map((e) => e.node) ?? []} now={now} filtered={filtered} />;
    case 'models':
      return <ModelTable models={data.models?.edges.map((e) => e.node) ?? []} now={now} filtered={filtered} />;
    case 'runs':
      return (
        <RunTable
          runs={data.runs?.edges.map((e) => e.node) ?? []}
          nowIso={now.toISOString()}
          emptyTitle={filtered ? 'No runs match these filters' : 'No runs yet'}
          emptyHint={filtered ? 'Clear a filter to see more.' : 'Runs are reported by training pipelines through the API.'}
        />
      );
    case 'packs':
      return (
        <PackTable
          packs={data.evaluationPacks?.edges.map((e) => e.node) ?? []}
          now={now}
          emptyTitle={filtered ? 'No evaluation packs match these filters' : 'No evaluation packs yet'}
        />
      );
    case 'alerts':
      return (
        <AlertTable
          alerts={data.alerts?.edges.map((e) => e.node) ?? []}
          now={now}
          emptyTitle={filtered ? 'No alerts match these filters' : 'No alerts'}
          emptyHint={filtered ? 'Clear a filter to see more.' : 'Nothing needs attention.'}
          renderActions={(alert) => <AlertActions id={alert.id} status={alert.status} title={alert.title} />}
        />
      );
  }
}

function LibraryPager({ state, connection }: { state: LibraryState; connection: Connection | null | undefined }) {
  if (!connection) return null;
  const pageIndex = state.after ? state.trail.length + 1 : 0;
  const shownOnPage = Math.max(0, Math.min(state.size, connection.totalCount - pageIndex * state.size));
  return (
    <Pager
      pageIndex={pageIndex}
      pageSize={state.size}
      shown={shownOnPage}
      totalCount={connection.totalCount}
      firstHref={firstPageHref(state)}
      previousHref={previousPageHref(state)}
      nextHref={connection.pageInfo.hasNextPage && connection.pageInfo.endCursor ? nextPageHref(state, connection.pageInfo.endCursor) : null}
    />
  );
}
