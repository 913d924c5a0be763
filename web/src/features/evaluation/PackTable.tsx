import Link from 'next/link';
import { EmptyState } from '@/components/EmptyState';
import { RelativeTime } from '@/components/RelativeTime';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatEnumLabel } from '@/lib/format';

export const PackTable_PackFragment = graphql(`
  fragment PackTable_Pack on EvaluationPack {
    id
    name
    description
    family
    tags
    updatedAt
    latestVersion {
      id
      version
      rules {
        key
      }
      attachedTo {
        id
        name
      }
    }
  }
`);

export function PackTable({
  packs: packRefs,
  now,
  emptyTitle = 'No evaluation packs',
}: {
  packs: ReadonlyArray<FragmentType<typeof PackTable_PackFragment>>;
  now: Date;
  emptyTitle?: string;
}) {
  const packs = getFragmentData(PackTable_PackFragment, packRefs);
  if (packs.length === 0) {
    return <EmptyState title={emptyTitle}>A pack is a versioned list of metric rules with thresholds.</EmptyState>;
  }
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Family</th>
            <th scope="col">Latest version</th>
            <th scope="col">Metrics</th>
            <th scope="col">Attached to</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {packs.map((pack) => (
            <tr key={pack.id}>
              <td className="data-table__primary">
                <Link href={`/packs/${pack.id}`}>{pack.name}</Link>
                {pack.description ? <span className="data-table__secondary">{pack.description}</span> : null}
              </td>
              <td>{formatEnumLabel(pack.family)}</td>
              <td>
                {pack.latestVersion ? <span className="mono">{pack.latestVersion.version}</span> : <span className="muted">—</span>}
              </td>
              <td>
                {pack.latestVersion?.rules.map((rule) => rule.key).join(', ') || <span className="muted">—</span>}
              </td>
              <td>
                {pack.latestVersion?.attachedTo.length ? (
                  pack.latestVersion.attachedTo.map((recipe, i) => (
                    <span key={recipe.id}>
                      {i > 0 ? ', ' : null}
                      <Link href={`/recipes/${recipe.id}`}>{recipe.name}</Link>
                    </span>
                  ))
                ) : (
                  <span className="muted">Not attached</span>
                )}
              </td>
              <td>
                <RelativeTime iso={pack.updatedAt} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
