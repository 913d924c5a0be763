import Link from 'next/link';
import { EmptyState } from '@/components/EmptyState';
import { ErrorPanel } from '@/components/ErrorPanel';
import { EvaluationResultCard } from '@/features/evaluation/EvaluationResultCard';
import { latestPerPack } from '@/features/evaluation/thresholds';
import { graphql } from '@/gql';
import { mapWithConcurrency } from '@/lib/concurrency';
import { formatEnumLabel } from '@/lib/format';
import { shortId } from '@/lib/ids';
import { loadUncached } from '@/features/monitoring/load-uncached';

/** Earlier results linked under each pack's card; the rest are counted. */
export const EARLIER_LINKS = 10;

/**
 * Every run evaluation of the model, newest first, with only what picking the latest per pack and
 * linking the earlier ones needs (a model with 1,000 evaluated runs: ~120 KB instead of ~1.2 MB
 * with every metric and threshold of every result).
 */
const ModelEvaluationHistoryQuery = graphql(`
  query ModelEvaluationHistory($id: ID!) {
    model(id: $id) {
      id
      evaluationResults(kind: RUN) {
        id
        pack {
          id
        }
        run {
          id
          type
        }
      }
    }
  }
`);

/**
 * The verdicts of one run with every metric and threshold. The model's newest result for a pack is
 * its run's newest result for that pack version, so it is among these.
 */
const RunEvaluationsQuery = graphql(`
  query RunEvaluations($id: ID!) {
    run(id: $id) {
      id
      evaluationResults {
        id
        ...EvaluationResultCard_Result
      }
    }
  }
`);

/** The history query's answer; null when it was not asked (the model could not be loaded). */
export type EvaluationHistory = Promise<Awaited<ReturnType<typeof loadEvaluationHistory>> | null>;

/** Starts the history query (the page starts it once its own query and the monitoring one are answered). */
export function loadEvaluationHistory(modelId: string) {
  return loadUncached(ModelEvaluationHistoryQuery, { id: modelId }, 'ModelEvaluationHistory');
}

/** The model page's evaluation section (a server component, streamed on its own): the latest result per pack, then links to earlier ones. */
export async function EvaluationSection({ data, now }: { data: EvaluationHistory; now: Date }) {
  const history = await data;
  if (!history) return null;
  if (!history.ok) return <ErrorPanel info={history.error} />;
  const groups = latestPerPack(history.data.model?.evaluationResults ?? []);
  if (groups.length === 0) {
    return (
      <EmptyState title="No evaluation results yet">
        A run is evaluated by every pack attached to the recipe when it succeeds.
      </EmptyState>
    );
  }
  const runIds = [...new Set(groups.flatMap(({ latest }) => (latest.run ? [latest.run.id] : [])))];
  const runs = await mapWithConcurrency(runIds, 4, (id) => loadUncached(RunEvaluationsQuery, { id }, 'RunEvaluations'));
  const failed = runs.find((r) => !r.ok);
  if (failed && !failed.ok) return <ErrorPanel info={failed.error} />;
  const details = new Map(runs.flatMap((r) => (r.ok && r.data.run ? r.data.run.evaluationResults.map((e) => [e.id, e] as const) : [])));

  return (
    <>
      {groups.map(({ latest, older }) => {
        const detail = details.get(latest.id);
        const earlier = older.length ? (
          <p className="panel__body muted">
            Earlier:{' '}
            {older.slice(0, EARLIER_LINKS).map((o, i) => (
              <span key={o.id}>
                {i > 0 ? ' · ' : null}
                {o.run ? <Link href={`/runs/${o.run.id}`}>{shortId(o.run.id)}</Link> : null}
              </span>
            ))}
            {older.length > EARLIER_LINKS ? (
              <> and {(older.length - EARLIER_LINKS).toLocaleString('en-US')} more (every run&apos;s verdict is in the runs table)</>
            ) : null}
          </p>
        ) : null;
        const subject = latest.run ? (
          <Link href={`/runs/${latest.run.id}`}>
            {formatEnumLabel(latest.run.type)} run {shortId(latest.run.id)}
          </Link>
        ) : null;
        return detail ? (
          <EvaluationResultCard key={latest.id} result={detail} now={now} subject={subject}>
            {earlier}
          </EvaluationResultCard>
        ) : (
          <div key={latest.id}>{earlier}</div>
        );
      })}
    </>
  );
}
