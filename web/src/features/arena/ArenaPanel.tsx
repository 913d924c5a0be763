import Link from 'next/link';
import { StatusBadge } from '@/components/StatusBadge';
import { formatMetric, formatPercent } from '@/lib/format-number';
import { formatEnumLabel } from '@/lib/format';
import { JoinArena, PromotionActions } from './ArenaActions';

export interface ArenaEntryData {
  role: string;
  trafficWeight: number;
  pendingSince?: string | null;
  model: { id: string; name: string; status: string };
}

export interface ArenaData {
  id: string;
  name: string;
  description: string;
  policy: {
    requireNotFail: boolean;
    criteria: ReadonlyArray<{ metric: string; direction: string; minRelativeImprovement?: number | null; notWorse: boolean }>;
  };
  entries: readonly ArenaEntryData[];
}

export interface DecisionData {
  challengerId: string;
  promote: boolean;
  reasons: readonly string[];
  challengerLatestStatus?: string | null;
  criteria: ReadonlyArray<{
    metric: string;
    direction: string;
    required: string;
    championValue?: number | null;
    challengerValue?: number | null;
    relativeImprovement?: number | null;
    met: boolean;
  }>;
}

/**
 * The model's place in its arena (role, traffic weight, the other entries) and, for each
 * challenger, the champion-vs-challenger comparison under the arena's promotion policy.
 */
export function ArenaPanel({
  modelId,
  modelName,
  arena,
  decisions,
  otherArenas,
}: {
  modelId: string;
  modelName: string;
  arena: ArenaData | null;
  decisions: readonly DecisionData[];
  otherArenas: ReadonlyArray<{ id: string; name: string }>;
}) {
  if (!arena) {
    return (
      <div className="stack stack--tight">
        <p className="muted">This model is in no arena: it does not compete for a deployment slot.</p>
        <JoinArena modelId={modelId} modelName={modelName} arenas={otherArenas} />
      </div>
    );
  }
  const champion = arena.entries.find((e) => e.role === 'CHAMPION');
  return (
    <div className="stack stack--tight">
      <p>
        <strong>{arena.name}</strong> {arena.description ? <span className="muted">· {arena.description}</span> : null}
      </p>
      <div className="table-scroll">
        <table className="data-table data-table--compact" aria-label="Arena entries">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Role</th>
              <th scope="col" className="num">
                Traffic
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {arena.entries.map((entry) => (
              <tr key={entry.model.id} aria-current={entry.model.id === modelId ? 'true' : undefined}>
                <td className="data-table__primary">
                  {entry.model.id === modelId ? entry.model.name : <Link href={`/models/${entry.model.id}`}>{entry.model.name}</Link>}
                  {entry.model.id === modelId ? <span className="muted"> (this model)</span> : null}
                  {entry.pendingSince ? <span className="data-table__secondary">promotion waiting for approval</span> : null}
                </td>
                <td>
                  <StatusBadge status={entry.role} />
                </td>
                <td className="num">{formatPercent(entry.trafficWeight)}</td>
                <td>
                  <StatusBadge status={entry.model.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        Policy: {arena.policy.criteria.map((c) => `${c.metric} ${c.notWorse ? 'not worse' : `≥ ${formatPercent(c.minRelativeImprovement ?? 0)} better`}`).join(', ') || 'no criteria'}
        {arena.policy.requireNotFail ? '; the latest evaluation must not be FAIL' : ''}.
      </p>
      {decisions.map((decision) => {
        const entry = arena.entries.find((e) => e.model.id === decision.challengerId);
        if (!entry) return null;
        return (
          <article key={decision.challengerId} className="eval-card" data-testid="promotion-decision">
            <header className="eval-card__header">
              <StatusBadge status={decision.promote ? 'PASS' : 'FAIL'} />
              <span className="eval-card__title">
                {champion?.model.name ?? 'Champion'} vs {entry.model.name}
              </span>
              <span>{decision.promote ? 'The challenger meets the promotion policy.' : 'The challenger does not meet the promotion policy.'}</span>
              {decision.challengerLatestStatus ? (
                <span className="muted">
                  challenger&apos;s latest evaluation <StatusBadge status={decision.challengerLatestStatus} />
                </span>
              ) : null}
            </header>
            <div className="table-scroll">
              <table className="data-table data-table--compact">
                <thead>
                  <tr>
                    <th scope="col">Metric</th>
                    <th scope="col" className="num">
                      Champion
                    </th>
                    <th scope="col" className="num">
                      Challenger
                    </th>
                    <th scope="col" className="num">
                      Improvement
                    </th>
                    <th scope="col">Required</th>
                    <th scope="col">Met</th>
                  </tr>
                </thead>
                <tbody>
                  {decision.criteria.map((c) => (
                    <tr key={c.metric}>
                      <th scope="row" className="mono">
                        {c.metric} <span className="muted">{c.direction === 'LOWER_IS_BETTER' ? '↓' : '↑'}</span>
                      </th>
                      <td className="num">{formatMetric(c.championValue)}</td>
                      <td className="num">{formatMetric(c.challengerValue)}</td>
                      <td className="num">{c.relativeImprovement == null ? '—' : formatPercent(c.relativeImprovement, 1)}</td>
                      <td>{c.required}</td>
                      <td>
                        <StatusBadge status={c.met ? 'PASS' : 'FAIL'} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {decision.reasons.length ? (
              <ul className="panel__body reasons">
                {decision.reasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            ) : null}
            {entry.role !== 'CHAMPION' ? (
              <div className="panel__body">
                <PromotionActions
                  arenaId={arena.id}
                  challengerId={decision.challengerId}
                  challengerName={entry.model.name}
                  policyMet={decision.promote}
                  pending={Boolean(entry.pendingSince)}
                />
              </div>
            ) : null}
          </article>
        );
      })}
      {decisions.length === 0 ? <p className="muted">No challenger to compare with {formatEnumLabel('CHAMPION').toLowerCase()} yet.</p> : null}
    </div>
  );
}
