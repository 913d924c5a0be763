import { JobInputError } from '../types.js';

/**
 * Typed reads from a resolved recipe manifest and a run's string params. A value that is present but
 * malformed is bad input: it throws JobInputError naming where it came from.
 */
export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `path` (dot-separated) of the manifest, or an empty object. */
export function section(manifest: Json, path: string): Json {
  let node: unknown = manifest;
  for (const key of path.split('.')) node = isRecord(node) ? node[key] : undefined;
  return isRecord(node) ? node : {};
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

function checkNumber(where: string, value: number, rule: NumberRule): number {
  if (!Number.isFinite(value)) throw new JobInputError(`${where} must be a number`);
  if (rule.integer && !Number.isInteger(value)) throw new JobInputError(`${where} must be an integer (got ${value})`);
  if (rule.min !== undefined && value < rule.min) throw new JobInputError(`${where} must be ≥ ${rule.min} (got ${value})`);
  if (rule.max !== undefined && value > rule.max) throw new JobInputError(`${where} must be ≤ ${rule.max} (got ${value})`);
  return value;
}

/**
 * The first defined number among `sources` ([where, value] pairs, highest precedence first: run
 * params as strings, then manifest values), validated against `rule`; `fallback` when none is set.
 */
export function pickNumber(sources: Array<[string, unknown]>, rule: NumberRule, fallback: number): number {
  for (const [where, value] of sources) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'string') {
      const parsed = Number(value.trim());
      if (value.trim() === '' || Number.isNaN(parsed)) throw new JobInputError(`${where} must be a number (got "${value}")`);
      return checkNumber(where, parsed, rule);
    }
    if (typeof value === 'number') return checkNumber(where, value, rule);
    throw new JobInputError(`${where} must be a number (got ${JSON.stringify(value)})`);
  }
  return fallback;
}

export function pickString(sources: Array<[string, unknown]>, fallback: string): string {
  for (const [where, value] of sources) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw new JobInputError(`${where} must be a string (got ${JSON.stringify(value)})`);
    return value.trim();
  }
  return fallback;
}

export function pickBoolean(sources: Array<[string, unknown]>, fallback: boolean): boolean {
  for (const [where, value] of sources) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new JobInputError(`${where} must be true or false (got ${JSON.stringify(value)})`);
  }
  return fallback;
}

export function stringList(where: string, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new JobInputError(`${where} must be a list of strings`);
  return value as string[];
}

/** "1234567" -> "1,234,567". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
