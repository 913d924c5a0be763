import type { AlertFilter, AlertSeverity, AlertStatus, AlertType } from '@/gql/graphql';
import { ALERT_SEVERITIES, ALERT_STATUSES, ALERT_TYPES, oneOf } from '@/lib/enums';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { type CursorPage, parseCursorPage } from '@/lib/url-state';

/** Status choices of the alert centre: "active" (open or acknowledged, the default), one status, or all. */
export const STATUS_VIEWS = ['active', ...ALERT_STATUSES, 'all'] as const;
export type StatusView = (typeof STATUS_VIEWS)[number];

export interface AlertCentreState {
  view: StatusView;
  severity: AlertSeverity | null;
  type: AlertType | null;
  q: string;
  page: CursorPage;
}

export const ALERT_PAGE_SIZE = 25;

export function parseAlertCentreParams(params: SearchParams): AlertCentreState {
  return {
    view: oneOf(STATUS_VIEWS, firstParam(params, 'status')) ?? 'active',
    severity: oneOf(ALERT_SEVERITIES, firstParam(params, 'severity')),
    type: oneOf(ALERT_TYPES, firstParam(params, 'type')),
    q: (firstParam(params, 'q') ?? '').trim().slice(0, 200),
    page: parseCursorPage(params),
  };
}

export function statusesOf(view: StatusView): AlertStatus[] | undefined {
  if (view === 'all') return undefined;
  if (view === 'active') return ['OPEN', 'ACKNOWLEDGED'];
  return [view];
}

export function alertCentreFilter(state: AlertCentreState): AlertFilter {
  return {
    statuses: statusesOf(state.view),
    minSeverity: state.severity ?? undefined,
    types: state.type ? [state.type] : undefined,
    search: state.q || undefined,
  };
}
