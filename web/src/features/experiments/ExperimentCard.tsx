import Link from 'next/link';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { formatPercent } from '@/lib/format-number';

export const ExperimentCard_ExperimentFragment = graphql(`
  fragment ExperimentCard_Experiment on Experiment {
    id
    name
    status
    targetMetric
    expectedImprovement
    owner
    updatedAt
    decision
    models {
      role
      model {
        id
        name
      }
    }
  }
`);

/** One experiment on the board: its name (linking to it), what it expects, its candidates, who and when. */
export function ExperimentCard({ experiment: ref, now }: { experiment: FragmentType<typeof ExperimentCard_ExperimentFragment>; now: Date }) {
  const experiment = getFragmentData(ExperimentCard_ExperimentFragment, ref);
  const candidates = experiment.models.filter((m) => m.role === 'CANDIDATE').map((m) => m.model.name);
  return (
    <li className="board-card" data-testid="experiment-card" data-experiment-id={experiment.id}>
      <Link href={`/experiments/${experiment.id}`} className="board-card__title">
        {experiment.name}
      </Link>
      <span className="board-card__meta">
        <span className="mono">{experiment.targetMetric}</span> · expects {formatPercent(experiment.expectedImprovement, 1)}
      </span>
      {candidates.length ? <span className="board-card__meta">Candidates: {candidates.join(', ')}</span> : null}
      <span className="board-card__meta">
        {experiment.owner || 'unknown'} · <RelativeTime iso={experiment.updatedAt} now={now} />
        {experiment.decision ? (
          <>
            {' '}
            <StatusBadge status={experiment.decision} />
          </>
        ) : null}
      </span>
    </li>
  );
}
