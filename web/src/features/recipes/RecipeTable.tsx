import { EmptyState } from '@/components/EmptyState';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatEnumLabel } from '@/lib/format';

export const RecipeTable_RecipeFragment = graphql(`
  fragment RecipeTable_Recipe on Recipe {
    id
    name
    family
    level
    status
    updatedAt
    latestVersion {
      id
      version
    }
  }
`);

export interface RecipeTableProps {
  recipes: ReadonlyArray<FragmentType<typeof RecipeTable_RecipeFragment>>;
  totalCount: number;
  /** The request's "now", so every relative time on the page agrees. */
  now: Date;
}

export function RecipeTable({ recipes: recipeRefs, totalCount, now }: RecipeTableProps) {
  const recipes = getFragmentData(RecipeTable_RecipeFragment, recipeRefs);
  return (
    <section className="panel" aria-labelledby="recipes-heading">
      <header className="panel__header">
        <h2 id="recipes-heading">
          Recipes <span className="count">{totalCount}</span>
        </h2>
        {recipes.length < totalCount ? (
          <span className="panel__note">
            Showing {recipes.length} of {totalCount}, most recently updated first
          </span>
        ) : null}
      </header>
      {recipes.length === 0 ? (
        <EmptyState title="No recipes yet">
          Recipes are the templates models are built from. Load the demo workspace with{' '}
          <code>npm run seed</code>.
        </EmptyState>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Family</th>
              <th scope="col">Level</th>
              <th scope="col">Status</th>
              <th scope="col">Latest version</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {recipes.map((recipe) => (
              <tr key={recipe.id}>
                <td className="data-table__primary">{recipe.name}</td>
                <td>{formatEnumLabel(recipe.family)}</td>
                <td>{formatEnumLabel(recipe.level)}</td>
                <td>
                  <StatusBadge status={recipe.status} />
                </td>
                <td>
                  {recipe.latestVersion ? (
                    <span className="mono">{recipe.latestVersion.version}</span>
                  ) : (
                    <span className="muted">No versions</span>
                  )}
                </td>
                <td>
                  <RelativeTime iso={recipe.updatedAt} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
