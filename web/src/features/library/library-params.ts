import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  ALERT_TYPES,
  MODEL_STATUSES,
  RECIPE_FAMILIES,
  RECIPE_LEVELS,
  RECIPE_STATUSES,
  RUN_STATUSES,
  RUN_TYPES,
  oneOf,
} from '@/lib/enums';
import type { AlertSeverity, RecipeFamily, RecipeLevel } from '@/gql/graphql';
import type { SearchParams } from '@/lib/search-params';
import { firstParam } from '@/lib/search-params';

/**
 * The library's view state, all of it in the URL so that a view can be shared:
 * `/?tab=runs&status=FAILED&type=TRAIN&size=50&after=<cursor>&trail=<c1>,<c2>`.
 */
export const LIBRARY_TABS = ['recipes', 'models', 'runs', 'packs', 'alerts'] as const;
export type LibraryTab = (typeof LIBRARY_TABS)[number];

export const TAB_LABELS: Record<LibraryTab, string> = {
  recipes: 'Recipes',
  models: 'Models',
  runs: 'Runs',
  packs: 'Evaluation packs',
  alerts: 'Alerts',
};

export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

export type SortDir = 'ASC' | 'DESC';

/** Which filters and sort fields each tab has (what its API connection accepts). */
export const TAB_FEATURES: Record<
  LibraryTab,
  {
    search: boolean;
    family: boolean;
    level: boolean;
    statuses: readonly string[];
    types: readonly string[];
    severity: boolean;
    sorts: readonly string[];
  }
> = {
  recipes: {
    search: true,
    family: true,
    level: true,
    statuses: RECIPE_STATUSES,
    types: [],
    severity: false,
    sorts: ['UPDATED_AT', 'CREATED_AT', 'NAME'],
  },
  models: {
    search: true,
    family: true,
    level: false,
    statuses: MODEL_STATUSES,
    types: [],
    severity: false,
    sorts: ['UPDATED_AT', 'CREATED_AT', 'NAME'],
  },
  runs: {
    search: false,
    family: false,
    level: false,
    statuses: RUN_STATUSES,
    types: RUN_TYPES,
    severity: false,
    sorts: ['CREATED_AT', 'UPDATED_AT'],
  },
  packs: {
    search: true,
    family: true,
    level: false,
    statuses: [],
    types: [],
    severity: false,
    sorts: ['UPDATED_AT', 'CREATED_AT', 'NAME'],
  },
  alerts: {
    search: true,
    family: false,
    level: false,
    statuses: ALERT_STATUSES,
    types: ALERT_TYPES,
    severity: true,
    sorts: ['LAST_SEEN_AT', 'CREATED_AT'],
  },
};

export interface LibraryState {
  tab: LibraryTab;
  q: string;
  family: RecipeFamily | null;
  level: RecipeLevel | null;
  /** One or more statuses (runs and alerts accept several: `status=FAILED,CANCELLED`). */
  statuses: string[];
  type: string | null;
  severity: AlertSeverity | null;
  sort: string;
  dir: SortDir;
  size: number;
  /** Cursor of the page shown (null: the first page). */
  after: string | null;
  /** Cursors of the pages before it, oldest first, so "Previous" works without `before`. */
  trail: string[];
}

function listParam(raw: string | null): string[] {
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export function parseLibraryParams(params: SearchParams): LibraryState {
  const tab = oneOf(LIBRARY_TABS, firstParam(params, 'tab')) ?? 'recipes';
  const features = TAB_FEATURES[tab];
  const statusesAllowed = features.statuses;
  let statuses = listParam(firstParam(params, 'status')).filter((s) => statusesAllowed.includes(s));
  // Recipes and models filter by one status only.
  if (tab === 'recipes' || tab === 'models') statuses = statuses.slice(0, 1);
  const size = Number(firstParam(params, 'size'));
  const after = firstParam(params, 'after') || null;
  return {
    tab,
    q: features.search ? (firstParam(params, 'q') ?? '').trim().slice(0, 200) : '',
    family: features.family ? oneOf(RECIPE_FAMILIES, firstParam(params, 'family')) : null,
    level: features.level ? oneOf(RECIPE_LEVELS, firstParam(params, 'level')) : null,
    statuses,
    type: oneOf(features.types, firstParam(params, 'type')),
    severity: features.severity ? oneOf(ALERT_SEVERITIES, firstParam(params, 'severity')) : null,
    sort: oneOf(features.sorts, firstParam(params, 'sort')) ?? (features.sorts[0] as string),
    dir: firstParam(params, 'dir') === 'ASC' ? 'ASC' : 'DESC',
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
    after,
    trail: after ? listParam(firstParam(params, 'trail')) : [],
  };
}

/** The URL of a state; default values are left out so URLs stay short. */
export function libraryHref(state: LibraryState): string {
  const params = new URLSearchParams();
  if (state.tab !== 'recipes') params.set('tab', state.tab);
  if (state.q) params.set('q', state.q);
  if (state.family) params.set('family', state.family);
  if (state.level) params.set('level', state.level);
  if (state.statuses.length) params.set('status', state.statuses.join(','));
  if (state.type) params.set('type', state.type);
  if (state.severity) params.set('severity', state.severity);
  if (state.sort !== TAB_FEATURES[state.tab].sorts[0]) params.set('sort', state.sort);
  if (state.dir !== 'DESC') params.set('dir', state.dir);
  if (state.size !== DEFAULT_PAGE_SIZE) params.set('size', String(state.size));
  if (state.after) {
    params.set('after', state.after);
    if (state.trail.length) params.set('trail', state.trail.join(','));
  }
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

/** Another tab: its own filters start empty; the search and family carry over where they apply. */
export function tabHref(state: LibraryState, tab: LibraryTab): string {
  const features = TAB_FEATURES[tab];
  return libraryHref({
    tab,
    q: features.search ? state.q : '',
    family: features.family ? state.family : null,
    level: null,
    statuses: [],
    type: null,
    severity: null,
    sort: features.sorts[0] as string,
    dir: 'DESC',
    size: state.size,
    after: null,
    trail: [],
  });
}

export function nextPageHref(state: LibraryState, endCursor: string): string {
  return libraryHref({
    ...state,
    after: endCursor,
    trail: state.after ? [...state.trail, state.after] : [],
  });
}

export function previousPageHref(state: LibraryState): string | null {
  if (!state.after) return null;
  const trail = [...state.trail];
  const after = trail.pop() ?? null;
  return libraryHref({ ...state, after, trail });
}

export function firstPageHref(state: LibraryState): string {
  return libraryHref({ ...state, after: null, trail: [] });
}

/** Whether any filter narrows the list (for the empty state's wording). */
export function isFiltered(state: LibraryState): boolean {
  return Boolean(state.q || state.family || state.level || state.statuses.length || state.type || state.severity);
}
