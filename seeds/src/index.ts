/**
 * @modelyard/seeds — the demo workspace as plain data.
 *
 * `buildDemoData(now)` is pure and deterministic: the same `now` always gives
 * identical output (seeded PRNG, no Math.random, no clock reads), and every
 * timestamp is relative to `now` so the demo always looks current.
 */
import { buildModel, buildPack, buildRecipe } from './builders/family.js';
import { FAMILIES } from './families/index.js';
import type { DemoData } from './types.js';

export type * from './types.js';
export { expectedEvaluationStatus } from './evaluate.js';
export * from './datasets/index.js';

/** What a load of the demo data set writes (SPEC.md, "The seeded data set"). */
export const DEMO_COUNTS = {
  recipes: 4,
  recipeVersions: 4,
  packs: 4,
  packVersions: 4,
  attachments: 4,
  models: 6,
  runs: 19,
  runEvaluationResults: 10,
  snapshots: 28,
  monitorEvaluationResults: 15,
} as const;

export function buildDemoData(now: Date): DemoData {
  if (Number.isNaN(now.getTime())) throw new Error('buildDemoData: now is an invalid date');
  return {
    workspace: { slug: 'demo', name: 'Demo Workspace' },
    packs: FAMILIES.map((family) => buildPack(family, now)),
    recipes: FAMILIES.map((family) => buildRecipe(family, now)),
    models: FAMILIES.flatMap((family) => family.models.map((model) => buildModel(family, model, now))),
  };
}
