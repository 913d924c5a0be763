export type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `overlay` deep-merged over `base`: objects merge key by key, while arrays, scalars and null in the
 * overlay replace what the base has. Neither input is modified. Built with `Object.fromEntries` so
 * that a `__proto__` key in JSON input stays a plain property.
 */
export function deepMerge(base: JsonObject, overlay: JsonObject): JsonObject {
  const merged = new Map(Object.entries(base));
  for (const [key, value] of Object.entries(overlay)) {
    const current = merged.get(key);
    merged.set(key, isObject(current) && isObject(value) ? deepMerge(current, value) : value);
  }
  return Object.fromEntries(merged);
}
