import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { RuleTable } from '@/features/evaluation/RuleTable';
import { graphql } from '@/gql';
import { formatEnumLabel } from '@/lib/format';
import { shortId } from '@/lib/ids';
import { load } from '@/lib/load';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Evaluation pack' };

const PackPageQuery = graphql(`
  query PackPage($id: ID!) {
    evaluationPack(id: $id) {
      id
      name
      description
      family
      tags
      createdAt
      updatedAt
      versions {
        id
        version
        changeNote
        author
        createdAt
        rules {
          key
          direction
          promote
          warn
          fail
          required
        }
        attachedTo {
          id
          name
          level
          status
        }
      }
    }
  }
`);

export default async function PackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await load(PackPageQuery, { id }, 'PackPage');
  const now = new Date();

  if (!result.ok || !result.data.evaluationPack) {
    return (
      <>
        <Breadcrumbs items={[{ href: '/?tab=packs', label: 'Evaluation packs' }, { label: shortId(id) }]} />
        <div className="page-header">
          <h1>Evaluation pack</h1>
        </div>
        {result.ok ? <EmptyState title="This evaluation pack does not exist in this workspace" /> : <ErrorPanel info={result.error} />}
      </>
    );
  }

  const pack = result.data.evaluationPack;
  const [latest, ...older] = pack.versions;

  return (
    <>
      <Breadcrumbs items={[{ href: '/?tab=packs', label: 'Evaluation packs' }, { label: pack.name }]} />
      <div className="page-header">
        <div className="page-header__title">
          <h1>{pack.name}</h1>
          {latest ? <span className="mono muted">v{latest.version}</span> : null}
        </div>
        <p className="page-header__lead">
          {formatEnumLabel(pack.family)} · {pack.description || 'No description.'}
          {pack.tags.length ? ` · ${pack.tags.join(', ')}` : ''}
        </p>
      </div>
      <div className="stack">
        <section className="panel" aria-labelledby="rules-heading">
          <header className="panel__header">
            <h2 id="rules-heading">Rules of the latest version</h2>
            <span className="panel__note">
              Lower is better: PASS up to warn, WARN between warn and fail, FAIL from fail; mirrored for higher is better.
            </span>
          </header>
          {latest ? <RuleTable rules={latest.rules} /> : <EmptyState title="No versions" />}
        </section>

        <section className="panel" aria-labelledby="attached-heading">
          <header className="panel__header">
            <h2 id="attached-heading">Where it is attached</h2>
          </header>
          {pack.versions.every((v) => v.attachedTo.length === 0) ? (
            <EmptyState title="Not attached to any recipe">Attach it from a recipe page of the same family.</EmptyState>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Recipe</th>
                  <th scope="col">Level</th>
                  <th scope="col">Status</th>
                  <th scope="col">Pack version</th>
                </tr>
              </thead>
              <tbody>
                {pack.versions.flatMap((v) =>
                  v.attachedTo.map((recipe) => (
                    <tr key={`${v.id}-${recipe.id}`}>
                      <td className="data-table__primary">
                        <Link href={`/recipes/${recipe.id}`}>{recipe.name}</Link>
                      </td>
                      <td>{formatEnumLabel(recipe.level)}</td>
                      <td>
                        <StatusBadge status={recipe.status} />
                      </td>
                      <td className="mono">{v.version}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )}
        </section>

        <section className="panel" aria-labelledby="versions-heading">
          <header className="panel__header">
            <h2 id="versions-heading">
              Versions <span className="count">{pack.versions.length}</span>
            </h2>
          </header>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Change note</th>
                <th scope="col">Author</th>
                <th scope="col">Metrics</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {pack.versions.map((v) => (
                <tr key={v.id}>
                  <td className="mono">{v.version}</td>
                  <td>{v.changeNote}</td>
                  <td>{v.author}</td>
                  <td>{v.rules.map((r) => r.key).join(', ')}</td>
                  <td>
                    <RelativeTime iso={v.createdAt} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {older.length ? (
            <div className="panel__body">
              {older.map((v) => (
                <details key={v.id}>
                  <summary>Rules of v{v.version}</summary>
                  <RuleTable rules={v.rules} />
                </details>
              ))}
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}
