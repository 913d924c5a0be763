import type { JobHooks } from '../types.js';
import { isRecord, type Json } from './manifest-reader.js';

/** The manifest's `monitoring.drift.features` (the features whose drift is watched), or none. */
export function driftFeatures(manifest: Json): string[] {
  const monitoring = isRecord(manifest.monitoring) ? manifest.monitoring : {};
  const drift = isRecord(monitoring.drift) ? monitoring.drift : {};
  return Array.isArray(drift.features) ? [...new Set(drift.features.filter((f): f is string => typeof f === 'string'))] : [];
}

/**
 * A TRAIN run's reference columns (JobOutput.referenceColumns): each drift feature's values over the
 * training rows, as `column(feature)` gives them. A feature the learner does not have (undefined) is
 * logged as a WARN and skipped.
 */
export async function referenceColumns(manifest: Json, hooks: JobHooks, column: (feature: string) => number[] | string[] | undefined): Promise<Record<string, number[] | string[]>> {
  const out: Record<string, number[] | string[]> = {};
  const missing: string[] = [];
  for (const feature of driftFeatures(manifest)) {
    const values = column(feature);
    if (values === undefined) missing.push(feature);
    else out[feature] = values;
  }
  for (const feature of missing) await hooks.log('WARN', `drift feature ${feature} is not in the data set: no reference profile is captured for it`);
  const kept = Object.keys(out);
  if (kept.length) await hooks.log('INFO', `reference profiles of the training rows for drift monitoring: ${kept.join(', ')}`);
  return out;
}

/**
 * A column of a row-oriented data set (`{column: values}`) over `rows`: numbers as numbers (non-finite
 * ones left out), strings as categories, booleans as the categories "true" and "false"; undefined
 * when the data set has no such column.
 */
export function tableColumn(table: Readonly<Record<string, readonly unknown[]>>, feature: string, rows: readonly number[]): number[] | string[] | undefined {
  const values = Object.hasOwn(table, feature) ? table[feature] : undefined;
  if (!values) return undefined;
  const first = rows.length ? values[rows[0]!] : undefined;
  if (typeof first === 'number') {
    const out: number[] = [];
    for (const r of rows) {
      const v = values[r];
      if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
    }
    return out;
  }
  const out: string[] = [];
  for (const r of rows) {
    const v = values[r];
    if (v !== null && v !== undefined) out.push(String(v));
  }
  return out;
}
