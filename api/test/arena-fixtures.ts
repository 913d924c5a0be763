import { MetricDirection } from '../src/modules/evaluation/evaluation.enums.js';
import { EvaluationPack } from '../src/modules/evaluation/evaluation-pack.entity.js';
import { EvaluationPackVersion } from '../src/modules/evaluation/evaluation-pack-version.entity.js';
import type { MetricRule } from '../src/modules/evaluation/metric-rule.types.js';
import { PackAttachment } from '../src/modules/evaluation/pack-attachment.entity.js';
import { Recipe } from '../src/modules/recipes/recipe.entity.js';
import { RecipeFamily, RecipeLevel, RecipeStatus } from '../src/modules/recipes/recipe.enums.js';
import { RecipeVersion } from '../src/modules/recipes/recipe-version.entity.js';
import { Workspace } from '../src/modules/workspaces/workspace.entity.js';
import { ok, type TestApi } from './harness.js';

const { LOWER_IS_BETTER: LOWER, HIGHER_IS_BETTER: HIGHER } = MetricDirection;
const rule = (key: string, direction: MetricDirection, promote: number, warn: number, fail: number, required = true): MetricRule => ({ key, direction, promote, warn, fail, required });

/** Forecasting pack: MAPE and MAE required, coverage_80 and forecast_bias optional. */
export const FORECASTING_RULES = [rule('MAPE', LOWER, 0.15, 0.25, 0.4), rule('MAE', LOWER, 10, 15, 25), rule('coverage_80', HIGHER, 0.8, 0.75, 0.6, false), rule('forecast_bias', LOWER, 0.02, 0.05, 0.1, false)];
/** Pricing pack: revenue_lift and constraint_violations required, calibration optional. */
export const PRICING_RULES = [rule('revenue_lift', HIGHER, 0.05, 0.02, 0), rule('constraint_violations', LOWER, 0, 1, 3), rule('calibration', HIGHER, 0.9, 0.8, 0.6, false)];

/**
 * An APPROVED recipe with one version and one attached pack version, written with the ORM (so the
 * tests do not depend on the recipe approval API). Returns the recipe version id.
 */
export async function approvedRecipeVersion(api: TestApi, workspaceSlug: string, family: RecipeFamily, rules: MetricRule[]): Promise<string> {
  return api.orm.em.fork().transactional(async (em) => {
    const workspace = await em.findOneOrFail(Workspace, { slug: workspaceSlug });
    const recipe = em.create(Recipe, { workspace, name: `${family} recipe`, family, level: RecipeLevel.BASELINE, status: RecipeStatus.APPROVED });
    const version = em.create(RecipeVersion, { workspace, recipe, version: '1.0.0', manifest: {}, changeNote: 'fixture', author: 'fixture' });
    const pack = em.create(EvaluationPack, { workspace, name: `${family} pack`, family });
    const packVersion = em.create(EvaluationPackVersion, { workspace, pack, version: '1.0.0', rules, changeNote: 'fixture', author: 'fixture' });
    em.create(PackAttachment, { workspace, recipe, packVersion });
    return version.id;
  });
}

export interface ModelRef {
  id: string;
  version: number;
  status: string;
}

export async function registerModel(api: TestApi, ws: string, recipeVersionId: string, name: string): Promise<ModelRef> {
  const res = await api.gql(`mutation($input: RegisterModelInput!) { registerModel(input: $input) { id version status } }`, { input: { recipeVersionId, name, owner: 'ana@example.com' } }, ws);
  return ok(res).registerModel;
}

export type Metrics = Record<string, number>;

/** A run reported through the API: created, RUNNING, then SUCCEEDED with final metrics. Returns its id. */
export async function succeededRun(api: TestApi, ws: string, modelId: string, metrics: Metrics, trigger = 'API', actor?: string): Promise<string> {
  const { createRun } = ok(await api.gql(`mutation($input: CreateRunInput!) { createRun(input: $input) { id } }`, { input: { modelId, type: 'TRAIN', trigger } }, ws, actor));
  const update = `mutation($input: UpdateRunStatusInput!) { updateRunStatus(input: $input) { id status } }`;
  ok(await api.gql(update, { input: { runId: createRun.id, status: 'RUNNING' } }, ws, actor));
  const metricList = Object.entries(metrics).map(([key, value]) => ({ key, value }));
  ok(await api.gql(update, { input: { runId: createRun.id, status: 'SUCCEEDED', metrics: metricList } }, ws, actor));
  return createRun.id;
}

/** Audit events of one subject, newest first. */
export async function auditOf(api: TestApi, ws: string, subjectId: string, action?: string) {
  const res = await api.gql(
    `query($f: AuditEventFilter) { auditEvents(first: 100, filter: $f) { edges { node { actor action subjectType before after reason } } } }`,
    { f: { subjectId, action } },
    ws,
  );
  return ok(res).auditEvents.edges.map((e: { node: Record<string, any> }) => e.node) as { actor: string; action: string; subjectType: string; before: any; after: any; reason: string | null }[];
}
