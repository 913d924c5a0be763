import type { FamilyDefinition, ModelPlan } from '../spec.js';
import type { SeedModel, SeedPack, SeedRecipe } from '../types.js';
import { Rng, daysBefore, isoDate } from '../util.js';
import { buildManifest } from './manifest.js';
import { buildRun } from './runs.js';
import { buildSnapshots } from './snapshots.js';

const VERSION = '1.0.0';

function checkRules(def: FamilyDefinition): void {
  for (const rule of def.pack.rules) {
    const ordered =
      rule.direction === 'LOWER_IS_BETTER'
        ? rule.promote <= rule.warn && rule.warn < rule.fail
        : rule.promote >= rule.warn && rule.warn > rule.fail;
    if (!ordered) throw new Error(`${def.pack.key}: thresholds of ${rule.key} are out of order for ${rule.direction}`);
  }
}

export function buildPack(def: FamilyDefinition, now: Date): SeedPack {
  checkRules(def);
  const { pack } = def;
  return {
    key: pack.key,
    name: pack.name,
    family: def.family,
    description: pack.description,
    tags: [...pack.tags],
    version: {
      version: VERSION,
      rules: pack.rules.map((rule) => ({ ...rule })),
      changeNote: `Initial ${pack.name.toLowerCase()} thresholds.`,
      author: pack.author,
      createdAt: daysBefore(now, pack.createdDaysAgo),
    },
  };
}

function buildSyntheticExample(def: FamilyDefinition, now: Date): SeedRecipe['syntheticExample'] {
  const example = def.recipe.syntheticExample;
  const rng = new Rng(`${def.slug}:synthetic-example`);
  const day = (daysAgo: number) => isoDate(daysBefore(now, daysAgo));
  return {
    description: example.description,
    schema: {
      grain: def.recipe.manifest.requirements.grain,
      label: def.recipe.manifest.requirements.label,
      primary_key: [...example.primaryKey],
      columns: example.columns.map((column) => ({ ...column })),
    },
    sampleRows: Array.from({ length: example.rows }, (_, i) => example.row(rng, i, day)),
    exampleRun: {
      type: example.exampleRun.type,
      status: 'SUCCEEDED',
      params: { ...def.params[example.exampleRun.type] },
      metrics: { ...def.referenceMetrics },
      duration_seconds: example.exampleRun.durationSeconds,
      rows_used: example.exampleRun.rowsUsed,
      notes: example.exampleRun.notes,
    },
  };
}

export function buildRecipe(def: FamilyDefinition, now: Date): SeedRecipe {
  const { recipe } = def;
  return {
    key: recipe.key,
    name: recipe.name,
    family: def.family,
    level: 'BASELINE',
    status: 'APPROVED',
    description: recipe.description,
    packKey: def.pack.key,
    version: {
      version: VERSION,
      manifest: buildManifest(def),
      changeNote: recipe.changeNote,
      author: recipe.author,
      createdAt: daysBefore(now, recipe.createdDaysAgo),
    },
    syntheticExample: buildSyntheticExample(def, now),
  };
}

export function buildModel(def: FamilyDefinition, plan: ModelPlan, now: Date): SeedModel {
  const runRng = new Rng(`${plan.key}:runs`);
  const snapshotRng = new Rng(`${plan.key}:snapshots`);
  const earliestRun = Math.max(...plan.runs.map((run) => run.daysAgo), 0);
  if (earliestRun >= plan.createdDaysAgo) throw new Error(`${plan.key}: a run predates the model`);
  if (plan.monitoring && plan.status !== 'PRODUCTION') throw new Error(`${plan.key}: only production models are monitored`);
  return {
    key: plan.key,
    name: plan.name,
    recipeKey: def.recipe.key,
    status: plan.status,
    owner: plan.owner,
    description: plan.description,
    createdAt: daysBefore(now, plan.createdDaysAgo),
    runs: plan.runs.map((run, i) => buildRun(def, plan, run, i + 1, now, runRng)),
    snapshots: plan.monitoring ? buildSnapshots(def, plan.monitoring, now, snapshotRng) : [],
  };
}
