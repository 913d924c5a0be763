import { DEFAULT_PREDICTION_WINDOW, PREDICTION_WINDOWS, type PredictionWindow } from '@/features/predictions/prediction-view';
import type { RunStatus, RunType } from '@/gql/graphql';
import { oneOf, RUN_STATUSES, RUN_TYPES } from '@/lib/enums';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { type CursorPage, parseCursorPage } from '@/lib/url-state';

/** URL parameters of a model page's runs table (prefixed `r`) and monitoring window. */
export const RUN_PREFIX = 'r';
export const RUN_PAGE_SIZES = [20, 50, 100] as const;
export const SNAPSHOT_WINDOWS = ['50', '200', '1000', 'all'] as const;
export type SnapshotWindow = (typeof SNAPSHOT_WINDOWS)[number];
export const DEFAULT_SNAPSHOT_WINDOW: SnapshotWindow = '200';

export interface ModelPageState {
  runStatus: RunStatus | null;
  runType: RunType | null;
  runSort: 'CREATED_AT' | 'UPDATED_AT';
  runDir: 'ASC' | 'DESC';
  runSize: number;
  runPage: CursorPage;
  window: SnapshotWindow;
  /** The prediction latency chart's window (`pwin`). */
  predictionWindow: PredictionWindow;
}

export function parseModelPageParams(params: SearchParams): ModelPageState {
  const size = Number(firstParam(params, 'rsize'));
  return {
    runStatus: oneOf(RUN_STATUSES, firstParam(params, 'rstatus')),
    runType: oneOf(RUN_TYPES, firstParam(params, 'rtype')),
    runSort: firstParam(params, 'rsort') === 'UPDATED_AT' ? 'UPDATED_AT' : 'CREATED_AT',
    runDir: firstParam(params, 'rdir') === 'ASC' ? 'ASC' : 'DESC',
    runSize: (RUN_PAGE_SIZES as readonly number[]).includes(size) ? size : 20,
    runPage: parseCursorPage(params, RUN_PREFIX),
    window: oneOf(SNAPSHOT_WINDOWS, firstParam(params, 'window')) ?? DEFAULT_SNAPSHOT_WINDOW,
    predictionWindow: oneOf(PREDICTION_WINDOWS, firstParam(params, 'pwin')) ?? DEFAULT_PREDICTION_WINDOW,
  };
}

/** `last` for Model.monitorSnapshots (undefined: every snapshot). */
export function snapshotLast(window: SnapshotWindow): number | undefined {
  return window === 'all' ? undefined : Number(window);
}
