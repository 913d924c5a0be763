import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { AbTestActions } from '@/features/abtests/AbTestActions';
import { formatInterval, formatLevel, pText, sampleProgress, verdict } from '@/features/abtests/ab-test-view';
import { AbTestsLive } from '@/features/abtests/AbTestsLive';
import { DifferenceChart } from '@/features/abtests/DifferenceChart';
import { graphql } from '@/gql';
import { formatDateTime, formatEnumLabel } from '@/lib/format';
import { formatMetric, formatPercent } from '@/lib/format-number';
import { shortId } from '@/lib/ids';
import { load } from '@/lib/load';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'A/B test' };

const AbTestPageQuery = graphql(`
  query AbTestPage($id: ID!) {
    abTest(id: $id) {
      id
      name
      description
      status
      kind
      source
      metric
      direction
      split
      alpha
      power
      minimumDetectableEffect
      baseline
      standardDeviation
      startedAt
      concludedAt
      stoppedAt
      modelA {
        id
        name
        status
      }
      modelB {
        id
        name
        status
      }
      result {
        armA {
          arm
          n
          estimate
          standardDeviation
          successes
        }
        armB {
          arm
          n
          estimate
          standardDeviation
          successes
        }
        difference
        ciLow
        ciHigh
        confidenceLevel
        pValue
        confidence
        statistic
        df
        winner
        requiredSampleSizeA
        requiredSampleSizeB
        sampleSizeReached
        computedAt
      }
    }
  }
`);

export default async function AbTestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await load(AbTestPageQuery, { id }, 'AbTestPage');
  const now = new Date();

  if (!result.ok || !result.data.abTest) {
    return (
      <>
        <Breadcrumbs items={[{ href: '/ab-tests', label: 'A/B tests' }, { label: shortId(id) }]} />
        <div className="page-header">
          <h1>A/B test</h1>
        </div>
        {result.ok ? <EmptyState title="This A/B test does not exist in this workspace" /> : <ErrorPanel info={result.error} />}
      </>
    );
  }

  const test = result.data.abTest;
  const r = test.result;
  const progress = sampleProgress(r);
  const proportion = test.kind === 'PROPORTION';
  const arms = [
    { arm: r.armA, model: test.modelA, role: 'control', share: 1 - test.split },
    { arm: r.armB, model: test.modelB, role: 'treatment', share: test.split },
  ];

  return (
    <>
      <AbTestsLive id={test.id} />
      <Breadcrumbs items={[{ href: '/ab-tests', label: 'A/B tests' }, { label: test.name }]} />
      <div className="page-header page-header--detail">
        <div>
          <div className="page-header__title">
            <h1>{test.name}</h1>
            <span data-testid="ab-test-status" data-status={test.status}>
              <StatusBadge status={test.status} />
            </span>
          </div>
          <p className="page-header__lead">
            {test.description || (
              <>
                <span className="mono">{test.metric}</span> of {test.modelB.name} (B) against {test.modelA.name} (A)
              </>
            )}
          </p>
        </div>
        <div className="header-actions">
          <AbTestActions key={test.status} id={test.id} status={test.status} />
        </div>
      </div>

      <div className="stack">
        <section className="panel detail-section" aria-labelledby="result-heading">
          <header className="panel__header">
            <h2 id="result-heading">Result</h2>
            <span className="panel__note">
              {test.status === 'RUNNING' ? 'Live: computed from the observations so far' : `Frozen ${formatDateTime(r.computedAt)}`}
            </span>
          </header>
          <div className="panel__body stack stack--tight">
            <p className={r.winner ? 'notice' : 'notice notice--warning'} data-testid="ab-verdict">
              {r.winner ? (
                <>
                  Winner: <strong data-testid="ab-winner">{r.winner === 'A' ? `A · ${test.modelA.name}` : `B · ${test.modelB.name}`}</strong>.{' '}
                </>
              ) : null}
              {verdict(r, test.alpha)}
            </p>
            <div className="grid-2 grid-2--wide-left">
              <figure className="chart-card">
                <figcaption className="chart-card__title">
                  Difference B − A <span className="chart-card__note">with its {formatLevel(r.confidenceLevel)} confidence interval; solid line: no difference; dashed: ± the minimum detectable effect</span>
                </figcaption>
                <DifferenceChart result={r} metric={test.metric} minimumDetectableEffect={test.minimumDetectableEffect} />
              </figure>
              <dl className="facts" aria-label="Test statistics">
                <div>
                  <dt>B − A [{formatLevel(r.confidenceLevel)} interval]</dt>
                  <dd className="mono" data-testid="ab-interval">
                    {formatInterval(r)}
                  </dd>
                </div>
                <div>
                  <dt>p-value</dt>
                  <dd data-testid="ab-p-value">{r.pValue != null ? pText(r.pValue) : '—'}</dd>
                </div>
                <div>
                  <dt>{proportion ? 'z statistic' : 't statistic'}</dt>
                  <dd>
                    {formatMetric(r.statistic)}
                    {r.df != null ? <span className="muted"> (df {formatMetric(r.df)})</span> : null}
                  </dd>
                </div>
                <div>
                  <dt>Test</dt>
                  <dd>{proportion ? 'Two-proportion z-test' : 'Welch’s t-test'}</dd>
                </div>
                <div>
                  <dt>Better when</dt>
                  <dd>{test.direction === 'HIGHER_IS_BETTER' ? 'higher' : 'lower'}</dd>
                </div>
                <div>
                  <dt>α · power</dt>
                  <dd>
                    {formatMetric(test.alpha)} · {formatMetric(test.power)}
                  </dd>
                </div>
              </dl>
            </div>
          </div>
        </section>

        <section className="panel detail-section" aria-labelledby="arms-heading">
          <header className="panel__header">
            <h2 id="arms-heading">Arms</h2>
            <span className="panel__note">{proportion ? 'Estimate: the rate (successes / n)' : 'Estimate: the mean'}</span>
          </header>
          <div className="table-scroll">
            <table className="data-table" aria-label="Arms">
              <thead>
                <tr>
                  <th scope="col">Arm</th>
                  <th scope="col">Model</th>
                  <th scope="col">Traffic</th>
                  <th scope="col">Estimate</th>
                  <th scope="col">n</th>
                  <th scope="col">{proportion ? 'Successes' : 'Standard deviation'}</th>
                </tr>
              </thead>
              <tbody>
                {arms.map(({ arm, model, role, share }) => (
                  <tr key={arm.arm} data-arm={arm.arm}>
                    <th scope="row">
                      {arm.arm} <span className="muted">({role})</span> {r.winner === arm.arm ? <StatusBadge status="WINNER" /> : null}
                    </th>
                    <td>
                      <Link href={`/models/${model.id}`}>{model.name}</Link> <StatusBadge status={model.status} />
                    </td>
                    <td>{formatPercent(share)}</td>
                    <td className="mono" data-testid={`estimate-${arm.arm}`}>
                      {proportion && arm.estimate != null ? `${formatPercent(arm.estimate, 2)}` : formatMetric(arm.estimate)}
                    </td>
                    <td data-testid={`n-${arm.arm}`}>{arm.n.toLocaleString('en-US')}</td>
                    <td>{proportion ? (arm.successes?.toLocaleString('en-US') ?? '—') : formatMetric(arm.standardDeviation)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="panel detail-section" aria-labelledby="sample-heading">
          <header className="panel__header">
            <h2 id="sample-heading">Sample size</h2>
            <span className="panel__note">
              To detect a difference of {formatMetric(test.minimumDetectableEffect)} at α {formatMetric(test.alpha)} with power {formatMetric(test.power)}
            </span>
          </header>
          <div className="panel__body stack stack--tight">
            <div className="run-status__progress">
              {progress.fraction != null ? (
                <div
                  className="progress progress--wide"
                  role="progressbar"
                  aria-label="Observations per arm towards the required sample size"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.floor(progress.fraction * 100)}
                >
                  <div className={r.sampleSizeReached ? 'progress__bar progress__bar--done' : 'progress__bar'} style={{ width: `${progress.fraction * 100}%` }} />
                </div>
              ) : null}
              <span data-testid="ab-progress">{progress.label}</span>
            </div>
            <dl className="facts">
              <div>
                <dt>Status</dt>
                <dd>
                  <StatusBadge status={test.status} />
                </dd>
              </div>
              <div>
                <dt>Observations from</dt>
                <dd>{formatEnumLabel(test.source)}</dd>
              </div>
              <div>
                <dt>Started</dt>
                <dd>
                  <RelativeTime iso={test.startedAt} now={now} />
                </dd>
              </div>
              {test.concludedAt ? (
                <div>
                  <dt>Concluded</dt>
                  <dd>
                    <RelativeTime iso={test.concludedAt} now={now} />
                  </dd>
                </div>
              ) : null}
              {test.stoppedAt ? (
                <div>
                  <dt>Stopped</dt>
                  <dd>
                    <RelativeTime iso={test.stoppedAt} now={now} />
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>Baseline for the size</dt>
                <dd>{test.baseline != null ? formatMetric(test.baseline) : 'arm A’s observed'}</dd>
              </div>
              {!proportion ? (
                <div>
                  <dt>Standard deviation for the size</dt>
                  <dd>{test.standardDeviation != null ? formatMetric(test.standardDeviation) : 'arm A’s observed'}</dd>
                </div>
              ) : null}
            </dl>
          </div>
        </section>
      </div>
    </>
  );
}
