import { unstable_rethrow } from 'next/navigation';
import { ErrorPanel } from '@/components/ErrorPanel';
import { ModelTable } from '@/features/models/ModelTable';
import { RecipeTable } from '@/features/recipes/RecipeTable';
import { graphql } from '@/gql';
import type { HomePageQuery as HomePageData } from '@/gql/graphql';
import { type ApiErrorInfo, describeApiError } from '@/lib/api-error';
import { query } from '@/lib/apollo-rsc';
import { serverApiUrl } from '@/lib/config';

// Rendered per request: the data is live, and the API need not be up at build time.
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 20;

const HomePageQuery = graphql(`
  query HomePage($first: Int!) {
    recipes(first: $first, orderBy: { field: UPDATED_AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          ...RecipeTable_Recipe
        }
      }
    }
    models(first: $first, orderBy: { field: UPDATED_AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          ...ModelTable_Model
        }
      }
    }
  }
`);

type Loaded = { ok: true; data: HomePageData } | { ok: false; error: ApiErrorInfo };

/** Never throws for an API failure: the page shows what went wrong instead of a 500. */
async function loadHomePage(): Promise<Loaded> {
  try {
    const { data } = await query({ query: HomePageQuery, variables: { first: PAGE_SIZE } });
    if (!data) throw new Error('The API returned no data');
    return { ok: true, data };
  } catch (error) {
    unstable_rethrow(error);
    console.error('HomePage query failed:', error);
    return { ok: false, error: describeApiError(error, serverApiUrl()) };
  }
}

export default async function HomePage() {
  const result = await loadHomePage();
  const now = new Date();
  return (
    <>
      <div className="page-header">
        <h1>Overview</h1>
        <p className="page-header__lead">Recipes and the models registered from them.</p>
      </div>
      {!result.ok ? (
        <ErrorPanel info={result.error} />
      ) : (
        <div className="stack">
          <RecipeTable
            recipes={result.data.recipes.edges.map((edge) => edge.node)}
            totalCount={result.data.recipes.totalCount}
            now={now}
          />
          <ModelTable
            models={result.data.models.edges.map((edge) => edge.node)}
            totalCount={result.data.models.totalCount}
            now={now}
          />
        </div>
      )}
    </>
  );
}
