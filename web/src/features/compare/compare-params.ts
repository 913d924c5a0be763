import { listParam, type SearchParams } from '@/lib/search-params';

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/compare?runs=id1,id2,…` (also `?runs=id1&runs=id2`): distinct ids, in the given order. */
export function parseCompareParams(params: SearchParams): { ids: string[]; invalid: string[]; truncated: boolean } {
  const all = listParam(params, 'runs');
  const ids: string[] = [];
  const invalid: string[] = [];
  for (const raw of all) {
    if (!UUID.test(raw)) invalid.push(raw);
    else if (!ids.includes(raw.toLowerCase())) ids.push(raw.toLowerCase());
  }
  return { ids: ids.slice(0, MAX_COMPARE), invalid, truncated: ids.length > MAX_COMPARE };
}

export function compareHref(ids: readonly string[]): string {
  return `/compare?runs=${ids.slice(0, MAX_COMPARE).join(',')}`;
}
