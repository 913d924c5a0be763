import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatEnumLabel } from '@/lib/format';
import { formatMetric, formatPercent } from '@/lib/format-number';
import { formatInterval, pText, sampleProgress } from './ab-test-view';

export const AbTestTable_AbTestFragment = graphql(`
  fragment AbTestTable_AbTest on AbTest {
    id
    name
    status
    metric
    kind
    split
    startedAt
    modelA {
      id
      name
    }
    modelB {
      id
      name
    }
    result {
      armA {
        n
        estimate
      }
      armB {
        n
        estimate
      }
      difference
      ciLow
      ciHigh
      pValue
      winner
      confidenceLevel
      requiredSampleSizeA
      requiredSampleSizeB
      sampleSizeReached
    }
  }
`);

/** A/B tests as rows: the arms (models, estimates, n), B − A with its interval, p-value, winner and sample progress. */
export function AbTestTable({
  tests: refs,
  now,
  emptyTitle = 'No A/B tests',
  emptyHint,
}: {
  tests: ReadonlyArray<FragmentType<typeof AbTestTable_AbTestFragment>>;
  now: Date;
  emptyTitle?: string;
  emptyHint?: ReactNode;
}) {
  const tests = getFragmentData(AbTestTable_AbTestFragment, refs);
  if (tests.length === 0) return <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>;
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="A/B tests">
        <thead>
          <tr>
            <th scope="col">Test</th>
            <th scope="col">Status</th>
            <th scope="col">A (control)</th>
            <th scope="col">B (treatment)</th>
            <th scope="col">B − A [interval]</th>
            <th scope="col">Winner</th>
            <th scope="col">Sample</th>
            <th scope="col">Started</th>
          </tr>
        </thead>
        <tbody>
          {tests.map((t) => {
            const progress = sampleProgress(t.result);
            return (
              <tr key={t.id} data-ab-test-id={t.id}>
                <td className="data-table__primary">
                  <Link href={`/ab-tests/${t.id}`}>{t.name}</Link>
                  <span className="data-table__secondary">
                    <span className="mono">{t.metric}</span> · {formatEnumLabel(t.kind).toLowerCase()} · {formatPercent(t.split)} to B
                  </span>
                </td>
                <td>
                  <StatusBadge status={t.status} />
                </td>
                <td>
                  <Link href={`/models/${t.modelA.id}`}>{t.modelA.name}</Link>
                  <span className="data-table__secondary">
                    {formatMetric(t.result.armA.estimate)} · n {t.result.armA.n.toLocaleString('en-US')}
                  </span>
                </td>
                <td>
                  <Link href={`/models/${t.modelB.id}`}>{t.modelB.name}</Link>
                  <span className="data-table__secondary">
                    {formatMetric(t.result.armB.estimate)} · n {t.result.armB.n.toLocaleString('en-US')}
                  </span>
                </td>
                <td className="mono">{formatInterval(t.result)}</td>
                <td>
                  {t.result.winner ? <strong>{t.result.winner}</strong> : '—'}
                  {t.result.pValue != null ? <span className="data-table__secondary">{pText(t.result.pValue)}</span> : null}
                </td>
                <td>
                  {progress.fraction != null ? `${Math.floor(progress.fraction * 100)} %` : '—'}
                  <span className="data-table__secondary">
                    {progress.requiredLabel}
                  </span>
                </td>
                <td>
                  <RelativeTime iso={t.startedAt} now={now} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
