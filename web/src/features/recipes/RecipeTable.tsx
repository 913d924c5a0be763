import Link from 'next/link';
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
    parent {
      id
      name
    }
    latestVersion {
      id
      version
    }
  }
`);

export interface RecipeTableProps {
  recipes: ReadonlyArray<FragmentType<typeof RecipeTable_RecipeFragment>>;
  /** The request's "now", so every relative time on the page agrees. */
  now: Date;
  /** True when a filter or search is applied (changes the empty state's wording). */
  filtered?: boolean;
}

export function RecipeTable({ recipes: recipeRefs, now, filtered = false }: RecipeTableProps) {
  const recipes = getFragmentData(RecipeTable_RecipeFragment, recipeRefs);
  if (recipes.length === 0) {
    return filtered ? (
      <EmptyState title="No recipes match these filters">Clear the search or a filter to see more.</EmptyState>
    ) : (
      <EmptyState title="No recipes yet">
        Recipes are the templates models are built from. Load the demo workspace with <code>npm run seed</code>.
      </EmptyState>
    );
  }
  return (
    <div className="table-scroll">
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
              <td className="data-table__primary">
                <Link href={`/recipes/${recipe.id}`}>{recipe.name}</Link>
                {recipe.parent ? (
                  <span className="data-table__secondary">cloned from {recipe.parent.name}</span>
                ) : null}
              </td>
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
    </div>
  );
}
