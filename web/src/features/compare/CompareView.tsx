'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { StatusBadge } from '@/components/StatusBadge';
import { curvesOption, groupCurves } from '@/features/charts/chart-options';
import { EChart } from '@/features/charts/EChart';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatEnumLabel } from '@/lib/format';
import { formatMetric } from '@/lib/format-number';
import { shortId } from '@/lib/ids';
import { type CompareRow, compareRows, type Direction, historyKeys } from './compare-logic';
import { compareHref } from './compare-params';

export const CompareView_RunFragment = graphql(`
  fragment CompareView_Run on Run {
    id
    type
    status
    createdAt
    model {
      id
      name
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
    evaluationResults {
      id
      status
      summary
      pack {
        id
        name
      }
      metrics {
        key
        thresholds {
          direction
        }
      }
    }
  }
`);

type Layout = 'columns' | 'rows';

/**
 * Runs side by side: params and final metrics with differences highlighted (best and worst run
 * per metric in its direction), metric curves overlaid, and evaluation statuses per pack.
 * Up to six runs read best as columns; more as one row per run.
 */
export function CompareView({ runs: refs }: { runs: ReadonlyArray<FragmentType<typeof CompareView_RunFragment>> }) {
  const runs = getFragmentData(CompareView_RunFragment, refs);
  const [layout, setLayout] = useState<Layout>(runs.length <= 6 ? 'columns' : 'rows');
  const [onlyDiffs, setOnlyDiffs] = useState(false);

  const labels = runs.map((r) => `${formatEnumLabel(r.type)} ${shortId(r.id)}`);
  const directions = useMemo(() => {
    const out: Record<string, Direction> = {};
    for (const run of runs) for (const result of run.evaluationResults) for (const m of result.metrics) out[m.key] ??= m.thresholds.direction;
    return out;
  }, [runs]);
  const params = useMemo(() => compareRows(runs.map((r) => r.params)), [runs]);
  const metrics = useMemo(() => compareRows(runs.map((r) => r.metrics), directions), [runs, directions]);
  const evaluations = useMemo(
    () => compareRows(runs.map((r) => r.evaluationResults.map((e) => ({ key: e.pack.name, value: e.status as string })))),
    [runs],
  );
  const keys = useMemo(() => historyKeys(runs.map((r) => r.metricHistory)), [runs]);
  const [curveKey, setCurveKey] = useState(keys[0] ?? '');
  const curves = useMemo(() => {
    const series = runs.flatMap((run, i) => {
      const points = groupCurves(run.metricHistory).get(curveKey);
      return points ? [{ name: labels[i]!, points }] : [];
    });
    return { count: series.length, option: curvesOption(series) };
    // labels derive from runs
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs, curveKey]);

  const visible = <V,>(rows: Array<CompareRow<V>>) => (onlyDiffs ? rows.filter((r) => r.differs) : rows);

  return (
    <div className="stack">
      <section className="panel" aria-labelledby="runs-heading">
        <header className="panel__header">
          <h2 id="runs-heading">
            Runs <span className="count">{runs.length}</span>
          </h2>
          <div className="filters">
            <label className="field">
              <span className="field__label">Layout</span>
              <select value={layout} onChange={(e) => setLayout(e.target.value as Layout)}>
                <option value="columns">Side by side (a column per run)</option>
                <option value="rows">A row per run</option>
              </select>
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} /> Only differences
            </label>
          </div>
        </header>
        <ul className="run-chips">
          {runs.map((run, i) => (
            <li key={run.id} className="run-chip">
              <Link href={`/runs/${run.id}`}>{labels[i]}</Link> <span className="muted">{run.model.name}</span>{' '}
              <StatusBadge status={run.status} />
              {runs.length > 2 ? (
                <Link
                  className="run-chip__remove"
                  href={compareHref(runs.filter((r) => r.id !== run.id).map((r) => r.id))}
                  aria-label={`Remove ${labels[i]} from the comparison`}
                >
                  ×
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <CompareSection title="Params" rows={visible(params)} labels={labels} layout={layout} format={(v) => v} empty="No params reported." />
      <CompareSection
        title="Final metrics"
        rows={visible(metrics)}
        labels={labels}
        layout={layout}
        format={(v) => formatMetric(v)}
        empty="No final metrics reported."
        note="Best in green, worst in red, in each metric's direction (from the evaluation packs)."
      />

      <section className="panel" aria-labelledby="curves-heading">
        <header className="panel__header">
          <h2 id="curves-heading">Metric curves</h2>
          {keys.length ? (
            <label className="field">
              <span className="field__label">Metric</span>
              <select value={curveKey} onChange={(e) => setCurveKey(e.target.value)}>
                {keys.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </header>
        <div className="panel__body">
          {keys.length === 0 ? (
            <EmptyState title="None of these runs reported a metric history" />
          ) : (
            <figure className="chart-card">
              <figcaption className="chart-card__title">
                <span className="mono">{curveKey}</span>{' '}
                <span className="chart-card__note">
                  {curves.count} of {runs.length} runs report it
                </span>
              </figcaption>
              <EChart option={curves.option} label={`${curveKey} of the compared runs, overlaid`} className="chart chart--tall" testId="compare-curves" />
            </figure>
          )}
        </div>
      </section>

      <CompareSection
        title="Evaluation status per pack"
        rows={visible(evaluations)}
        labels={labels}
        layout={layout}
        format={(v) => <StatusBadge status={v} />}
        empty="None of these runs was evaluated."
      />
    </div>
  );
}

function CompareSection<V extends string | number>({
  title,
  rows,
  labels,
  layout,
  format,
  empty,
  note,
}: {
  title: string;
  rows: Array<CompareRow<V>>;
  labels: string[];
  layout: Layout;
  format: (value: V) => React.ReactNode;
  empty: string;
  note?: string;
}) {
  const cellClass = (row: CompareRow<V>, i: number) =>
    [row.best.includes(i) ? 'cell--best' : '', row.worst.includes(i) ? 'cell--worst' : '', row.differs ? 'cell--diff' : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const show = (value: V | null) => (value === null ? <span className="muted">—</span> : format(value));
  const id = title.toLowerCase().replace(/\W+/g, '-');

  return (
    <section className="panel" aria-labelledby={id}>
      <header className="panel__header">
        <h2 id={id}>{title}</h2>
        {note ? <span className="panel__note">{note}</span> : null}
      </header>
      {rows.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <div className="table-scroll compare-scroll">
          {layout === 'columns' ? (
            <table className="data-table data-table--compact compare-table">
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  {labels.map((label) => (
                    <th key={label} scope="col">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key} data-differs={row.differs}>
                    <th scope="row" className="mono">
                      {row.key}
                      {row.differs ? <span className="differs-mark" title="Values differ"> ≠</span> : null}
                    </th>
                    {row.values.map((value, i) => (
                      <td key={i} className={cellClass(row, i)}>
                        {show(value)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <table className="data-table data-table--compact compare-table">
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  {rows.map((row) => (
                    <th key={row.key} scope="col" className={row.differs ? 'cell--diff' : undefined}>
                      {row.key}
                      {row.differs ? ' ≠' : ''}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {labels.map((label, i) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    {rows.map((row) => (
                      <td key={row.key} className={cellClass(row, i)}>
                        {show(row.values[i] ?? null)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
