'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { InlineError } from '@/components/InlineError';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import type { SchedulesPanel_ScheduleFragment as SchedulesPanelSchedule } from '@/gql/graphql';
import { formatEnumLabel } from '@/lib/format';
import { shortId } from '@/lib/ids';
import { describeCron, scheduleActions } from './schedule-format';

export const SchedulesPanel_ScheduleFragment = graphql(`
  fragment SchedulesPanel_Schedule on Schedule {
    id
    kind
    cron
    timezone
    paused
    nextRunAt
    lastRunAt
    lastRun {
      id
      type
      status
    }
  }
`);

const PauseSchedule = graphql(`
  mutation PauseSchedule($id: ID!) {
    pauseSchedule(id: $id) {
      id
      paused
      nextRunAt
    }
  }
`);

const ResumeSchedule = graphql(`
  mutation ResumeSchedule($id: ID!) {
    resumeSchedule(id: $id) {
      id
      paused
      nextRunAt
    }
  }
`);

const RunScheduleNow = graphql(`
  mutation RunScheduleNow($id: ID!) {
    runScheduleNow(id: $id) {
      id
      type
      status
    }
  }
`);

/**
 * A model's schedules (the worker queues their runs when due): kind, cron and time zone, next and
 * last run with a link, and Pause / Resume / Run now. Each row has its own errors.
 */
export function SchedulesPanel({
  schedules: refs,
  nowIso,
}: {
  schedules: ReadonlyArray<FragmentType<typeof SchedulesPanel_ScheduleFragment>>;
  /** ISO time of the request's "now", so every relative time on the page agrees. */
  nowIso: string;
}) {
  const schedules = getFragmentData(SchedulesPanel_ScheduleFragment, refs);
  const now = new Date(nowIso);
  if (schedules.length === 0) {
    return (
      <EmptyState title="No schedules">
        Production forecasting models get daily and weekly backtests; staging and production models retrain on their manifest’s
        deployment.schedule.
      </EmptyState>
    );
  }
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Schedules">
        <thead>
          <tr>
            <th scope="col">Schedule</th>
            <th scope="col">Cron</th>
            <th scope="col">Next run</th>
            <th scope="col">Last run</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {schedules.map((s) => (
            <ScheduleRow key={s.id} schedule={s} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

type ScheduleData = SchedulesPanelSchedule;

function ScheduleRow({ schedule: s, now }: { schedule: ScheduleData; now: Date }) {
  const router = useRouter();
  const refresh = { onCompleted: () => router.refresh() };
  const [pause, pausing] = useMutation(PauseSchedule, refresh);
  const [resume, resuming] = useMutation(ResumeSchedule, refresh);
  const [runNow, running] = useMutation(RunScheduleNow, refresh);
  const [queued, setQueued] = useState<{ id: string; type: string } | null>(null);
  const busy = pausing.loading || resuming.loading || running.loading;
  const error = pausing.error ?? resuming.error ?? running.error;
  const label = formatEnumLabel(s.kind);
  const ignore = () => undefined;

  return (
    <tr data-schedule={s.kind}>
      <td className="data-table__primary">
        {label} {s.paused ? <StatusBadge status="PAUSED" /> : null}
      </td>
      <td>
        <span className="mono">{s.cron}</span>
        <span className="data-table__secondary">
          {describeCron(s.cron)} · {s.timezone}
        </span>
      </td>
      <td>{s.paused ? <span className="muted">paused</span> : <RelativeTime iso={s.nextRunAt} now={now} />}</td>
      <td>
        {s.lastRun ? (
          <>
            <Link href={`/runs/${s.lastRun.id}`}>
              {formatEnumLabel(s.lastRun.type)} <span className="mono">{shortId(s.lastRun.id)}</span>
            </Link>{' '}
            <StatusBadge status={s.lastRun.status} />
            {s.lastRunAt ? (
              <span className="data-table__secondary">
                <RelativeTime iso={s.lastRunAt} now={now} />
              </span>
            ) : null}
          </>
        ) : (
          <span className="muted">never</span>
        )}
      </td>
      <td>
        <div className="button-row" role="group" aria-label={`${label} actions`}>
          {scheduleActions(s.paused).map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'runNow' ? 'button button--small button--primary' : 'button button--small'}
              disabled={busy}
              onClick={() => {
                const variables = { id: s.id };
                if (action === 'pause') void pause({ variables }).catch(ignore);
                else if (action === 'resume') void resume({ variables }).catch(ignore);
                else
                  void runNow({ variables })
                    .then(({ data }) => data && setQueued({ id: data.runScheduleNow.id, type: data.runScheduleNow.type }))
                    .catch(ignore);
              }}
            >
              {action === 'pause' ? 'Pause' : action === 'resume' ? 'Resume' : 'Run now'}
            </button>
          ))}
        </div>
        {queued ? (
          <span className="data-table__secondary" role="status">
            Queued <Link href={`/runs/${queued.id}`}>{formatEnumLabel(queued.type).toLowerCase()} run {shortId(queued.id)}</Link>
          </span>
        ) : null}
        <InlineError error={error} />
      </td>
    </tr>
  );
}
