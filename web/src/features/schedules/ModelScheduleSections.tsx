import { ErrorPanel } from '@/components/ErrorPanel';
import { RetrainingLog } from '@/features/runs/RetrainingLog';
import { graphql } from '@/gql';
import { load } from '@/lib/load';
import { SchedulesPanel } from './SchedulesPanel';

/** A model's schedules and its newest retrainings (one request for both sections). */
const ModelSchedulesQuery = graphql(`
  query ModelSchedules($id: ID!, $retrainings: Int!) {
    model(id: $id) {
      id
      schedules {
        id
        ...SchedulesPanel_Schedule
      }
      retrainingEvents(first: $retrainings) {
        id
        ...RetrainingLog_Event
      }
    }
  }
`);

/** Retraining events shown on the model page. */
export const RETRAINING_LOG_SIZE = 20;

export type ModelSchedules = ReturnType<typeof loadModelSchedules>;

/** Starts the query: the model page calls it before its own query, so both travel at once. */
export function loadModelSchedules(modelId: string) {
  return load(ModelSchedulesQuery, { id: modelId, retrainings: RETRAINING_LOG_SIZE }, 'ModelSchedules');
}

/** The Schedules panel's body: kind, cron, next/last run and Pause / Resume / Run now. Streams in under <Suspense>. */
export async function SchedulesSection({ data, now }: { data: ModelSchedules; now: Date }) {
  const result = await data;
  if (!result.ok) return <ErrorPanel info={result.error} />;
  return <SchedulesPanel schedules={result.data.model?.schedules ?? []} nowIso={now.toISOString()} />;
}

/** The Retraining log's body: trigger, time, run and outcome, newest first. Streams in under <Suspense>. */
export async function RetrainingSection({ data, now }: { data: ModelSchedules; now: Date }) {
  const result = await data;
  // The schedules section shows the error once.
  if (!result.ok) return null;
  return <RetrainingLog events={result.data.model?.retrainingEvents ?? []} nowIso={now.toISOString()} />;
}
