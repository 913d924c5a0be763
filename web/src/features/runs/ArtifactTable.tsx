import { EmptyState } from '@/components/EmptyState';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatBytes } from '@/lib/format-number';

export const ArtifactTable_ArtifactFragment = graphql(`
  fragment ArtifactTable_Artifact on RunArtifact {
    id
    name
    kind
    uri
    sizeBytes
    checksum
    metadata
  }
`);

/** The first 12 hex digits of a sha256: enough to compare by eye (the full one is in the title). */
export function shortChecksum(checksum: string | null | undefined): string {
  if (!checksum) return '—';
  return checksum.length > 12 ? `${checksum.slice(0, 12)}…` : checksum;
}

/** Free-form artifact metadata as `key: value` pairs (nested values as compact JSON). */
export function metadataEntries(metadata: unknown): Array<[string, string]> {
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) return [];
  return Object.entries(metadata as Record<string, unknown>).map(([key, value]) => [
    key,
    typeof value === 'string' ? value : typeof value === 'number' ? value.toLocaleString('en-US') : JSON.stringify(value),
  ]);
}

export function ArtifactTable({ artifacts: refs }: { artifacts: ReadonlyArray<FragmentType<typeof ArtifactTable_ArtifactFragment>> }) {
  const artifacts = getFragmentData(ArtifactTable_ArtifactFragment, refs);
  if (artifacts.length === 0) return <EmptyState title="No artifacts">This run stored no files.</EmptyState>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Checksum (sha256)</th>
            <th scope="col">Metadata</th>
          </tr>
        </thead>
        <tbody>
          {artifacts.map((artifact) => (
            <tr key={artifact.id}>
              <td className="data-table__primary">
                <span className="mono">{artifact.name}</span>
                <span className="data-table__secondary mono">{artifact.uri}</span>
              </td>
              <td>{artifact.kind}</td>
              <td className="num" title={`${artifact.sizeBytes.toLocaleString('en-US')} bytes`}>
                {formatBytes(artifact.sizeBytes)}
              </td>
              <td className="mono" title={artifact.checksum ?? 'No checksum (reported from outside Modelyard)'} data-testid="artifact-checksum">
                {shortChecksum(artifact.checksum)}
              </td>
              <td>
                <dl className="inline-metrics">
                  {metadataEntries(artifact.metadata).map(([key, value]) => (
                    <div key={key}>
                      <dt>{key}</dt>
                      <dd className="mono" title={value}>
                        {value.length > 28 ? `${value.slice(0, 27)}…` : value}
                      </dd>
                    </div>
                  ))}
                </dl>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
