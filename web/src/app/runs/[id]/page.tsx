import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { RelativeTime } from '@/components/RelativeTime';
import { EvaluationResultCard } from '@/features/evaluation/EvaluationResultCard';
import type { ThresholdRule } from '@/features/charts/chart-options';
import { ArtifactTable } from '@/features/runs/ArtifactTable';
import { BacktestWindows } from '@/features/runs/BacktestWindows';
import { RunCancel } from '@/features/runs/RunCancel';
import { RunCurves } from '@/features/runs/RunCurves';
import { RunLiveError, RunLiveMetrics, RunLiveProvider, RunLiveStatus, RunLiveTime } from '@/features/runs/RunLive';
import { RunLog } from '@/features/runs/RunLog';
import { graphql } from '@/gql';
import { formatDateTime, formatEnumLabel } from '@/lib/format';
import { shortId } from '@/lib/ids';
import { load } from '@/lib/load';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Run' };

const RunPageQuery = graphql(`
  query RunPage($id: ID!) {
    run(id: $id) {
      id
      type
      status
      trigger
      progress
      error
      idempotencyKey
      attempt
      cancelRequestedAt
      dataset {
        name
        seed
        size
      }
      createdAt
      startedAt
      finishedAt
      updatedAt
      model {
        id
        name
      }
      recipe {
        id
        name
      }
      recipeVersion {
        id
        version
      }
      params {
        key
        value
      }
      metrics {
        key
        value
      }
      metricHistory {
        key
        step
        value
      }
      artifacts {
        id
        ...ArtifactTable_Artifact
      }
      logs {
        seq
        level
        message
        loggedAt
      }
      evaluationResults {
        id
        metrics {
          key
          thresholds {
            direction
            promote
            warn
            fail
          }
        }
        ...EvaluationResultCard_Result
      }
      backtestWindows {
        index
        trainStart
        trainEnd
        testStart
        testEnd
        metrics {
          key
          value
        }
      }
    }
  }
`);

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await load(RunPageQuery, { id }, 'RunPage');
  const now = new Date();

  if (!result.ok || !result.data.run) {
    return (
      <>
        <Breadcrumbs items={[{ href: '/?tab=runs', label: 'Runs' }, { label: shortId(id) }]} />
        <div className="page-header">
          <h1>Run</h1>
        </div>
        {result.ok ? <EmptyState title="This run does not exist in this workspace" /> : <ErrorPanel info={result.error} />}
      </>
    );
  }

  const run = result.data.run;
  const title = `${formatEnumLabel(run.type)} run ${shortId(run.id)}`;
  // The pack rule of each metric (the first pack that judges it), for the backtest trend's bands.
  const rules: Record<string, ThresholdRule> = {};
  for (const result of run.evaluationResults) {
    for (const m of result.metrics) rules[m.key] ??= m.thresholds;
  }
  const showWindows = run.type === 'BACKTEST' && run.backtestWindows.length > 0;

  return (
    <RunLiveProvider
      initial={{
        id: run.id,
        status: run.status,
        progress: run.progress,
        error: run.error ?? null,
        startedAt: run.startedAt ?? null,
        finishedAt: run.finishedAt ?? null,
        cancelRequestedAt: run.cancelRequestedAt ?? null,
        updatedAt: run.updatedAt,
        metrics: run.metrics,
      }}
    >
      <Breadcrumbs
        items={[
          { href: '/?tab=models', label: 'Models' },
          { href: `/models/${run.model.id}`, label: run.model.name },
          { label: title },
        ]}
      />
      <div className="page-header page-header--detail">
        <div>
          <div className="page-header__title">
            <h1>{title}</h1>
            <RunLiveStatus />
          </div>
          <p className="page-header__lead">
            {formatEnumLabel(run.trigger)} {run.type.toLowerCase()} of{' '}
            <Link href={`/models/${run.model.id}`}>{run.model.name}</Link>, recipe{' '}
            <Link href={`/recipes/${run.recipe.id}`}>{run.recipe.name}</Link>{' '}
            <span className="mono">v{run.recipeVersion.version}</span>
          </p>
        </div>
        <div className="header-actions">
          <RunCancel workerRun={run.dataset != null} />
          <Link className="button" href={`/compare?runs=${run.id}`}>
            Compare with…
          </Link>
        </div>
      </div>

      <div className="stack">
        <RunLiveError />

        <div className="grid-3">
          <section className="panel" aria-labelledby="timing-heading">
            <header className="panel__header">
              <h2 id="timing-heading">Timing</h2>
            </header>
            <div className="panel__body">
              <table className="kv-table">
                <tbody>
                  <tr>
                    <th scope="row">Created</th>
                    <td title={formatDateTime(run.createdAt)}>
                      <RelativeTime iso={run.createdAt} now={now} />
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">Started</th>
                    <td>
                      <RunLiveTime field="startedAt" />
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">Finished</th>
                    <td>
                      <RunLiveTime field="finishedAt" />
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">Duration</th>
                    <td>
                      <RunLiveTime field="duration" />
                    </td>
                  </tr>
                  {run.attempt > 1 ? (
                    <tr>
                      <th scope="row">Attempt</th>
                      <td data-testid="run-attempt" title="Started again after a failed attempt or a worker that stopped responding">
                        {run.attempt}
                      </td>
                    </tr>
                  ) : null}
                  <tr>
                    <th scope="row">Data set</th>
                    <td data-testid="run-dataset">
                      {run.dataset ? `${run.dataset.name} · seed ${run.dataset.seed} · ${run.dataset.size}` : 'Reported from outside Modelyard'}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">Idempotency key</th>
                    <td>{run.idempotencyKey ?? '—'}</td>
                  </tr>
                  <tr>
                    <th scope="row">Run id</th>
                    <td>{run.id}</td>
                  </tr>
                </tbody>
              </table>
            </div>
          </section>
          <section className="panel" aria-labelledby="params-heading">
            <header className="panel__header">
              <h2 id="params-heading">
                Params <span className="count">{run.params.length}</span>
              </h2>
            </header>
            <div className="panel__body">
              {run.params.length === 0 ? (
                <p className="muted">No params reported.</p>
              ) : (
                <table className="kv-table" aria-label="Params">
                  <tbody>
                    {run.params.map((p) => (
                      <tr key={p.key}>
                        <th scope="row">{p.key}</th>
                        <td>{p.value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </section>
          <section className="panel" aria-labelledby="metrics-heading">
            <header className="panel__header">
              <h2 id="metrics-heading">Final metrics</h2>
            </header>
            <div className="panel__body">
              <RunLiveMetrics />
            </div>
          </section>
        </div>

        {showWindows ? (
          <section className="panel" aria-labelledby="windows-heading">
            <header className="panel__header">
              <h2 id="windows-heading">
                Backtest windows <span className="count">{run.backtestWindows.length}</span>
              </h2>
              <span className="panel__note">Walk-forward validation: each window is fitted on the data before its test period.</span>
            </header>
            <div className="panel__body">
              <BacktestWindows windows={run.backtestWindows} rules={rules} />
            </div>
          </section>
        ) : (
          <section className="panel" aria-labelledby="curves-heading">
            <header className="panel__header">
              <h2 id="curves-heading">{run.type === 'BACKTEST' ? 'Backtest windows' : 'Metric curves'}</h2>
              <span className="panel__note">
                {run.type === 'BACKTEST' ? 'Walk-forward validation: one point per window.' : 'Metric history by step.'}
              </span>
            </header>
            <div className="panel__body">
              <RunCurves initial={run.metricHistory} xName={run.type === 'BACKTEST' ? 'window' : 'step'} />
            </div>
          </section>
        )}

        <section className="panel" aria-labelledby="evaluation-heading">
          <header className="panel__header">
            <h2 id="evaluation-heading">Evaluation results</h2>
          </header>
          <div className="panel__body">
            {run.evaluationResults.length === 0 ? (
              <EmptyState title="Not evaluated">
                {run.status === 'SUCCEEDED'
                  ? 'No evaluation pack was attached to the recipe when this run succeeded.'
                  : 'A run is evaluated by the packs attached to its recipe when it succeeds.'}
              </EmptyState>
            ) : (
              run.evaluationResults.map((r) => <EvaluationResultCard key={r.id} result={r} now={now} />)
            )}
          </div>
        </section>

        <section className="panel" aria-labelledby="artifacts-heading">
          <header className="panel__header">
            <h2 id="artifacts-heading">
              Artifacts <span className="count">{run.artifacts.length}</span>
            </h2>
          </header>
          <ArtifactTable artifacts={run.artifacts} />
        </section>

        <section className="panel" aria-labelledby="log-heading">
          <header className="panel__header">
            <h2 id="log-heading">Log</h2>
          </header>
          <div className="panel__body">
            <RunLog initialLines={run.logs} />
          </div>
        </section>
      </div>
    </RunLiveProvider>
  );
}
