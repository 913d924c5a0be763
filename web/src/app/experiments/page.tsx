import type { Metadata } from 'next';
import Link from 'next/link';
import { ConnectionPager, type PagedConnection } from '@/components/ConnectionPager';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
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
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import type { ExperimentStatus } from '@/gql/graphql';
import type { ExperimentCard_ExperimentFragment } from '@/features/experiments/ExperimentCard';
import { EXPERIMENT_STATUSES } from '@/lib/enums';
import { load } from '@/lib/load';
import type { SearchParams } from '@/lib/search-params';
import { hrefWith } from '@/lib/url-state';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Experiments' };

/** The cards of one board column; the board asks for each status's first ones under an alias. */
const ExperimentBoardColumnFragment = graphql(`
  fragment ExperimentBoard_Column on ExperimentConnection {
    edges {
      node {
        id
        ...ExperimentCard_Experiment
      }
    }
  }
`);

/** What both views need besides the cards: counts per status and the models a proposal can name. */
const ExperimentBoardContextFragment = graphql(`
  fragment ExperimentBoard_Context on Query {
    experimentCounts(filter: { search: $search }) {
      total
      byStatus {
        status
        count
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

/** The board: counts per status and the first cards of every column, in one request. */
const ExperimentBoardQuery = graphql(`
  query ExperimentBoard($search: String, $first: Int!) {
    ...ExperimentBoard_Context
    PROPOSED: experiments(first: $first, filter: { statuses: [PROPOSED], search: $search }) {
      ...ExperimentBoard_Column
    }
    APPROVED: experiments(first: $first, filter: { statuses: [APPROVED], search: $search }) {
      ...ExperimentBoard_Column
    }
    IN_PROGRESS: experiments(first: $first, filter: { statuses: [IN_PROGRESS], search: $search }) {
      ...ExperimentBoard_Column
    }
    SHADOW_TESTING: experiments(first: $first, filter: { statuses: [SHADOW_TESTING], search: $search }) {
      ...ExperimentBoard_Column
    }
    COMPLETED: experiments(first: $first, filter: { statuses: [COMPLETED], search: $search }) {
      ...ExperimentBoard_Column
    }
    REJECTED: experiments(first: $first, filter: { statuses: [REJECTED], search: $search }) {
      ...ExperimentBoard_Column
    }
  }
`);

/** One column as a paged list (`?status=`). */
const ExperimentColumnQuery = graphql(`
  query ExperimentColumn($status: ExperimentStatus!, $search: String, $first: Int!, $after: String) {
    ...ExperimentBoard_Context
    experiments(first: $first, after: $after, filter: { statuses: [$status], search: $search }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      ...ExperimentBoard_Column
    }
  }
`);

type Card = FragmentType<typeof ExperimentCard_ExperimentFragment> & { id: string };

function cardsOf(column: FragmentType<typeof ExperimentBoardColumnFragment>): Card[] {
  return getFragmentData(ExperimentBoardColumnFragment, column).edges.map((e) => e.node);
}

/** The page's view of either query: counts, the columns with their cards, the paged connection (one column only) and the models. */
function boardView(
  data: FragmentType<typeof ExperimentBoardContextFragment>,
  cards: Partial<Record<ExperimentStatus, Card[]>>,
  only: ExperimentStatus | null = null,
  connection: PagedConnection | null = null,
) {
  const context = getFragmentData(ExperimentBoardContextFragment, data);
  return {
    ok: true as const,
    counts: context.experimentCounts,
    columns: buildBoard<Card>(context.experimentCounts.byStatus, cards, only),
    connection,
    models: context.models.edges.map((e) => e.node),
  };
}

export default async function ExperimentBoardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const search = await searchParams;
  const state = parseExperimentBoardParams(search);
  const now = new Date();
  const searchVar = state.q || undefined;

  const view = state.status
    ? await load(ExperimentColumnQuery, { status: state.status, search: searchVar, first: COLUMN_PAGE_SIZE, after: state.page.after }, 'ExperimentColumn').then(
        (r) => {
          if (!r.ok) return r;
          const cards = cardsOf(r.data.experiments);
          return boardView(r.data, { [state.status!]: cards }, state.status, { ...r.data.experiments, edges: cards });
        },
      )
    : await load(ExperimentBoardQuery, { search: searchVar, first: BOARD_CARDS }, 'ExperimentBoard').then((r) =>
        r.ok ? boardView(r.data, Object.fromEntries(EXPERIMENT_STATUSES.map((status) => [status, cardsOf(r.data[status])]))) : r,
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
            <ConnectionPager
              label="Experiment pages"
              path="/experiments"
              search={search}
              page={state.page}
              pageSize={COLUMN_PAGE_SIZE}
              connection={view.connection}
            />
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
