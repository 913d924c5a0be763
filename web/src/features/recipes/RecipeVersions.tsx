'use client';

import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { InlineError } from '@/components/InlineError';
import { RelativeTime } from '@/components/RelativeTime';
import { graphql } from '@/gql';
import { getPointer } from './manifest-json';

const RecipeDiffQuery = graphql(`
  query RecipeDiff($id: ID!, $from: String!, $to: String!) {
    recipe(id: $id) {
      id
      diff(from: $from, to: $to) {
        op
        path
        from
        value
      }
    }
  }
`);

export interface VersionRow {
  id: string;
  version: string;
  changeNote: string;
  author: string;
  createdAt: string;
  manifest: unknown;
  diffSize: number | null;
}

function show(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, null, 2);
}

/**
 * Versions of a recipe (newest first) and the RFC 6902 patch between any two of them, with the
 * value before and after each change.
 */
export function RecipeVersions({ recipeId, versions, nowIso }: { recipeId: string; versions: readonly VersionRow[]; nowIso: string }) {
  const now = new Date(nowIso);
  const [from, setFrom] = useState(versions[1]?.version ?? versions[0]?.version ?? '');
  const [to, setTo] = useState(versions[0]?.version ?? '');
  const comparable = versions.length >= 2 && from !== to;
  const { data, loading, error } = useQuery(RecipeDiffQuery, {
    variables: { id: recipeId, from, to },
    skip: !comparable,
  });
  const before = versions.find((v) => v.version === from)?.manifest;
  const ops = data?.recipe?.diff ?? [];

  return (
    <div className="stack stack--tight">
      <div className="table-scroll">
        <table className="data-table data-table--compact">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Change note</th>
              <th scope="col">Author</th>
              <th scope="col" className="num">
                Changes
              </th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-version={v.version}>
                <td className="mono">{v.version}</td>
                <td>{v.changeNote}</td>
                <td>{v.author}</td>
                <td className="num">{v.diffSize == null ? '—' : v.diffSize}</td>
                <td>
                  <RelativeTime iso={v.createdAt} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {versions.length < 2 ? (
        <EmptyState title="Only one version">Save a changed manifest to create a version and compare it here.</EmptyState>
      ) : (
        <section aria-label="Version diff" data-testid="version-diff">
          <div className="filters">
            <label className="field">
              <span className="field__label">From</span>
              <select value={from} onChange={(e) => setFrom(e.target.value)}>
                {versions.map((v) => (
                  <option key={v.id} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">To</span>
              <select value={to} onChange={(e) => setTo(e.target.value)}>
                {versions.map((v) => (
                  <option key={v.id} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted" role="status">
              {!comparable ? 'Pick two different versions.' : loading ? 'Loading the patch…' : `${ops.length} ${ops.length === 1 ? 'operation' : 'operations'} (RFC 6902)`}
            </span>
          </div>
          <InlineError error={error} />
          {comparable && !loading && !error ? (
            ops.length === 0 ? (
              <EmptyState title="No differences" />
            ) : (
              <div className="table-scroll">
                <table className="data-table data-table--compact">
                  <thead>
                    <tr>
                      <th scope="col">Operation</th>
                      <th scope="col">Path</th>
                      <th scope="col">Before ({from})</th>
                      <th scope="col">After ({to})</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ops.map((op, i) => (
                      <tr key={i}>
                        <td>
                          <span className={`diff-op diff-op--${op.op}`}>{op.op}</span>
                        </td>
                        <td className="mono">
                          {op.path}
                          {op.from ? <span className="data-table__secondary">from {op.from}</span> : null}
                        </td>
                        <td>
                          {op.op === 'add' ? (
                            <span className="muted">—</span>
                          ) : (
                            <pre className="diff-value diff-value--old">{show(getPointer(before, op.from ?? op.path))}</pre>
                          )}
                        </td>
                        <td>
                          {op.op === 'remove' ? <span className="muted">removed</span> : <pre className="diff-value">{show(op.value)}</pre>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          ) : null}
        </section>
      )}
    </div>
  );
}
