import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { DetailSection } from '@/components/DetailSection';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { TableSection } from '@/components/TableSection';
import { TimeFact } from '@/components/TimeFact';
import { formatInterval, pText } from '@/features/abtests/ab-test-view';
import { ExperimentActions } from '@/features/experiments/ExperimentActions';
import { buildTimeline, formatRelativeChange } from '@/features/experiments/experiment-workflow';
import { ExperimentsLive } from '@/features/experiments/ExperimentsLive';
import { graphql } from '@/gql';
import { formatDateTime, formatEnumLabel } from '@/lib/format';
import { formatMetric, formatPercent } from '@/lib/format-number';
import { shortId } from '@/lib/ids';
import { load } from '@/lib/load';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Experiment' };

const ExperimentPageQuery = graphql(`
  query ExperimentPage($id: ID!) {
    experiment(id: $id) {
      id
      name
      status
      hypothesis
      description
      targetMetric
      expectedImprovement
      owner
      createdAt
      updatedAt
      decision
      rationale
      resultsSummary
      completedAt
      completedBy
      results {
        metric
        baseline
        observed
        relativeChange
        note
      }
      models {
        role
        linkedAt
        model {
          id
          name
          status
          family
        }
      }
      runs {
        id
        type
        status
        createdAt
        model {
          id
          name
        }
      }
      abTests {
        id
        name
        status
        metric
        kind
        result {
          winner
          pValue
          difference
          ciLow
          ciHigh
        }
      }
      adoptions {
        outcome
        model {
          id
          name
        }
        arena {
          id
          name
        }
      }
    }
    auditEvents(first: 200, filter: { subjectType: "Experiment", subjectId: $id }) {
      edges {
        node {
          id
          action
          actor
          createdAt
          reason
          before
          after
        }
      }
    }
  }
`);

const ADOPTION_TEXT: Readonly<Record<string, string>> = {
  PROMOTED_TO_CHAMPION: 'promoted to champion',
  ALREADY_CHAMPION: 'already the champion',
  MOVED_TO_PRODUCTION: 'moved to production',
  ALREADY_PRODUCTION: 'already in production',
};

export default async function ExperimentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await load(ExperimentPageQuery, { id }, 'ExperimentPage');
  const now = new Date();

  if (!result.ok || !result.data.experiment) {
    return (
      <>
        <Breadcrumbs items={[{ href: '/experiments', label: 'Experiments' }, { label: shortId(id) }]} />
        <div className="page-header">
          <h1>Experiment</h1>
        </div>
        {result.ok ? <EmptyState title="This experiment does not exist in this workspace" /> : <ErrorPanel info={result.error} />}
      </>
    );
  }

  const experiment = result.data.experiment;
  const timeline = buildTimeline(result.data.auditEvents.edges.map((e) => e.node));
  const candidates = experiment.models.filter((m) => m.role === 'CANDIDATE').map((m) => m.model);

  return (
    <>
      <ExperimentsLive id={experiment.id} />
      <Breadcrumbs items={[{ href: '/experiments', label: 'Experiments' }, { label: experiment.name }]} />
      <div className="page-header page-header--detail">
        <div>
          <div className="page-header__title">
            <h1>{experiment.name}</h1>
            <span data-testid="experiment-status" data-status={experiment.status}>
              <StatusBadge status={experiment.status} />
            </span>
          </div>
          <p className="page-header__lead">{experiment.description || 'No description.'}</p>
        </div>
        <div className="header-actions">
          <ExperimentActions
            key={experiment.status}
            id={experiment.id}
            status={experiment.status}
            targetMetric={experiment.targetMetric}
            candidates={candidates}
          />
        </div>
      </div>

      <div className="stack">
        <DetailSection name="hypothesis" title="Hypothesis" body bodyClassName="panel__body stack stack--tight">
          <p className="prose" data-testid="hypothesis">
            {experiment.hypothesis}
          </p>
          <dl className="facts">
            <div>
              <dt>Target metric</dt>
              <dd className="mono">{experiment.targetMetric}</dd>
            </div>
            <div>
              <dt>Expected improvement</dt>
              <dd>{formatPercent(experiment.expectedImprovement, 1)}</dd>
            </div>
            <div>
              <dt>Owner</dt>
              <dd>{experiment.owner || '—'}</dd>
            </div>
            <TimeFact label="Proposed" iso={experiment.createdAt} now={now} />
            <TimeFact label="Updated" iso={experiment.updatedAt} now={now} />
          </dl>
        </DetailSection>

        {experiment.status === 'COMPLETED' || experiment.status === 'REJECTED' ? (
          <DetailSection
            name="decision"
            title="Decision"
            aside={<StatusBadge status={experiment.decision ?? experiment.status} />}
            body
            bodyClassName="panel__body stack stack--tight"
            testId="experiment-decision"
          >
            <p className="prose">{experiment.rationale || 'No rationale recorded.'}</p>
            {experiment.resultsSummary ? <p className="prose muted">{experiment.resultsSummary}</p> : null}
            {experiment.status === 'COMPLETED' ? (
              experiment.adoptions.length ? (
                <ul>
                  {experiment.adoptions.map((a) => (
                    <li key={a.model.id}>
                      <Link href={`/models/${a.model.id}`}>{a.model.name}</Link>: {ADOPTION_TEXT[a.outcome] ?? formatEnumLabel(a.outcome)}
                      {a.arena ? <> in the arena {a.arena.name}</> : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No model was adopted.</p>
              )
            ) : null}
          </DetailSection>
        ) : null}

        <TableSection
          name="results"
          title="Results"
          count={experiment.results.length}
          note="Recorded when the experiment is completed."
          label="Results"
          columns={['Metric', 'Baseline', 'Observed', 'Relative change', 'Note']}
          scroll
          empty={<EmptyState title="No results yet">Completing the experiment records the measured results.</EmptyState>}
        >
          {experiment.results.map((r, i) => (
            <tr key={i}>
              <th scope="row" className="mono">
                {r.metric}
              </th>
              <td>{formatMetric(r.baseline)}</td>
              <td>{formatMetric(r.observed)}</td>
              <td>{formatRelativeChange(r.relativeChange)}</td>
              <td>{r.note || '—'}</td>
            </tr>
          ))}
        </TableSection>

        <div className="grid-2">
          <TableSection
            name="models"
            title="Models"
            count={experiment.models.length}
            label="Linked models"
            columns={['Model', 'Role', 'Status']}
            empty={<EmptyState title="No models linked">Link baselines and candidates with linkExperiment.</EmptyState>}
          >
            {experiment.models.map((m) => (
              <tr key={m.model.id}>
                <td className="data-table__primary">
                  <Link href={`/models/${m.model.id}`}>{m.model.name}</Link>
                  <span className="data-table__secondary">{formatEnumLabel(m.model.family)}</span>
                </td>
                <td>
                  <StatusBadge status={m.role} />
                </td>
                <td>
                  <StatusBadge status={m.model.status} />
                </td>
              </tr>
            ))}
          </TableSection>

          <DetailSection name="timeline" title="Timeline" note="Every step, from the audit log." body>
            {timeline.length ? (
              <ol className="timeline" data-testid="experiment-timeline">
                {timeline.map((entry) => (
                  <li key={entry.id} className="timeline__item">
                    <span className="timeline__title">{entry.title}</span>{' '}
                    {entry.status ? <StatusBadge status={entry.status} /> : null}
                    <div className="timeline__meta">
                      {entry.actor} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                    </div>
                    {entry.reason ? <p className="timeline__reason">{entry.reason}</p> : null}
                  </li>
                ))}
              </ol>
            ) : (
              <EmptyState title="No history recorded" />
            )}
          </DetailSection>
        </div>

        <div className="grid-2">
          <TableSection name="runs" title="Runs" count={experiment.runs.length} label="Linked runs" columns={['Run', 'Status', 'Created']} empty={<EmptyState title="No runs linked" />}>
            {experiment.runs.map((run) => (
              <tr key={run.id}>
                <td className="data-table__primary">
                  <Link href={`/runs/${run.id}`}>
                    {formatEnumLabel(run.type)} {shortId(run.id)}
                  </Link>
                  <span className="data-table__secondary">
                    <Link href={`/models/${run.model.id}`}>{run.model.name}</Link>
                  </span>
                </td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>
                  <RelativeTime iso={run.createdAt} now={now} />
                </td>
              </tr>
            ))}
          </TableSection>

          <TableSection
            name="abtests"
            title="A/B tests"
            count={experiment.abTests.length}
            label="Linked A/B tests"
            columns={['Test', 'Status', 'B − A', 'Winner']}
            empty={<EmptyState title="No A/B tests linked" />}
          >
            {experiment.abTests.map((t) => (
              <tr key={t.id}>
                <td className="data-table__primary">
                  <Link href={`/ab-tests/${t.id}`}>{t.name}</Link>
                  <span className="data-table__secondary">
                    <span className="mono">{t.metric}</span> · {formatEnumLabel(t.kind).toLowerCase()}
                  </span>
                </td>
                <td>
                  <StatusBadge status={t.status} />
                </td>
                <td className="mono">{formatInterval(t.result)}</td>
                <td>{t.result.winner ? `${t.result.winner} (${pText(t.result.pValue)})` : '—'}</td>
              </tr>
            ))}
          </TableSection>
        </div>
      </div>
    </>
  );
}
