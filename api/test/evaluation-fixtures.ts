import { buildDemoData } from '@modelyard/seeds';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Model } from '../src/modules/models/model.entity.js';
import { ModelStatus } from '../src/modules/models/model.enums.js';
import { Recipe } from '../src/modules/recipes/recipe.entity.js';
import { RecipeFamily, RecipeLevel, RecipeStatus } from '../src/modules/recipes/recipe.enums.js';
import { RecipeVersion } from '../src/modules/recipes/recipe-version.entity.js';
import { Workspace } from '../src/modules/workspaces/workspace.entity.js';
import { ok, type TestApi } from './harness.js';

/** The seeded baseline manifest of a family (valid, with `monitoring.freshness.max_lag_hours`). */
export function seededManifest(family: RecipeFamily): Record<string, unknown> {
  const recipe = buildDemoData(new Date()).recipes.find((r) => r.family === family);
  return structuredClone(recipe!.version.manifest);
}

export interface ModelFixture {
  recipeId: string;
  recipeVersionId: string;
  modelId: string;
}

/**
 * An APPROVED recipe (version 1.0.0 with `manifest`, the family's seeded one by default) and a model of
 * it in `status`, written with the ORM so that the tests do not depend on the recipe and model
 * lifecycles. With `parent`, the recipe is an INDUSTRY clone of it and `manifest` is its overlay.
 */
export async function approvedRecipeWithModel(
  orm: MikroORM,
  workspaceSlug: string,
  family: RecipeFamily,
  status: ModelStatus,
  options: { manifest?: Record<string, unknown>; parent?: ModelFixture } = {},
): Promise<ModelFixture> {
  const em = orm.em.fork();
  const workspace = await em.findOneOrFail(Workspace, { slug: workspaceSlug });
  const lineage = options.parent
    ? { level: RecipeLevel.INDUSTRY, parent: em.getReference(Recipe, options.parent.recipeId), parentVersionId: options.parent.recipeVersionId }
    : { level: RecipeLevel.BASELINE };
  return em.transactional(async (tx) => {
    const recipe = tx.create(Recipe, { workspace, name: `${family} recipe ${Math.random().toString(36).slice(2, 8)}`, family, status: RecipeStatus.APPROVED, ...lineage });
    const manifest = options.manifest ?? seededManifest(family);
    const version = tx.create(RecipeVersion, { workspace, recipe, version: '1.0.0', manifest, changeNote: 'fixture', author: 'fixture' });
    const model = tx.create(Model, { workspace, recipe, recipeVersion: version, family, name: `${family} ${status} model`, status });
    return { recipeId: recipe.id, recipeVersionId: version.id, modelId: model.id };
  });
}

/** The seeded forecasting pack's rules: MAPE, RMSE (optional), MAE, forecast_bias, coverage_80. */
export const FORECAST_RULES = buildDemoData(new Date()).packs.find((p) => p.family === 'FORECASTING')!.version.rules;

const CREATE_PACK = `mutation($input: CreateEvaluationPackInput!) { createEvaluationPack(input: $input) { id latestVersion { id version } } }`;

/** Creates a pack through the API and attaches its version 1.0.0 to the recipe; returns the pack and version ids. */
export async function attachedPack(api: TestApi, ws: string, recipeId: string, family = 'FORECASTING', rules: unknown[] = FORECAST_RULES) {
  const pack = ok(await api.gql(CREATE_PACK, { input: { name: `${family} pack`, family, rules } }, ws)).createEvaluationPack;
  ok(await api.gql(`mutation($r: ID!, $v: ID!) { attachPack(recipeId: $r, packVersionId: $v) { id } }`, { r: recipeId, v: pack.latestVersion.id }, ws));
  return { packId: pack.id as string, packVersionId: pack.latestVersion.id as string };
}

const CREATE_RUN = `mutation($input: CreateRunInput!) { createRun(input: $input) { id } }`;
const UPDATE_RUN = `mutation($input: UpdateRunStatusInput!) { updateRunStatus(input: $input) { id status } }`;

/** A run of the model moved through RUNNING to `status` through the API; returns its id. */
export async function finishedRun(api: TestApi, ws: string, modelId: string, status: 'SUCCEEDED' | 'FAILED', options: { type?: string; metrics?: { key: string; value: number }[]; error?: string } = {}): Promise<string> {
  const runId = ok(await api.gql(CREATE_RUN, { input: { modelId, type: options.type ?? 'TRAIN' } }, ws)).createRun.id;
  ok(await api.gql(UPDATE_RUN, { input: { runId, status: 'RUNNING' } }, ws));
  ok(await api.gql(UPDATE_RUN, { input: { runId, status, metrics: options.metrics, error: options.error } }, ws));
  return runId;
}
