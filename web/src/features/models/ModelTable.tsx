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
  totalCount: number;
  /** The request's "now", so every relative time on the page agrees. */
  now: Date;
}

export function ModelTable({ models: modelRefs, totalCount, now }: ModelTableProps) {
  const models = getFragmentData(ModelTable_ModelFragment, modelRefs);
  return (
    <section className="panel" aria-labelledby="models-heading">
      <header className="panel__header">
        <h2 id="models-heading">
          Models <span className="count">{totalCount}</span>
        </h2>
        {models.length < totalCount ? (
          <span className="panel__note">
            Showing {models.length} of {totalCount}, most recently updated first
          </span>
        ) : null}
      </header>
      {models.length === 0 ? (
        <EmptyState title="No models yet">
          A model is registered from an approved recipe version.
        </EmptyState>
      ) : (
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
                  {model.name}
                  <span className="data-table__secondary">
                    from {model.recipe.name} · updated <RelativeTime iso={model.updatedAt} now={now} />
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
      )}
    </section>
  );
}
