import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { DetailSection } from '@/components/DetailSection';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { Pager } from '@/components/Pager';
import { StatusBadge } from '@/components/StatusBadge';
import { TimeFact } from '@/components/TimeFact';
import { UrlFilters } from '@/components/UrlFilters';
import { AlertTable } from '@/features/alerts/AlertTable';
import { loadModelComparisons, ModelAbTestsSection, ModelExperimentsSection } from '@/features/abtests/ModelComparisonSections';
import { ArenaPanel } from '@/features/arena/ArenaPanel';
import { DriftSection, loadDrift } from '@/features/drift/DriftSection';
import { ModelActions } from '@/features/models/ModelActions';
import { ModelLive } from '@/features/models/ModelLive';
import {
  parseModelPageParams,
  RUN_PAGE_SIZES,
  RUN_PREFIX,
  SNAPSHOT_WINDOWS,
  snapshotLast,
} from '@/features/models/model-page-params';
import { loadMonitoring, MonitoringSection } from '@/features/monitoring/MonitoringSection';
import { loadPredictions, PredictionsSection } from '@/features/predictions/PredictionsSection';
import { PREDICTION_WINDOW_LABELS, PREDICTION_WINDOWS } from '@/features/predictions/prediction-view';
import { QueueRunForm } from '@/features/runs/QueueRunForm';
import { RunTable } from '@/features/runs/RunTable';
import { loadModelSchedules, RetrainingSection, SchedulesSection } from '@/features/schedules/ModelScheduleSections';
import { graphql } from '@/gql';
import { RUN_STATUSES, RUN_TYPES } from '@/lib/enums';
import { formatEnumLabel } from '@/lib/format';
import { formatPercent } from '@/lib/format-number';
import { shortId } from '@/lib/ids';
import { mapWithConcurrency } from '@/lib/concurrency';
import { loadUncached } from '@/features/monitoring/load-uncached';
import type { SearchParams } from '@/lib/search-params';
import { cursorHrefs, hrefWith } from '@/lib/url-state';
import { EvaluationSection, loadEvaluationHistory } from './EvaluationSection';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Model' };

const ModelPageQuery = graphql(`
  query ModelPage(
    $id: ID!
    $runsFirst: Int!
    $runsAfter: String
    $runFilter: RunFilter
    $runOrder: RunOrder
  ) {
    model(id: $id) {
      id
      name
      description
      owner
      status
      family
      createdAt
      updatedAt
      version
      arenaEntry {
        id
        role
        trafficWeight
        arena {
          id
          name
          description
          policy {
            requireNotFail
            criteria {
              metric
              direction
              minRelativeImprovement
              notWorse
            }
          }
          entries {
            id
            role
            trafficWeight
            pendingSince
            model {
              id
              name
              status
            }
          }
        }
      }
      recipe {
        id
        name
        level
        status
        attachedPacks {
          id
          version
          pack {
            id
            name
          }
        }
      }
      recipeVersion {
        id
        version
      }
      latestEvaluation {
        id
        status
        summary
      }
      allRuns: runs(first: 0) {
        totalCount
      }
      runs(first: $runsFirst, after: $runsAfter, filter: $runFilter, orderBy: $runOrder) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            ...RunTable_Run
          }
        }
      }
      alerts {
        id
        status
        ...AlertTable_Alert
      }
    }
    arenas(first: 100) {
      edges {
        node {
          id
          name
          family
        }
      }
    }
  }
`);

const PromotionDecisionQuery = graphql(`
  query PromotionDecision($arenaId: ID!, $challengerId: ID!) {
    evaluatePromotion(arenaId: $arenaId, challengerId: $challengerId) {
      promote
      reasons
      challengerLatestStatus
      criteria {
        metric
        direction
        required
        championValue
        challengerValue
        relativeImprovement
        met
      }
    }
  }
`);

const WINDOW_LABELS: Record<string, string> = {
  '50': 'Last 50 snapshots',
  '200': 'Last 200 snapshots',
  '1000': 'Last 1,000 snapshots',
  all: 'All snapshots',
};

export default async function ModelPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { id } = await params;
  const search = await searchParams;
  const state = parseModelPageParams(search);
  const path = `/models/${id}`;
  // The monitoring query starts now, alongside the page's own; each section streams in when its
  // data is there. The evaluation history (every run evaluation of the model: the heaviest of the
  // three for the API) is asked for once those two are answered, so that it does not slow down
  // the page and its charts; its section streams in a moment later.
  const monitoring = loadMonitoring(id, snapshotLast(state.window));
  // Schedules and the retraining log: a small answer, asked for alongside; so are the drift
  // section's reference profiles and newest computed sample, the prediction logs' stats, and the
  // model's A/B tests and experiments. Each section streams in when its own answer is there.
  const schedules = loadModelSchedules(id);
  const drift = loadDrift(id);
  const predictions = loadPredictions(id, state.predictionWindow);
  const comparisons = loadModelComparisons(id);
  const page = loadUncached(
    ModelPageQuery,
    {
      id,
      runsFirst: state.runSize,
      runsAfter: state.runPage.after,
      runFilter: { statuses: state.runStatus ? [state.runStatus] : undefined, type: state.runType ?? undefined },
      runOrder: { field: state.runSort, direction: state.runDir },
    },
    'ModelPage',
  );
  const evaluationHistory = Promise.all([page, monitoring]).then(([core]) =>
    core.ok && core.data.model ? loadEvaluationHistory(id) : null,
  );
  const result = await page;
  const now = new Date();

  if (!result.ok || !result.data.model) {
    return (
      <>
        <Breadcrumbs items={[{ href: '/?tab=models', label: 'Models' }, { label: shortId(id) }]} />
        <div className="page-header">
          <h1>Model</h1>
        </div>
        {result.ok ? (
          <EmptyState title="This model does not exist in this workspace" />
        ) : (
          <ErrorPanel info={result.error} />
        )}
      </>
    );
  }

  const model = result.data.model;
  const arena = model.arenaEntry?.arena ?? null;
  // Champion vs challenger: the champion's page compares it with each challenger; a challenger's
  // or shadow's page compares it with the champion.
  const challengers = arena
    ? model.arenaEntry?.role === 'CHAMPION'
      ? arena.entries.filter((e) => e.role !== 'CHAMPION').map((e) => e.model.id)
      : [model.id]
    : [];
  const decisionResults = arena
    ? await mapWithConcurrency(challengers, 4, (challengerId) =>
        loadUncached(PromotionDecisionQuery, { arenaId: arena.id, challengerId }, 'PromotionDecision').then((r) => ({ challengerId, r })),
      )
    : [];
  const decisions = decisionResults.flatMap(({ challengerId, r }) => (r.ok ? [{ challengerId, ...r.data.evaluatePromotion }] : []));
  const decisionErrors = decisionResults.flatMap(({ r }) => (r.ok ? [] : [r.error]));
  const openAlerts = model.alerts.filter((a) => a.status === 'OPEN').length;
  const runLinks = cursorHrefs(path, search, state.runPage, model.runs.pageInfo, RUN_PREFIX);
  const runResetKeys = [`${RUN_PREFIX}after`, `${RUN_PREFIX}trail`];
  const shownRuns = model.runs.edges.length;

  return (
    <>
      <ModelLive modelId={model.id} />
      <Breadcrumbs items={[{ href: '/?tab=models', label: 'Models' }, { label: model.name }]} />
      <div className="page-header page-header--detail">
        <div>
          <div className="page-header__title">
            <h1>{model.name}</h1>
            <StatusBadge status={model.status} />
          </div>
          <p className="page-header__lead">{model.description || 'No description.'}</p>
        </div>
        <div className="header-actions">
          <QueueRunForm target={{ modelId: model.id }} subject={model.name} />
          <ModelActions
            id={model.id}
            status={model.status}
            version={model.version}
            name={model.name}
            owner={model.owner}
            description={model.description}
          />
        </div>
      </div>
      <nav className="section-nav" aria-label="Sections">
        <a href="#overview">Overview</a>
        <a href="#arena">Arena{model.arenaEntry ? ` (${formatEnumLabel(model.arenaEntry.role).toLowerCase()})` : ''}</a>
        <a href="#runs">Runs ({model.allRuns.totalCount})</a>
        <a href="#schedules">Schedules</a>
        <a href="#retraining">Retraining</a>
        <a href="#evaluation">Evaluation</a>
        <a href="#monitoring">Monitoring</a>
        <a href="#drift">Drift</a>
        <a href="#predictions">Predictions</a>
        <a href="#ab-tests">A/B tests</a>
        <a href="#experiments">Experiments</a>
        <a href="#alerts">Alerts ({openAlerts} open)</a>
      </nav>

      <div className="stack">
        <section id="overview" className="panel detail-section" aria-labelledby="overview-heading">
          <header className="panel__header">
            <h2 id="overview-heading">Overview</h2>
          </header>
          <div className="panel__body">
            <dl className="facts">
              <div>
                <dt>Family</dt>
                <dd>{formatEnumLabel(model.family)}</dd>
              </div>
              <div>
                <dt>Recipe</dt>
                <dd>
                  <Link href={`/recipes/${model.recipe.id}`}>{model.recipe.name}</Link>{' '}
                  <span className="mono muted">v{model.recipeVersion.version}</span>
                </dd>
              </div>
              <div>
                <dt>Owner</dt>
                <dd>{model.owner || '—'}</dd>
              </div>
              <div>
                <dt>Latest evaluation</dt>
                <dd>
                  {model.latestEvaluation ? (
                    <>
                      <StatusBadge status={model.latestEvaluation.status} /> {model.latestEvaluation.summary}
                    </>
                  ) : (
                    'Not evaluated yet'
                  )}
                </dd>
              </div>
              <div>
                <dt>Evaluation packs</dt>
                <dd>
                  {model.recipe.attachedPacks.length
                    ? model.recipe.attachedPacks.map((p, i) => (
                        <span key={p.id}>
                          {i > 0 ? ', ' : null}
                          <Link href={`/packs/${p.pack.id}`}>{p.pack.name}</Link> <span className="mono muted">v{p.version}</span>
                        </span>
                      ))
                    : 'None attached'}
                </dd>
              </div>
              <TimeFact label="Registered" iso={model.createdAt} now={now} />
              <TimeFact label="Updated" iso={model.updatedAt} now={now} />
            </dl>
          </div>
        </section>

        <section id="arena" className="panel detail-section" aria-labelledby="arena-heading">
          <header className="panel__header">
            <h2 id="arena-heading">Arena</h2>
            {model.arenaEntry ? (
              <span className="panel__note">
                <StatusBadge status={model.arenaEntry.role} /> {formatPercent(model.arenaEntry.trafficWeight)} of the traffic
              </span>
            ) : null}
          </header>
          <div className="panel__body">
            {decisionErrors.length ? <ErrorPanel info={decisionErrors[0]!} /> : null}
            <ArenaPanel
              modelId={model.id}
              modelName={model.name}
              arena={arena}
              decisions={decisions}
              otherArenas={result.data.arenas.edges.map((e) => e.node).filter((a) => a.family === model.family)}
            />
          </div>
        </section>

        <section id="runs" className="panel detail-section" aria-labelledby="runs-heading">
          <header className="panel__header">
            <h2 id="runs-heading">
              Runs <span className="count">{model.runs.totalCount}</span>
            </h2>
          </header>
          <div className="panel__toolbar">
            <UrlFilters
              label="Filter runs"
              path={path}
              params={search}
              resetKeys={runResetKeys}
              fields={[
                {
                  name: 'rstatus',
                  label: 'Status',
                  value: state.runStatus,
                  anyLabel: 'All',
                  options: RUN_STATUSES.map((s) => ({ value: s, label: formatEnumLabel(s) })),
                },
                {
                  name: 'rtype',
                  label: 'Type',
                  value: state.runType,
                  anyLabel: 'All',
                  options: RUN_TYPES.map((t) => ({ value: t, label: formatEnumLabel(t) })),
                },
                {
                  name: 'rsort',
                  label: 'Sort by',
                  value: state.runSort,
                  options: [
                    { value: 'CREATED_AT', label: 'Created' },
                    { value: 'UPDATED_AT', label: 'Updated' },
                  ],
                },
                {
                  name: 'rdir',
                  label: 'Order',
                  value: state.runDir,
                  options: [
                    { value: 'DESC', label: 'Newest first' },
                    { value: 'ASC', label: 'Oldest first' },
                  ],
                },
                {
                  name: 'rsize',
                  label: 'Per page',
                  value: String(state.runSize),
                  options: RUN_PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) })),
                },
              ]}
            />
          </div>
          <RunTable
            runs={model.runs.edges.map((e) => e.node)}
            nowIso={now.toISOString()}
            showModel={false}
            emptyTitle={state.runStatus || state.runType ? 'No runs match these filters' : 'No runs yet'}
            emptyHint={
              state.runStatus || state.runType ? undefined : 'Training pipelines report runs with createRun and updateRunStatus.'
            }
            createdSort={{
              dir: state.runSort === 'CREATED_AT' ? state.runDir : null,
              href: hrefWith(path, search, {
                rsort: null,
                rdir: state.runSort === 'CREATED_AT' && state.runDir === 'DESC' ? 'ASC' : null,
                rafter: null,
                rtrail: null,
              }),
            }}
          />
          <Pager
            label="Run pages"
            pageIndex={state.runPage.index}
            pageSize={state.runSize}
            shown={shownRuns}
            totalCount={model.runs.totalCount}
            firstHref={runLinks.first}
            previousHref={runLinks.previous}
            nextHref={runLinks.next}
          />
        </section>

        <DetailSection name="schedules" anchor title="Schedules" note="The worker queues these runs when they are due." loading="Loading schedules…">
          <SchedulesSection data={schedules} now={now} />
        </DetailSection>

        <DetailSection name="retraining" anchor title="Retraining log" note="Newest first: why each retraining ran, its run, and what came of it." loading="Loading the retraining log…">
          <RetrainingSection data={schedules} now={now} />
        </DetailSection>

        <DetailSection name="evaluation" anchor title="Evaluation results" note="Latest result per pack; earlier results below each." body loading="Loading evaluation results…">
          <EvaluationSection data={evaluationHistory} now={now} />
        </DetailSection>

        <DetailSection
          name="monitoring"
          anchor
          title="Monitoring"
          aside={
            <UrlFilters
              label="Monitoring window"
              path={path}
              params={search}
              fields={[
                {
                  name: 'window',
                  label: 'Window',
                  value: state.window,
                  options: SNAPSHOT_WINDOWS.map((w) => ({ value: w, label: WINDOW_LABELS[w] ?? w })),
                },
              ]}
            />
          }
          body
          loading="Loading monitoring snapshots…"
          loadingKey={state.window}
        >
          <MonitoringSection data={monitoring} />
        </DetailSection>

        <DetailSection name="drift" anchor title="Drift" note="Each feature against its reference distribution." body loading="Loading drift…" loadingKey={state.window}>
          <DriftSection data={drift} monitoring={monitoring} now={now} />
        </DetailSection>

        <DetailSection
          name="predictions"
          anchor
          title="Predictions"
          aside={
            <UrlFilters
              label="Prediction window"
              path={path}
              params={search}
              fields={[
                {
                  name: 'pwin',
                  label: 'Window (to the newest prediction)',
                  value: state.predictionWindow,
                  options: PREDICTION_WINDOWS.map((w) => ({ value: w, label: PREDICTION_WINDOW_LABELS[w] })),
                },
              ]}
            />
          }
          body
          loading="Loading prediction statistics…"
          loadingKey={state.predictionWindow}
        >
          <PredictionsSection data={predictions} now={now} />
        </DetailSection>

        <DetailSection name="ab-tests" anchor title="A/B tests" aside={<Link href={`/ab-tests?model=${model.id}`}>All A/B tests of this model →</Link>} loading="Loading A/B tests…">
          <ModelAbTestsSection data={comparisons} now={now} />
        </DetailSection>

        <DetailSection name="experiments" anchor title="Experiments" aside={<Link href="/experiments">Experiments board →</Link>} loading="Loading experiments…">
          <ModelExperimentsSection data={comparisons} now={now} />
        </DetailSection>

        <section id="alerts" className="panel detail-section" aria-labelledby="alerts-heading">
          <header className="panel__header">
            <h2 id="alerts-heading">
              Alerts <span className="count">{model.alerts.length}</span>
            </h2>
            <Link href={`/alerts`}>Alert centre →</Link>
          </header>
          <AlertTable alerts={model.alerts} now={now} showModel={false} emptyTitle="No alerts for this model" />
        </section>
      </div>
    </>
  );
}
