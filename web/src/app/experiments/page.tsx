import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { Pager } from '@/components/Pager';
import { StatusBadge } from '@/components/StatusBadge';
import { ExperimentCard } from '@/features/experiments/ExperimentCard';
import {
  BOARD_CARDS,
  type BoardColumn,
  buildBoard,
  COLUMN_PAGE_SIZE,
  type ExperimentBoardState,
  parseExperimentBoardParams,
} from '@/features/experiments/experiment-workflow';
import { ExperimentsLive } from '@/features/experiments/ExperimentsLive';
import { ProposeExperimentForm } from '@/features/experiments/ProposeExperimentForm';
import { type FragmentType, graphql } from '@/gql';
import type { ExperimentCard_ExperimentFragment } from '@/features/experiments/ExperimentCard';
import { load } from '@/lib/load';
import type { SearchParams } from '@/lib/search-params';
import { cursorHrefs, hrefWith } from '@/lib/url-state';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Experiments' };

/** The board: counts per status and the first cards of every column, in one request. */
const ExperimentBoardQuery = graphql(`
  query ExperimentBoard($search: String, $first: Int!) {
    experimentCounts(filter: { search: $search }) {
      total
      byStatus {
        status
        count
      }
    }
    PROPOSED: experiments(first: $first, filter: { statuses: [PROPOSED], search: $search }) {
      edges {
        node {
          id
          ...ExperimentCard_Experiment
        }
      }
    }
    APPROVED: experiments(first: $first, filter: { statuses: [APPROVED], search: $search }) {
      edges {
        node {
          id
          ...ExperimentCard_Experiment
        }
      }
    }
    IN_PROGRESS: experiments(first: $first, filter: { statuses: [IN_PROGRESS], search: $search }) {
      edges {
        node {
          id
          ...ExperimentCard_Experiment
        }
      }
    }
    SHADOW_TESTING: experiments(first: $first, filter: { statuses: [SHADOW_TESTING], search: $search }) {
      edges {
        node {
          id
          ...ExperimentCard_Experiment
        }
      }
    }
    COMPLETED: experiments(first: $first, filter: { statuses: [COMPLETED], search: $search }) {
      edges {
        node {
          id
          ...ExperimentCard_Experiment
        }
      }
    }
    REJECTED: experiments(first: $first, filter: { statuses: [REJECTED], search: $search }) {
      edges {
        node {
          id
          ...ExperimentCard_Experiment
        }
      }
    }
    models(first: 500, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          status
        }
      }
    }
  }
`);

/** One column as a paged list (`?status=`). */
const ExperimentColumnQuery = graphql(`
  query ExperimentColumn($status: ExperimentStatus!, $search: String, $first: Int!, $after: String) {
    experimentCounts(filter: { search: $search }) {
      total
      byStatus {
        status
        count
      }
    }
    experiments(first: $first, after: $after, filter: { statuses: [$status], search: $search }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ExperimentCard_Experiment
        }
      }
    }
    models(first: 500, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          status
        }
      }
    }
  }
`);

type Card = FragmentType<typeof ExperimentCard_ExperimentFragment> & { id: string };

export default async function ExperimentBoardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const search = await searchParams;
  const state = parseExperimentBoardParams(search);
  const now = new Date();
  const searchVar = state.q || undefined;

  const view = state.status
    ? await load(ExperimentColumnQuery, { status: state.status, search: searchVar, first: COLUMN_PAGE_SIZE, after: state.page.after }, 'ExperimentColumn').then(
        (r) =>
          r.ok
            ? {
                ok: true as const,
                counts: r.data.experimentCounts,
                columns: buildBoard<Card>(r.data.experimentCounts.byStatus, { [state.status!]: r.data.experiments.edges.map((e) => e.node) }, state.status),
                connection: r.data.experiments,
                models: r.data.models.edges.map((e) => e.node),
              }
            : r,
      )
    : await load(ExperimentBoardQuery, { search: searchVar, first: BOARD_CARDS }, 'ExperimentBoard').then((r) =>
        r.ok
          ? {
              ok: true as const,
              counts: r.data.experimentCounts,
              columns: buildBoard<Card>(r.data.experimentCounts.byStatus, {
                PROPOSED: r.data.PROPOSED.edges.map((e) => e.node),
                APPROVED: r.data.APPROVED.edges.map((e) => e.node),
                IN_PROGRESS: r.data.IN_PROGRESS.edges.map((e) => e.node),
                SHADOW_TESTING: r.data.SHADOW_TESTING.edges.map((e) => e.node),
                COMPLETED: r.data.COMPLETED.edges.map((e) => e.node),
                REJECTED: r.data.REJECTED.edges.map((e) => e.node),
              }),
              connection: null,
              models: r.data.models.edges.map((e) => e.node),
            }
          : r,
      );

  return (
    <>
      <ExperimentsLive />
      <div className="page-header page-header--detail">
        <div>
          <h1>Experiments</h1>
          <p className="page-header__lead">
            Hypotheses about models, from proposal to decision: approve, run, shadow-test, then adopt or reject. The board updates live.
          </p>
        </div>
        <div className="header-actions">{view.ok ? <ProposeExperimentForm models={view.models} /> : null}</div>
      </div>
      {!view.ok ? (
        <ErrorPanel info={view.error} />
      ) : (
        <section className="panel" aria-label="Experiments board">
          <div className="panel__toolbar">
            <form className="filters" action="/experiments" method="get" role="search">
              {state.status ? <input type="hidden" name="status" value={state.status} /> : null}
              <label className="field field--grow">
                <span className="field__label">Search names and hypotheses</span>
                <span className="field__inline">
                  <input type="search" name="q" defaultValue={state.q} placeholder="e.g. promotions" />
                  <button type="submit" className="button">
                    Search
                  </button>
                </span>
              </label>
            </form>
            {state.status || state.q ? (
              <Link href={hrefWith('/experiments', search, { status: null, q: null, after: null, trail: null })}>← The whole board</Link>
            ) : null}
          </div>
          <div className="panel__body">
            {view.counts.total === 0 && !state.q ? (
              <EmptyState title="No experiments yet">
                Propose one: a hypothesis about a model, the metric it should move and by how much.
              </EmptyState>
            ) : null}
            <Board columns={view.columns} now={now} state={state} search={search} />
          </div>
          {view.connection && state.status ? (
            <ColumnPager search={search} state={state} connection={view.connection} />
          ) : null}
        </section>
      )}
    </>
  );
}

function Board({
  columns,
  now,
  state,
  search,
}: {
  columns: BoardColumn<Card>[];
  now: Date;
  state: ExperimentBoardState;
  search: SearchParams;
}) {
  return (
    <div className={state.status ? 'board board--single' : 'board'} data-testid="experiment-board">
      {columns.map((column) => (
        <section key={column.status} className="board__column" aria-label={`${column.label} experiments`} data-status={column.status}>
          <header className="board__header">
            <h2 className="board__title">
              <span>
                <StatusBadge status={column.status} />
              </span>
              <span className="count" data-testid="column-count">
                {column.count}
              </span>
            </h2>
            <span className="board__hint">{column.hint}</span>
          </header>
          {column.cards.length ? (
            <ul className="board__cards">
              {column.cards.map((card) => (
                <ExperimentCard key={card.id} experiment={card} now={now} />
              ))}
            </ul>
          ) : (
            <p className="board__empty">{state.q ? 'None match the search.' : 'None.'}</p>
          )}
          {!state.status && column.hidden > 0 ? (
            <p className="board__more">
              <Link href={hrefWith('/experiments', search, { status: column.status, after: null, trail: null })}>
                {column.hidden} more — show all {column.count}
              </Link>
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}

function ColumnPager({
  search,
  state,
  connection,
}: {
  search: SearchParams;
  state: ExperimentBoardState;
  connection: { totalCount: number; edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
}) {
  const links = cursorHrefs('/experiments', search, state.page, connection.pageInfo);
  return (
    <Pager
      label="Experiment pages"
      pageIndex={state.page.index}
      pageSize={COLUMN_PAGE_SIZE}
      shown={connection.edges.length}
      totalCount={connection.totalCount}
      firstHref={links.first}
      previousHref={links.previous}
      nextHref={links.next}
    />
  );
}
