'use client';

import Link from 'next/link';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatMetric, formatPercent } from '@/lib/format-number';
import { formatEnumLabel } from '@/lib/format';
import { shortId } from '@/lib/ids';
import { compareHref, MAX_COMPARE } from '@/features/compare/compare-params';

export const RunTable_RunFragment = graphql(`
  fragment RunTable_Run on Run {
    id
    type
    status
    trigger
    progress
    createdAt
    finishedAt
    error
    model {
      id
      name
    }
    metrics {
      key
      value
    }
    evaluationResults {
      id
      status
      summary
    }
  }
`);

export interface RunTableProps {
  runs: ReadonlyArray<FragmentType<typeof RunTable_RunFragment>>;
  /** ISO time of the request's "now", so every relative time on the page agrees. */
  nowIso: string;
  /** Hide the model column (on a model's own page). */
  showModel?: boolean;
  /** Shown when `runs` is empty. */
  emptyTitle?: string;
  emptyHint?: string;
  /** Number of final metrics shown per run. */
  metricColumns?: number;
  /** Makes the Created header a sort link (server-side sort): current direction, and where a click goes. */
  createdSort?: { dir: 'ASC' | 'DESC' | null; href: string };
}

/** Runs with checkboxes: pick 2–100 of them and compare. */
export function RunTable({
  runs: runRefs,
  nowIso,
  showModel = true,
  emptyTitle = 'No runs',
  emptyHint,
  metricColumns = 3,
  createdSort,
}: RunTableProps) {
  const runs = getFragmentData(RunTable_RunFragment, runRefs);
  const now = new Date(nowIso);
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string) =>
    setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));
  const allSelected = runs.length > 0 && runs.every((run) => selected.includes(run.id));

  if (runs.length === 0) return <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>;

  return (
    <div className="run-table">
      <div className="table-toolbar" role="group" aria-label="Compare runs">
        <span className="muted">
          {selected.length === 0
            ? 'Select runs to compare them side by side.'
            : `${selected.length} selected`}
        </span>
        {selected.length >= 2 && selected.length <= MAX_COMPARE ? (
          <Link className="button button--primary" href={compareHref(selected)}>
            Compare {selected.length} runs
          </Link>
        ) : (
          <span className="button button--primary button--disabled" aria-disabled="true">
            Compare
          </span>
        )}
        {selected.length > 0 ? (
          <button type="button" className="button" onClick={() => setSelected([])}>
            Clear
          </button>
        ) : null}
      </div>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col" className="data-table__check">
                <input
                  type="checkbox"
                  aria-label="Select every run on this page"
                  checked={allSelected}
                  onChange={() =>
                    setSelected(allSelected ? [] : runs.map((run) => run.id).slice(0, MAX_COMPARE))
                  }
                />
              </th>
              <th scope="col">Run</th>
              {showModel ? <th scope="col">Model</th> : null}
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col">Final metrics</th>
              <th scope="col">Evaluation</th>
              <th
                scope="col"
                aria-sort={createdSort?.dir === 'ASC' ? 'ascending' : createdSort?.dir === 'DESC' ? 'descending' : undefined}
              >
                {createdSort ? (
                  <Link href={createdSort.href} scroll={false}>
                    Created {createdSort.dir === 'ASC' ? '▲' : createdSort.dir === 'DESC' ? '▼' : ''}
                  </Link>
                ) : (
                  'Created'
                )}
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} aria-selected={selected.includes(run.id)}>
                <td className="data-table__check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${formatEnumLabel(run.type)} run ${shortId(run.id)}`}
                    checked={selected.includes(run.id)}
                    onChange={() => toggle(run.id)}
                  />
                </td>
                <td className="data-table__primary">
                  <Link href={`/runs/${run.id}`}>
                    {formatEnumLabel(run.type)} <span className="mono">{shortId(run.id)}</span>
                  </Link>
                  {run.error ? (
                    <span className="data-table__secondary data-table__error" title={run.error}>
                      {run.error}
                    </span>
                  ) : null}
                </td>
                {showModel ? (
                  <td>
                    <Link href={`/models/${run.model.id}`}>{run.model.name}</Link>
                  </td>
                ) : null}
                <td>
                  <StatusBadge status={run.status} />
                  {run.status === 'RUNNING' ? (
                    <span className="data-table__secondary">{formatPercent(run.progress)}</span>
                  ) : null}
                </td>
                <td>{formatEnumLabel(run.trigger)}</td>
                <td>
                  {run.metrics.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <dl className="inline-metrics">
                      {run.metrics.slice(0, metricColumns).map((metric) => (
                        <div key={metric.key}>
                          <dt>{metric.key}</dt>
                          <dd>{formatMetric(metric.value)}</dd>
                        </div>
                      ))}
                      {run.metrics.length > metricColumns ? (
                        <div className="muted">+{run.metrics.length - metricColumns}</div>
                      ) : null}
                    </dl>
                  )}
                </td>
                <td>
                  {run.evaluationResults.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    run.evaluationResults.map((result) => (
                      <span key={result.id} title={result.summary}>
                        <StatusBadge status={result.status} />{' '}
                      </span>
                    ))
                  )}
                </td>
                <td>
                  <RelativeTime iso={run.createdAt} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
