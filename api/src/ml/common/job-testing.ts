import { buildDemoData } from '@modelyard/seeds';
import type { Family, JobHooks, JobInput, MetricPoint } from '../types.js';

/** Test support for the learners' specs: the seeded manifests, a job input, hooks that record. */
export function seededManifest(family: Family): Record<string, unknown> {
  return buildDemoData(new Date('2025-01-01T00:00:00Z')).recipes.find((r) => r.family === family)!.version.manifest as Record<string, unknown>;
}

/** A SMALL-data-set TRAIN job of `family` (seed 7) with the seeded manifest, changed by `overrides`. */
export function jobOf(family: Family, datasetName: string, manifest: Record<string, unknown>, overrides: Partial<JobInput> = {}): JobInput {
  return { family, type: 'TRAIN', manifest, params: {}, dataset: { name: datasetName, seed: 7, size: 'SMALL' }, trainedModel: null, ...overrides };
}

export interface Recorder extends JobHooks {
  logs: string[];
  points: MetricPoint[];
  fractions: number[];
}

/** Hooks that keep what a learner reports. */
export function recorder(): Recorder {
  const logs: string[] = [];
  const points: MetricPoint[] = [];
  const fractions: number[] = [];
  return {
    logs,
    points,
    fractions,
    progress: async (fraction) => void fractions.push(fraction),
    log: async (level, message) => void logs.push(`${level} ${message}`),
    metricPoints: async (batch) => void points.push(...batch),
  };
}

/** A deep copy of `manifest` changed by `patch`. */
export function patched(manifest: Record<string, unknown>, patch: (m: Record<string, any>) => void): Record<string, unknown> {
  const copy = structuredClone(manifest) as Record<string, any>;
  patch(copy);
  return copy;
}
