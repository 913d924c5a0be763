/** Next.js page `searchParams` (after awaiting). */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, or null. */
export function firstParam(params: SearchParams, name: string): string | null {
  const value = params[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** Every value of a parameter, comma lists split: `?runs=a,b&runs=c` → [a, b, c]. */
export function listParam(params: SearchParams, name: string): string[] {
  const value = params[name];
  const raw = Array.isArray(value) ? value : value != null ? [value] : [];
  return raw.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
}
