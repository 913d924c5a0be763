import Link from 'next/link';
import { EmptyState } from '@/components/EmptyState';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatEnumLabel } from '@/lib/format';

export const ModelTable_ModelFragment = graphql(`
  fragment ModelTable_Model on Model {
    id
    name
    owner
    status
    updatedAt
    recipe {
      id
      name
      family
    }
    latestEvaluation {
      id
      status
      summary
      createdAt
    }
  }
`);

export interface ModelTableProps {
  models: ReadonlyArray<FragmentType<typeof ModelTable_ModelFragment>>;
  /** The request's "now", so every relative time on the page agrees. */
  now: Date;
  /** True when a filter or search is applied (changes the empty state's wording). */
  filtered?: boolean;
}

export function ModelTable({ models: modelRefs, now, filtered = false }: ModelTableProps) {
  const models = getFragmentData(ModelTable_ModelFragment, modelRefs);
  if (models.length === 0) {
    return filtered ? (
      <EmptyState title="No models match these filters">Clear the search or a filter to see more.</EmptyState>
    ) : (
      <EmptyState title="No models yet">A model is registered from an approved recipe version.</EmptyState>
    );
  }
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Family</th>
            <th scope="col">Status</th>
            <th scope="col">Owner</th>
            <th scope="col">Latest evaluation</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.id}>
              <td className="data-table__primary">
                <Link href={`/models/${model.id}`}>{model.name}</Link>
                <span className="data-table__secondary">
                  from <Link href={`/recipes/${model.recipe.id}`}>{model.recipe.name}</Link> · updated{' '}
                  <RelativeTime iso={model.updatedAt} now={now} />
                </span>
              </td>
              <td>{formatEnumLabel(model.recipe.family)}</td>
              <td>
                <StatusBadge status={model.status} />
              </td>
              <td>{model.owner}</td>
              <td>
                {model.latestEvaluation ? (
                  <div className="evaluation">
                    <StatusBadge status={model.latestEvaluation.status} />
                    <span className="evaluation__summary">{model.latestEvaluation.summary}</span>
                    <span className="evaluation__time">
                      <RelativeTime iso={model.latestEvaluation.createdAt} now={now} />
                    </span>
                  </div>
                ) : (
                  <span className="muted">Not evaluated yet</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
