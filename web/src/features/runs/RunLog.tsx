'use client';

import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { graphql } from '@/gql';
import type { LogLevel } from '@/gql/graphql';
import { useLiveEvents } from '@/lib/use-live-events';
import { mergeLogLines } from './log-lines';
import { isLive, useRunLive } from './RunLive';

export const RunLogAppended = graphql(`
  subscription RunLogAppended($runId: ID!, $since: ID) {
    runLogAppended(runId: $runId, since: $since) {
      eventId
      lines {
        seq
        level
        message
        loggedAt
      }
    }
  }
`);

export const RunLogAfter = graphql(`
  query RunLogAfter($runId: ID!, $afterSeq: Int!) {
    run(id: $runId) {
      id
      logs(afterSeq: $afterSeq) {
        seq
        level
        message
        loggedAt
      }
    }
  }
`);

export interface LogLine {
  seq: number;
  level: LogLevel;
  message: string;
  loggedAt: string;
}

const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC' });

/**
 * The run's log. While the run is queued or running it tails `runLogAppended`; when the stream
 * (re)starts it also fetches the lines after the last one shown, so a line appended between the
 * page load and the subscription is not lost. Lines are merged by sequence number: none is shown
 * twice. It follows the end of the log unless the reader scrolls up.
 */
export function RunLog({ initialLines }: { initialLines: readonly LogLine[] }) {
  const run = useRunLive();
  const client = useApolloClient();
  const [lines, setLines] = useState<readonly LogLine[]>(initialLines);
  const [follow, setFollow] = useState(true);
  const box = useRef<HTMLPreElement>(null);
  const lastSeq = useRef(0);
  lastSeq.current = lines.length ? lines[lines.length - 1]!.seq : 0;
  const live = isLive(run.status);

  const append = useCallback((incoming: readonly LogLine[]) => setLines((current) => mergeLogLines(current, incoming)), []);

  const fillGap = useCallback(() => {
    client
      .query({ query: RunLogAfter, variables: { runId: run.id, afterSeq: lastSeq.current }, fetchPolicy: 'network-only' })
      .then(({ data }) => {
        if (data?.run) append(data.run.logs);
      })
      .catch(() => {
        // The live stream still delivers new lines; the gap is retried on the next (re)start.
      });
  }, [client, run.id, append]);

  useLiveEvents(RunLogAppended, { runId: run.id }, { skip: !live, onEvent: (data) => append(data.runLogAppended.lines), onStart: fillGap });

  // The run just finished: pick up any line written together with the final status.
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) fillGap();
    wasLive.current = live;
  }, [live, fillGap]);

  useLayoutEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < 24);
  };

  return (
    <div className="log-view">
      <div className="log-view__bar">
        <span className="muted" role="status" aria-live="polite">
          {lines.length} {lines.length === 1 ? 'line' : 'lines'}
          {live ? ' · tailing live' : ''}
        </span>
        {!follow ? (
          <button type="button" className="button button--small" onClick={() => setFollow(true)}>
            Follow the end
          </button>
        ) : null}
      </div>
      <pre className="log" ref={box} onScroll={onScroll} tabIndex={0} aria-label="Run log" data-testid="run-log">
        {lines.length === 0 ? (
          <span className="log__line">
            <span />
            <span />
            <span />
            <span className="log__message">{live ? 'Waiting for the first line…' : 'The log is empty.'}</span>
          </span>
        ) : (
          lines.map((line) => (
            <span key={line.seq} className={`log__line log__line--${line.level}`} data-seq={line.seq}>
              <span className="log__seq">{line.seq}</span>
              <span className="log__time">{time.format(Date.parse(line.loggedAt))}</span>
              <span className={`log__level log__level--${line.level}`}>{line.level}</span>
              <span className="log__message">{line.message}</span>
              {'\n'}
            </span>
          ))
        )}
      </pre>
    </div>
  );
}
