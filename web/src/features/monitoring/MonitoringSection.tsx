import { ErrorPanel } from '@/components/ErrorPanel';
import type { ThresholdRule } from '@/features/charts/chart-options';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import { loadUncached } from './load-uncached';
import { buildMonitoringSeries } from './monitoring-series';
import { MonitoringPanel } from './MonitoringPanel';

/** What a chart needs from each snapshot of the window, and nothing else (no ids, no per-snapshot evaluations). */
export const MonitoringSection_PointFragment = graphql(`
  fragment MonitoringSection_Point on MonitorSnapshot {
    recordedAt
    performance {
      key
      value
    }
    drift {
      feature
      method
      score
      pValue
      threshold
      drifted
    }
    freshness {
      lagHours
      limitHours
    }
  }
`);

const ModelMonitoringQuery = graphql(`
  query ModelMonitoring($id: ID!, $last: Int) {
    model(id: $id) {
      id
      recipe {
        id
        attachedPacks {
          id
          rules {
            key
            direction
            promote
            warn
            fail
          }
        }
      }
      latestSnapshot: monitorSnapshots(last: 1) {
        id
        ...MonitoringPanel_LatestSnapshot
      }
      monitorSnapshots(last: $last) {
        ...MonitoringSection_Point
      }
    }
  }
`);

export type MonitoringData = ReturnType<typeof loadMonitoring>;

/**
 * Starts the monitoring query: the page calls it before its own query, so both travel at once.
 * `last`: the window's newest N snapshots (undefined: all).
 */
export function loadMonitoring(modelId: string, last: number | undefined) {
  return loadUncached(ModelMonitoringQuery, { id: modelId, last }, 'ModelMonitoring');
}

/**
 * The model page's monitoring section (a server component, streamed on its own): the window's
 * chart points and the newest snapshot's facts, reduced to chart series here (monitoring-series.ts)
 * so that the browser gets compact props however many snapshots the window has.
 */
export async function MonitoringSection({ data }: { data: MonitoringData }) {
  const result = await data;
  if (!result.ok) return <ErrorPanel info={result.error} />;
  const model = result.data.model;
  if (!model) return null;
  const rules: Record<string, ThresholdRule> = {};
  for (const pack of model.recipe.attachedPacks) {
    for (const rule of pack.rules) rules[rule.key] ??= rule;
  }
  // The drift heatmap of the same window is drawn by the drift section (features/drift): not sent twice.
  const { drift: _drift, ...series } = buildMonitoringSeries(monitoringPoints(model.monitorSnapshots));
  return <MonitoringPanel series={series} latest={model.latestSnapshot[0] ?? null} rules={rules} />;
}

/** The window's chart points (unmasked), for the sections that draw them. */
export function monitoringPoints(refs: ReadonlyArray<FragmentType<typeof MonitoringSection_PointFragment>>) {
  return getFragmentData(MonitoringSection_PointFragment, refs);
}
