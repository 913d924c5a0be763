import Link from 'next/link';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { loadUncached } from '@/features/monitoring/load-uncached';
import { graphql } from '@/gql';
import { formatPercent } from '@/lib/format-number';
import { AbTestTable } from './AbTestTable';

/** A model's A/B tests (either arm) and the experiments it is linked to: one request for both sections. */
const ModelComparisonsQuery = graphql(`
  query ModelComparisons($id: ID!) {
    model(id: $id) {
      id
      abTests {
        id
        ...AbTestTable_AbTest
      }
      experiments {
        id
        name
        status
        targetMetric
        expectedImprovement
        decision
        updatedAt
        models {
          role
          model {
            id
          }
        }
      }
    }
  }
`);

/** A/B tests shown on the model page (the rest: the A/B test list filtered by the model). */
export const MODEL_AB_TESTS = 10;

export type ModelComparisons = ReturnType<typeof loadModelComparisons>;

/** Starts the query: the model page calls it before its own query, so both travel at once. */
export function loadModelComparisons(modelId: string) {
  return loadUncached(ModelComparisonsQuery, { id: modelId }, 'ModelComparisons');
}

export async function ModelAbTestsSection({ data, now }: { data: ModelComparisons; now: Date }) {
  const result = await data;
  if (!result.ok) return <ErrorPanel info={result.error} />;
  const tests = result.data.model?.abTests ?? [];
  return (
    <>
      <AbTestTable
        tests={tests.slice(0, MODEL_AB_TESTS)}
        now={now}
        emptyTitle="No A/B tests with this model"
        emptyHint="Start one with startAbTest: this model against another over a traffic split."
      />
      {tests.length > MODEL_AB_TESTS ? (
        <p className="board__more">
          {tests.length - MODEL_AB_TESTS} more: <Link href={`/ab-tests?model=${result.data.model!.id}`}>all A/B tests of this model →</Link>
        </p>
      ) : null}
    </>
  );
}

export async function ModelExperimentsSection({ data, now }: { data: ModelComparisons; now: Date }) {
  const result = await data;
  // The A/B test section shows the error once.
  if (!result.ok || !result.data.model) return null;
  const model = result.data.model;
  if (model.experiments.length === 0) {
    return <EmptyState title="No experiments with this model">Propose one on the experiments board and link this model as a baseline or candidate.</EmptyState>;
  }
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Experiments">
        <thead>
          <tr>
            <th scope="col">Experiment</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {model.experiments.map((e) => (
            <tr key={e.id}>
              <td className="data-table__primary">
                <Link href={`/experiments/${e.id}`}>{e.name}</Link>
                <span className="data-table__secondary">
                  <span className="mono">{e.targetMetric}</span> · expects {formatPercent(e.expectedImprovement, 1)}
                </span>
              </td>
              <td>{(() => {
                const role = e.models.find((m) => m.model.id === model.id)?.role;
                return role ? <StatusBadge status={role} /> : '—';
              })()}</td>
              <td>
                <StatusBadge status={e.status} /> {e.decision ? <StatusBadge status={e.decision} /> : null}
              </td>
              <td>
                <RelativeTime iso={e.updatedAt} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
