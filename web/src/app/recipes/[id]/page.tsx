import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { AttachedPacks } from '@/features/recipes/AttachedPacks';
import { ManifestEditor } from '@/features/recipes/ManifestEditor';
import { recipeActions } from '@/features/recipes/manifest-json';
import { RecipeActions } from '@/features/recipes/RecipeActions';
import { RecipeVersions } from '@/features/recipes/RecipeVersions';
import { SyntheticExampleView } from '@/features/recipes/SyntheticExampleView';
import { QueueRunForm } from '@/features/runs/QueueRunForm';
import { graphql } from '@/gql';
import { formatEnumLabel } from '@/lib/format';
import { shortId } from '@/lib/ids';
import { load } from '@/lib/load';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Recipe' };

const RecipePageQuery = graphql(`
  query RecipePage($id: ID!) {
    recipe(id: $id) {
      id
      name
      description
      family
      level
      status
      createdAt
      updatedAt
      parent {
        id
        name
        level
        status
      }
      parentVersion {
        id
        version
        resolvedManifest
      }
      children {
        id
        name
        level
        status
      }
      latestVersion {
        id
        version
        manifest
        resolvedManifest
      }
      versions {
        id
        version
        changeNote
        author
        createdAt
        manifest
        diff {
          op
        }
      }
      attachedPacks {
        id
        version
        pack {
          id
          name
        }
        rules {
          key
          direction
          promote
          warn
          fail
          required
        }
      }
      syntheticExample {
        id
        description
        schema
        sampleRows
        exampleRun
      }
      models {
        id
        name
        status
      }
    }
    evaluationPacks(first: 100) {
      edges {
        node {
          id
          name
          family
          versions {
            id
            version
          }
        }
      }
    }
  }
`);

export default async function RecipePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await load(RecipePageQuery, { id }, 'RecipePage');
  const now = new Date();

  if (!result.ok || !result.data.recipe) {
    return (
      <>
        <Breadcrumbs items={[{ href: '/', label: 'Recipes' }, { label: shortId(id) }]} />
        <div className="page-header">
          <h1>Recipe</h1>
        </div>
        {result.ok ? <EmptyState title="This recipe does not exist in this workspace" /> : <ErrorPanel info={result.error} />}
      </>
    );
  }

  const recipe = result.data.recipe;
  const actions = recipeActions(recipe.status, recipe.level);
  const packChoices = result.data.evaluationPacks.edges.map((e) => e.node).filter((p) => p.family === recipe.family);
  const isChild = Boolean(recipe.parent);

  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: 'Recipes' }, ...(recipe.parent ? [{ href: `/recipes/${recipe.parent.id}`, label: recipe.parent.name }] : []), { label: recipe.name }]} />
      <div className="page-header page-header--detail">
        <div>
          <div className="page-header__title">
            <h1>{recipe.name}</h1>
            <StatusBadge status={recipe.status} />
          </div>
          <p className="page-header__lead">
            {formatEnumLabel(recipe.level)} {formatEnumLabel(recipe.family).toLowerCase()} recipe · {recipe.description || 'No description.'}
          </p>
        </div>
        <div className="header-actions">
          {recipe.status === 'APPROVED' && recipe.latestVersion ? (
            // Only an APPROVED recipe's versions can register the model the run needs.
            <QueueRunForm
              target={{ recipeVersionId: recipe.latestVersion.id }}
              label="Queue a run…"
              subject={`${recipe.name} ${recipe.latestVersion.version}`}
              modelNamePlaceholder={`${recipe.name} ${recipe.latestVersion.version}`}
            />
          ) : null}
          <RecipeActions
            id={recipe.id}
            name={recipe.name}
            status={recipe.status}
            level={recipe.level}
            versions={recipe.versions.map((v) => ({ id: v.id, version: v.version }))}
          />
        </div>
      </div>
      <nav className="section-nav" aria-label="Sections">
        <a href="#overview">Overview</a>
        <a href="#manifest">Manifest</a>
        <a href="#versions">Versions ({recipe.versions.length})</a>
        <a href="#packs">Evaluation packs ({recipe.attachedPacks.length})</a>
        <a href="#example">Synthetic example</a>
      </nav>

      <div className="stack">
        <section id="overview" className="panel detail-section" aria-labelledby="overview-heading">
          <header className="panel__header">
            <h2 id="overview-heading">Overview and lineage</h2>
          </header>
          <div className="panel__body">
            <dl className="facts">
              <div>
                <dt>Family</dt>
                <dd>{formatEnumLabel(recipe.family)}</dd>
              </div>
              <div>
                <dt>Level</dt>
                <dd>{formatEnumLabel(recipe.level)}</dd>
              </div>
              <div>
                <dt>Latest version</dt>
                <dd className="mono">{recipe.latestVersion?.version ?? '—'}</dd>
              </div>
              <div>
                <dt>Updated</dt>
                <dd>
                  <RelativeTime iso={recipe.updatedAt} now={now} />
                </dd>
              </div>
            </dl>
            <ol className="lineage" aria-label="Lineage">
              {recipe.parent ? (
                <li>
                  <span className="lineage__role">Parent</span>
                  <Link href={`/recipes/${recipe.parent.id}`}>{recipe.parent.name}</Link>{' '}
                  <span className="muted">
                    {formatEnumLabel(recipe.parent.level)}
                    {recipe.parentVersion ? ` · cloned from v${recipe.parentVersion.version}` : ''}
                  </span>
                </li>
              ) : (
                <li>
                  <span className="lineage__role">Parent</span>
                  <span className="muted">none: a {formatEnumLabel(recipe.level).toLowerCase()} recipe</span>
                </li>
              )}
              <li className="lineage__self">
                <span className="lineage__role">This recipe</span>
                <strong>{recipe.name}</strong> <span className="muted">{formatEnumLabel(recipe.level)}</span>
              </li>
              <li>
                <span className="lineage__role">Children</span>
                {recipe.children.length === 0 ? (
                  <span className="muted">none yet</span>
                ) : (
                  recipe.children.map((child, i) => (
                    <span key={child.id}>
                      {i > 0 ? ', ' : null}
                      <Link href={`/recipes/${child.id}`}>{child.name}</Link> <StatusBadge status={child.status} />
                    </span>
                  ))
                )}
              </li>
              <li>
                <span className="lineage__role">Models</span>
                {recipe.models.length === 0 ? (
                  <span className="muted">none registered</span>
                ) : (
                  recipe.models.map((model, i) => (
                    <span key={model.id}>
                      {i > 0 ? ', ' : null}
                      <Link href={`/models/${model.id}`}>{model.name}</Link> <StatusBadge status={model.status} />
                    </span>
                  ))
                )}
              </li>
            </ol>
          </div>
        </section>

        <section id="manifest" className="panel detail-section" aria-labelledby="manifest-heading">
          <header className="panel__header">
            <h2 id="manifest-heading">Manifest</h2>
            <span className="panel__note">{isChild ? 'This version’s overlay; the resolved manifest is below.' : 'The full manifest of the latest version.'}</span>
          </header>
          <div className="panel__body">
            {recipe.latestVersion ? (
              <ManifestEditor
                recipeId={recipe.id}
                family={recipe.family}
                manifest={recipe.latestVersion.manifest}
                parentResolved={isChild ? (recipe.parentVersion?.resolvedManifest ?? {}) : null}
                canEdit={actions.includes('edit')}
                currentVersion={recipe.latestVersion.version}
              />
            ) : (
              <EmptyState title="No version yet" />
            )}
            {isChild && recipe.latestVersion ? (
              <details className="resolved-manifest">
                <summary>Resolved manifest (parent merged with this overlay)</summary>
                <pre className="code-block">{JSON.stringify(recipe.latestVersion.resolvedManifest, null, 2)}</pre>
              </details>
            ) : null}
          </div>
        </section>

        <section id="versions" className="panel detail-section" aria-labelledby="versions-heading">
          <header className="panel__header">
            <h2 id="versions-heading">
              Versions <span className="count">{recipe.versions.length}</span>
            </h2>
          </header>
          <div className="panel__body">
            <RecipeVersions
              key={recipe.latestVersion?.id ?? 'none'}
              recipeId={recipe.id}
              nowIso={now.toISOString()}
              versions={recipe.versions.map((v) => ({
                id: v.id,
                version: v.version,
                changeNote: v.changeNote,
                author: v.author,
                createdAt: v.createdAt,
                manifest: v.manifest,
                diffSize: v.diff ? v.diff.length : null,
              }))}
            />
          </div>
        </section>

        <section id="packs" className="panel detail-section" aria-labelledby="packs-heading">
          <header className="panel__header">
            <h2 id="packs-heading">
              Evaluation packs <span className="count">{recipe.attachedPacks.length}</span>
            </h2>
          </header>
          <div className="panel__body">
            <AttachedPacks
              recipeId={recipe.id}
              attached={recipe.attachedPacks}
              choices={packChoices}
              canChange={recipe.status !== 'ARCHIVED'}
            />
          </div>
        </section>

        <section id="example" className="panel detail-section" aria-labelledby="example-heading">
          <header className="panel__header">
            <h2 id="example-heading">Synthetic example</h2>
          </header>
          <div className="panel__body">
            <SyntheticExampleView example={recipe.syntheticExample ?? null} />
          </div>
        </section>
      </div>
    </>
  );
}
