import Link from 'next/link';
import type { ReactNode } from 'react';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatMetric } from '@/lib/format-number';
import { describeRule, directionSymbol } from './thresholds';

export const EvaluationResultCard_ResultFragment = graphql(`
  fragment EvaluationResultCard_Result on EvaluationResult {
    id
    kind
    status
    summary
    createdAt
    pack {
      id
      name
    }
    packVersion {
      id
      version
    }
    metrics {
      key
      actual
      status
      note
      promotable
      thresholds {
        key
        direction
        promote
        warn
        fail
        required
      }
    }
  }
`);

/** One pack's verdict: PASS/WARN/FAIL per metric next to the thresholds it was judged by. */
export function EvaluationResultCard({
  result: resultRef,
  now,
  subject,
  children,
}: {
  result: FragmentType<typeof EvaluationResultCard_ResultFragment>;
  now: Date;
  /** What was evaluated (a run link), shown in the header. */
  subject?: ReactNode;
  children?: ReactNode;
}) {
  const result = getFragmentData(EvaluationResultCard_ResultFragment, resultRef);
  return (
    <article className="eval-card" data-testid="evaluation-result">
      <header className="eval-card__header">
        <StatusBadge status={result.status} />
        <span className="eval-card__title">
          <Link href={`/packs/${result.pack.id}`}>{result.pack.name}</Link>{' '}
          <span className="mono muted">v{result.packVersion.version}</span>
        </span>
        <span>{result.summary}</span>
        <span className="muted">
          {subject ? <>{subject} · </> : null}
          <RelativeTime iso={result.createdAt} now={now} />
        </span>
      </header>
      <div className="table-scroll">
        <table className="data-table data-table--compact">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col">Status</th>
              <th scope="col">Pass</th>
              <th scope="col">Warn</th>
              <th scope="col">Fail</th>
              <th scope="col">Promotion bar</th>
            </tr>
          </thead>
          <tbody>
            {result.metrics.map((metric) => {
              const rule = describeRule(metric.thresholds);
              return (
                <tr key={metric.key}>
                  <th scope="row" className="mono">
                    {metric.key}{' '}
                    <span className="muted" title={metric.thresholds.direction === 'LOWER_IS_BETTER' ? 'Lower is better' : 'Higher is better'}>
                      {directionSymbol(metric.thresholds.direction)}
                    </span>
                    {!metric.thresholds.required ? <span className="muted"> (optional)</span> : null}
                  </th>
                  <td className="num">{formatMetric(metric.actual)}</td>
                  <td>
                    <StatusBadge status={metric.status} />
                    {metric.note ? <span className="muted"> {metric.note}</span> : null}
                  </td>
                  <td className="mono">{rule.pass}</td>
                  <td className="mono">{rule.warn}</td>
                  <td className="mono">{rule.fail}</td>
                  <td>
                    <span className="mono">{rule.promote}</span>{' '}
                    {metric.promotable ? (
                      <span className="badge badge--success" title="Meets the promotion bar">
                        ✓ met
                      </span>
                    ) : (
                      <span className="muted">not met</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {children}
    </article>
  );
}
