import type { Metadata } from 'next';
import { ConnectionPager } from '@/components/ConnectionPager';
import { ErrorPanel } from '@/components/ErrorPanel';
import { ApiKeyTable } from '@/features/identity/ApiKeyTable';
import { CreateApiKeyForm } from '@/features/identity/CreateApiKeyForm';
import { NeedsAdmin } from '@/features/identity/NeedsAdmin';
import { getViewer } from '@/features/identity/viewer';
import { graphql } from '@/gql';
import { load } from '@/lib/load';
import { grantableRoles, hasRole } from '@/lib/roles';
import type { SearchParams } from '@/lib/search-params';
import { parseCursorPage } from '@/lib/url-state';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'API keys' };

const PAGE_SIZE = 50;

const ApiKeysPageQuery = graphql(`
  query ApiKeysPage($first: Int!, $after: String) {
    apiKeys(first: $first, after: $after, includeRevoked: true) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ApiKeyTable_ApiKey
        }
      }
    }
  }
`);

export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const search = await searchParams;
  const viewer = await getViewer();
  if (viewer.status === 'unknown') return <ErrorPanel info={viewer.error} />;
  const role = viewer.status === 'signed-in' ? viewer.viewer.role : null;
  const workspace = viewer.status === 'signed-in' ? (viewer.viewer.workspace?.slug ?? null) : null;
  if (!hasRole(role, 'ADMIN')) {
    return (
      <section className="panel">
        <div className="panel__body">
          <NeedsAdmin what="Managing API keys" role={role} workspace={workspace} />
        </div>
      </section>
    );
  }
  const page = parseCursorPage(search);
  const result = await load(ApiKeysPageQuery, { first: PAGE_SIZE, after: page.after }, 'ApiKeysPage');
  return (
    <section className="panel" aria-labelledby="api-keys-heading">
      <header className="panel__header">
        <h2 id="api-keys-heading">
          API keys {result.ok ? <span className="count">{result.data.apiKeys.totalCount}</span> : null}
        </h2>
        <span className="panel__note">
          For pipelines and integrations: <code>Authorization: Bearer myk_…</code>. Each key works in this workspace with its role.
        </span>
      </header>
      <div className="panel__body">
        <CreateApiKeyForm roles={grantableRoles(role)} />
      </div>
      {!result.ok ? (
        <ErrorPanel info={result.error} />
      ) : (
        <>
          <ApiKeyTable keys={result.data.apiKeys.edges.map((e) => e.node)} nowIso={new Date().toISOString()} />
          <ConnectionPager label="API key pages" path="/settings/api-keys" search={search} page={page} pageSize={PAGE_SIZE} connection={result.data.apiKeys} />
        </>
      )}
    </section>
  );
}
