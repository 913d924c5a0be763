import { firstParam, type SearchParams } from './search-params';

/** `path?…` with `patch` applied to the current parameters (null or '' removes one). */
export function hrefWith(path: string, params: SearchParams, patch: Record<string, string | null | undefined>): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (key in patch) continue;
    for (const v of Array.isArray(value) ? value : value != null ? [value] : []) next.append(key, v);
  }
  for (const [key, value] of Object.entries(patch)) if (value) next.set(key, value);
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * Keyset paging in the URL under a prefix (`<prefix>after`, `<prefix>trail`): the cursor of the
 * page shown and the cursors of the pages before it, so "Previous" needs no `before` cursor.
 */
export interface CursorPage {
  after: string | null;
  trail: string[];
  /** 0-based index of the page. */
  index: number;
}

export function parseCursorPage(params: SearchParams, prefix = ''): CursorPage {
  const after = firstParam(params, `${prefix}after`) || null;
  const trail = after ? (firstParam(params, `${prefix}trail`) ?? '').split(',').filter(Boolean) : [];
  return { after, trail, index: after ? trail.length + 1 : 0 };
}

export function cursorHrefs(
  path: string,
  params: SearchParams,
  page: CursorPage,
  next: { hasNextPage: boolean; endCursor?: string | null },
  prefix = '',
): { first: string; previous: string | null; next: string | null } {
  const at = (after: string | null, trail: string[]) =>
    hrefWith(path, params, { [`${prefix}after`]: after, [`${prefix}trail`]: after && trail.length ? trail.join(',') : null });
  const previousTrail = [...page.trail];
  const previousAfter = previousTrail.pop() ?? null;
  return {
    first: at(null, []),
    previous: page.after ? at(previousAfter, previousTrail) : null,
    next: next.hasNextPage && next.endCursor ? at(next.endCursor, page.after ? [...page.trail, page.after] : []) : null,
  };
}
