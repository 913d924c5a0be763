import { endianness } from 'node:os';
import type { Problem } from '../../platform/errors.js';
import type { FeatureColumnInput } from './drift.inputs.js';
import { ReferenceProfileKind } from './monitoring.types.js';

/** One feature's values, checked: finite numbers or category strings. */
export type FeatureColumn =
  | { feature: string; path: string; kind: ReferenceProfileKind.NUMERIC; values: Float64Array }
  | { feature: string; path: string; kind: ReferenceProfileKind.CATEGORICAL; categories: string[] };

export const lengthOf = (column: FeatureColumn) => (column.kind === ReferenceProfileKind.NUMERIC ? column.values.length : column.categories.length);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * Decodes base64 of little-endian float64 values. The decoded bytes are viewed as a Float64Array
 * in place when aligned (one copy of the bytes otherwise), never converted value by value.
 */
export function decodeFloat64(base64: string): Float64Array | string {
  const text = base64.replace(/\s+/g, '');
  if (!BASE64.test(text) || text.length % 4 === 1) return 'is not base64';
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 8 !== 0) return `decodes to ${bytes.length} bytes, not a whole number of float64 values (8 bytes each)`;
  const count = bytes.length / 8;
  if (!LITTLE_ENDIAN) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    return Float64Array.from({ length: count }, (_, i) => view.getFloat64(i * 8, true));
  }
  if (bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, count);
  const aligned = new Float64Array(count);
  new Uint8Array(aligned.buffer).set(bytes);
  return aligned;
}

/** Index of the first NaN or ±Infinity, or -1. */
function firstNonFinite(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) return i;
  }
  return -1;
}

function describeValue(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

/**
 * Checks the columns of an input (exactly one of values, valuesBase64, categories; not empty; finite;
 * each feature once) and decodes them. Problems are added with their paths (`<path>[i].values`).
 */
export function parseColumns(columns: readonly FeatureColumnInput[], path: string, problems: Problem[]): FeatureColumn[] {
  const out: FeatureColumn[] = [];
  const seen = new Map<string, number>();
  columns.forEach((column, i) => {
    const at = `${path}[${i}]`;
    const feature = column.feature.trim();
    if (!feature) problems.push({ path: `${at}.feature`, message: 'must not be empty' });
    else if (seen.has(feature)) {
      problems.push({ path: `${at}.feature`, message: `${feature} is also given at ${path}[${seen.get(feature)}]` });
      return;
    } else seen.set(feature, i);
    const given = (['values', 'valuesBase64', 'categories'] as const).filter((key) => column[key] !== undefined && column[key] !== null);
    if (given.length !== 1) {
      problems.push({ path: at, message: given.length ? `give exactly one of values, valuesBase64 and categories (got ${given.join(' and ')})` : 'give values, valuesBase64 or categories' });
      return;
    }
    const key = given[0]!;
    if (key === 'categories') {
      const categories = column.categories!;
      if (categories.length === 0) problems.push({ path: `${at}.categories`, message: 'must not be empty' });
      else out.push({ feature, path: at, kind: ReferenceProfileKind.CATEGORICAL, categories });
      return;
    }
    let values: Float64Array;
    if (key === 'values') {
      values = Float64Array.from(column.values!);
    } else {
      const decoded = decodeFloat64(column.valuesBase64!);
      if (typeof decoded === 'string') {
        problems.push({ path: `${at}.valuesBase64`, message: decoded });
        return;
      }
      values = decoded;
    }
    if (values.length === 0) {
      problems.push({ path: `${at}.${key}`, message: 'must not be empty' });
      return;
    }
    const bad = firstNonFinite(values);
    if (bad >= 0) {
      problems.push({ path: `${at}.${key}`, message: `value ${bad} is ${describeValue(values[bad]!)}: only finite numbers are allowed` });
      return;
    }
    out.push({ feature, path: at, kind: ReferenceProfileKind.NUMERIC, values });
  });
  return out;
}

/**
 * Turns `{feature: value}` rows into columns, typed by the kind of each feature's reference profile:
 * numbers for numeric features, strings (numbers and booleans as text) for categorical ones. Null
 * and missing values are skipped; a key without a profile or a value of the wrong type is a problem.
 */
export function columnsFromRows(rows: readonly Record<string, unknown>[], kinds: ReadonlyMap<string, ReferenceProfileKind>, path: string, problems: Problem[]): FeatureColumn[] {
  const numeric = new Map<string, number[]>();
  const categorical = new Map<string, string[]>();
  const reported = new Set<string>();
  const report = (key: string, problem: Problem) => {
    if (reported.has(key)) return;
    reported.add(key);
    problems.push(problem);
  };
  rows.forEach((row, r) => {
    for (const [feature, value] of Object.entries(row)) {
      const kind = kinds.get(feature);
      const at = `${path}[${r}].${feature}`;
      if (kind === undefined) {
        report(`unknown:${feature}`, { path: at, message: `the model has no reference profile for ${feature}` });
        continue;
      }
      if (value === null || value === undefined) continue;
      if (kind === ReferenceProfileKind.NUMERIC) {
        if (typeof value !== 'number' || !Number.isFinite(value)) report(`type:${feature}`, { path: at, message: `${feature} is numeric: expected a number, got ${JSON.stringify(value)}` });
        else (numeric.get(feature) ?? numeric.set(feature, []).get(feature)!).push(value);
      } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        (categorical.get(feature) ?? categorical.set(feature, []).get(feature)!).push(String(value));
      } else {
        report(`type:${feature}`, { path: at, message: `${feature} is categorical: expected a string, got ${JSON.stringify(value)}` });
      }
    }
  });
  const out: FeatureColumn[] = [];
  for (const [feature, values] of numeric) out.push({ feature, path: `${path}[].${feature}`, kind: ReferenceProfileKind.NUMERIC, values: Float64Array.from(values) });
  for (const [feature, categories] of categorical) out.push({ feature, path: `${path}[].${feature}`, kind: ReferenceProfileKind.CATEGORICAL, categories });
  if (rows.length > 0 && out.length === 0 && problems.length === 0) problems.push({ path, message: 'the rows hold no values' });
  return out;
}

/** Count per category. */
export function countCategories(categories: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const c of categories) counts[c] = (counts[c] ?? 0) + 1;
  return { ...counts };
}
