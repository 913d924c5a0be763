import { buildDemoData } from '@modelyard/seeds';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricDirection } from '../src/modules/evaluation/evaluation.enums.js';
import { EvaluationPack } from '../src/modules/evaluation/evaluation-pack.entity.js';
import { EvaluationPackVersion } from '../src/modules/evaluation/evaluation-pack-version.entity.js';
import { PackAttachment } from '../src/modules/evaluation/pack-attachment.entity.js';
import { Recipe } from '../src/modules/recipes/recipe.entity.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { SyntheticExample } from '../src/modules/recipes/synthetic-example.entity.js';
import { Workspace } from '../src/modules/workspaces/workspace.entity.js';
import { codeOf, type GqlResponse, ok, startTestApi, type TestApi } from './harness.js';

type Json = Record<string, any>;

const seeded = buildDemoData(new Date()).recipes;
/** A fresh copy of the seeded manifest of a family (a full, valid manifest). */
const manifestOf = (family: string): Json => structuredClone(seeded.find((r) => r.family === family)!.version.manifest) as Json;

const RECIPE = `id name level status family parent { id } parentVersion { id version } children { id }
  latestVersion { id version author manifest resolvedManifest }`;
const CREATE = `mutation($input: CreateRecipeInput!) { createRecipe(input: $input) { ${RECIPE} } }`;
const ADD_VERSION = `mutation($input: CreateRecipeVersionInput!) { createRecipeVersion(input: $input) { id version author manifest resolvedManifest } }`;
const CLONE = `mutation($input: CloneRecipeInput!) { cloneRecipe(input: $input) { ${RECIPE} attachedPacks { id } } }`;
const VALIDATE = `query($family: RecipeFamily!, $manifest: JSON!) { validateManifest(family: $family, manifest: $manifest) { valid problems { path message } } }`;
const REGISTER = `mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }`;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

async function createRecipe(ws: string, family = 'FORECASTING', manifest = manifestOf(family), actor?: string): Promise<Json> {
  return ok(await api.gql(CREATE, { input: { name: `${family} recipe`, family, manifest } }, ws, actor)).createRecipe;
}

async function addVersion(ws: string, recipeId: string, manifest: Json, bump = 'MINOR', actor?: string): Promise<Json> {
  return ok(await api.gql(ADD_VERSION, { input: { recipeId, manifest, bump, changeNote: 'change' } }, ws, actor)).createRecipeVersion;
}

function clone(ws: string, input: Json, actor?: string): Promise<GqlResponse> {
  return api.gql(CLONE, { input: { name: 'clone', ...input } }, ws, actor);
}

function transition(ws: string, action: 'approve' | 'archive' | 'restore' | 'delete', id: string, actor?: string): Promise<GqlResponse> {
  const selection = action === 'delete' ? '' : ' { id status }';
  return api.gql(`mutation($id: ID!) { ${action}Recipe(id: $id)${selection} }`, { id }, ws, actor);
}

async function recipeCount(ws: string): Promise<number> {
  return ok(await api.gql(`{ recipes { totalCount } }`, {}, ws)).recipes.totalCount;
}

function problemPaths(res: GqlResponse): string[] {
  expect(codeOf(res)).toBe('VALIDATION_FAILED');
  return res.errors![0]!.extensions!.problems.map((p: { path: string }) => p.path).sort();
}

/** Writes rows the recipes API has no mutation for (packs belong to the evaluation feature) straight to the database. */
async function writeRows<T>(ws: string, write: (em: EntityManager, workspace: Workspace) => T): Promise<T> {
  const em = api.orm.em.fork();
  const result = write(em, await em.findOneOrFail(Workspace, { slug: ws }));
  await em.flush();
  return result;
}

function attachPack(ws: string, recipeId: string): Promise<string> {
  return writeRows(ws, (em, workspace) => {
    const pack = em.create(EvaluationPack, { workspace, name: 'Lifecycle pack', family: RecipeFamily.FORECASTING });
    const rules = [{ key: 'MAPE', direction: MetricDirection.LOWER_IS_BETTER, promote: 0.15, warn: 0.25, fail: 0.4, required: true }];
    const packVersion = em.create(EvaluationPackVersion, { workspace, pack, version: '1.0.0', rules, changeNote: 'test', author: 'test' });
    em.create(PackAttachment, { workspace, recipe: em.getReference(Recipe, recipeId), packVersion });
    return packVersion.id;
  });
}

describe('manifest schemas', () => {
  it('accept each of the four seeded manifests under its own family, and only there', async () => {
    expect(seeded.map((r) => r.family).sort()).toEqual(['FORECASTING', 'LOCATION_SCORING', 'NEXT_BEST_ACTION', 'PRICING']);
    for (const recipe of seeded) {
      const own = ok(await api.gql(VALIDATE, { family: recipe.family, manifest: recipe.version.manifest })).validateManifest;
      expect(own).toEqual({ valid: true, problems: [] });
      const other = seeded.find((r) => r.family !== recipe.family)!.family;
      const foreign = ok(await api.gql(VALIDATE, { family: other, manifest: recipe.version.manifest })).validateManifest;
      expect(foreign.valid).toBe(false);
      expect(foreign.problems).toContainEqual({ path: 'manifest.metadata.family', message: `must be "${other}"` });
    }
  });

  it('name every problem of an invalid manifest by its path, and createRecipe writes nothing', async () => {
    const ws = await api.newWorkspace('recipes');
    const manifest = manifestOf('FORECASTING');
    manifest.monitoring.drift.thresholds.psi_moderate = 'high';
    manifest.deployment.mode = 'stream';
    delete manifest.evaluation.metrics[1].fail;
    delete manifest.requirements.label;
    delete manifest.evaluation.validation.windows; // walk_forward needs its windows
    manifest.metadata.owner = 'nobody';
    manifest.evaluation.primary_metric = 'AUC'; // not a forecasting metric
    manifest.notes = 'unknown section';
    const expected = [
      'deployment.mode',
      'evaluation.metrics[1].fail',
      'evaluation.primary_metric',
      'evaluation.validation.windows',
      'metadata.owner',
      'monitoring.drift.thresholds.psi_moderate',
      'notes',
      'requirements.label',
    ];

    const { validateManifest } = ok(await api.gql(VALIDATE, { family: 'FORECASTING', manifest }));
    expect(validateManifest.valid).toBe(false);
    expect(validateManifest.problems.map((p: { path: string }) => p.path).sort()).toEqual(expected.map((p) => `manifest.${p}`));
    expect(validateManifest.problems).toContainEqual({ path: 'manifest.deployment.mode', message: 'must be one of: batch, realtime' });
    expect(validateManifest.problems).toContainEqual({ path: 'manifest.monitoring.drift.thresholds.psi_moderate', message: 'must be number' });

    const res = await api.gql(CREATE, { input: { name: 'Broken', family: 'FORECASTING', manifest } }, ws);
    expect(problemPaths(res)).toEqual(expected.map((p) => `input.manifest.${p}`));
    expect(await recipeCount(ws)).toBe(0);
    expect(ok(await api.gql(`{ auditEvents { totalCount } }`, {}, ws)).auditEvents.totalCount).toBe(0);
  });

  it('check what is particular to each family', async () => {
    const nba = manifestOf('NEXT_BEST_ACTION');
    delete nba.requirements.treatment_column;
    nba.pipeline.training.actions = ['discount_10'];
    nba.deployment.endpoint = 'warehouse://crm.decisions'; // realtime serves over HTTP
    const pricing = manifestOf('PRICING');
    delete pricing.pipeline.deployment.guardrails;
    const location = manifestOf('LOCATION_SCORING');
    location.requirements.grain.spatial_index = 'geohash';
    location.evaluation.validation.strategy = 'randomized_holdout';
    const cases: [string, Json, string[]][] = [
      ['NEXT_BEST_ACTION', nba, ['deployment.endpoint', 'pipeline.training.actions', 'requirements.treatment_column']],
      ['PRICING', pricing, ['pipeline.deployment.guardrails']],
      // randomized_holdout also needs its holdout_fraction
      ['LOCATION_SCORING', location, ['evaluation.validation.holdout_fraction', 'evaluation.validation.strategy', 'requirements.grain.spatial_index']],
    ];
    for (const [family, manifest, paths] of cases) {
      const { validateManifest } = ok(await api.gql(VALIDATE, { family, manifest }));
      expect(validateManifest.problems.map((p: { path: string }) => p.path).sort()).toEqual(paths.map((p) => `manifest.${p}`));
    }
  });

  it('refuse an invalid new version and keep the versions as they were', async () => {
    const ws = await api.newWorkspace('recipes');
    const recipe = await createRecipe(ws, 'PRICING');
    const manifest = manifestOf('PRICING');
    manifest.pipeline.deployment.guardrails.max_price_change_pct = 2;
    manifest.monitoring.alerts[0].severity = 'LOUD';
    const res = await api.gql(ADD_VERSION, { input: { recipeId: recipe.id, manifest, changeNote: 'bad' } }, ws);
    expect(problemPaths(res)).toEqual(['input.manifest.monitoring.alerts[0].severity', 'input.manifest.pipeline.deployment.guardrails.max_price_change_pct']);
    const { recipe: read } = ok(await api.gql(`query($id: ID!) { recipe(id: $id) { versions { version } } }`, { id: recipe.id }, ws));
    expect(read.versions).toEqual([{ version: '1.0.0' }]);
  });
});

describe('versions', () => {
  it('diff any two versions, adjacent or not, in both directions; an unknown version is NOT_FOUND', async () => {
    const ws = await api.newWorkspace('recipes');
    const v1 = manifestOf('FORECASTING');
    const recipe = await createRecipe(ws, 'FORECASTING', v1);
    const v2 = structuredClone(v1);
    v2.monitoring.freshness.max_lag_hours = 24;
    await addVersion(ws, recipe.id, v2);
    const v3 = structuredClone(v2);
    v3.deployment.schedule = '0 5 * * *';
    delete v3.lineage.upstream_tables;
    await addVersion(ws, recipe.id, v3, 'MAJOR');

    const DIFF = `query($id: ID!, $from: String!, $to: String!) { recipe(id: $id) { diff(from: $from, to: $to) { op path value } versions { version diff { op path } } } }`;
    const forward = ok(await api.gql(DIFF, { id: recipe.id, from: '1.0.0', to: '2.0.0' }, ws)).recipe;
    expect(forward.versions.map((v: Json) => v.version)).toEqual(['2.0.0', '1.1.0', '1.0.0']);
    const changes = [
      { op: 'replace', path: '/monitoring/freshness/max_lag_hours', value: 24 },
      { op: 'replace', path: '/deployment/schedule', value: '0 5 * * *' },
      { op: 'remove', path: '/lineage/upstream_tables', value: null },
    ];
    expect(forward.diff).toHaveLength(3);
    expect(forward.diff).toEqual(expect.arrayContaining(changes));
    // The stored diff of 2.0.0 is only the step from 1.1.0.
    expect(forward.versions[0].diff).toHaveLength(2);

    const backward = ok(await api.gql(DIFF, { id: recipe.id, from: '2.0.0', to: '1.0.0' }, ws)).recipe.diff;
    expect(backward).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/monitoring/freshness/max_lag_hours', value: 30 },
        { op: 'replace', path: '/deployment/schedule', value: v1.deployment.schedule },
        { op: 'add', path: '/lineage/upstream_tables', value: v1.lineage.upstream_tables },
      ]),
    );
    expect(ok(await api.gql(DIFF, { id: recipe.id, from: '1.1.0', to: '1.1.0' }, ws)).recipe.diff).toEqual([]);

    const unknown = await api.gql(DIFF, { id: recipe.id, from: '1.0.0', to: '9.9.9' }, ws);
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors![0]!.message).toContain('9.9.9');
  });
});

describe('cloning and inheritance', () => {
  it('clones BASELINE → INDUSTRY → CLIENT with parent, parent version and packs, and refuses to clone a CLIENT', async () => {
    const ws = await api.newWorkspace('recipes');
    const baseline = await createRecipe(ws);
    const changed = manifestOf('FORECASTING');
    changed.deployment.schedule = '0 3 * * *';
    await addVersion(ws, baseline.id, changed);
    const packVersionId = await attachPack(ws, baseline.id);

    const overlay = { metadata: { industry: 'grocery' } };
    const industry = ok(await clone(ws, { recipeId: baseline.id, versionId: baseline.latestVersion.id, name: 'Grocery forecast', overlay })).cloneRecipe;
    expect(industry).toMatchObject({
      name: 'Grocery forecast',
      level: 'INDUSTRY',
      status: 'DRAFT',
      family: 'FORECASTING',
      parent: { id: baseline.id },
      parentVersion: { id: baseline.latestVersion.id, version: '1.0.0' },
      latestVersion: { version: '1.0.0', manifest: overlay },
      attachedPacks: [{ id: packVersionId }],
    });

    // Without versionId: the parent's latest version.
    await addVersion(ws, industry.id, { deployment: { schedule: '0 2 * * *' } });
    const client = ok(await clone(ws, { recipeId: industry.id, name: 'Acme forecast' })).cloneRecipe;
    expect(client).toMatchObject({ level: 'CLIENT', status: 'DRAFT', parent: { id: industry.id }, parentVersion: { version: '1.1.0' }, latestVersion: { manifest: {} }, attachedPacks: [{ id: packVersionId }] });

    const refused = await clone(ws, { recipeId: client.id });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain('CLIENT');
    const foreignVersion = await clone(ws, { recipeId: industry.id, versionId: baseline.latestVersion.id });
    expect(codeOf(foreignVersion)).toBe('BAD_USER_INPUT');
    const other = await api.newWorkspace('other');
    expect(codeOf(await clone(other, { recipeId: baseline.id }))).toBe('NOT_FOUND');
    expect(await recipeCount(ws)).toBe(3);

    const TREE = `query($id: ID!) { recipe(id: $id) { children { id children { id parent { id } } } } }`;
    const tree = ok(await api.gql(TREE, { id: baseline.id }, ws)).recipe;
    expect(tree.children).toEqual([{ id: industry.id, children: [{ id: client.id, parent: { id: industry.id } }] }]);
  });

  it('resolves manifests over two levels from the versions cloned from: objects merge, arrays and scalars replace', async () => {
    const ws = await api.newWorkspace('recipes');
    const base = manifestOf('FORECASTING');
    const baseline = await createRecipe(ws, 'FORECASTING', base);
    const industryOverlay = { metadata: { level: 'INDUSTRY', industry: 'grocery' }, requirements: { feature_sets: ['sales_history', 'calendar'] }, deployment: { schedule: '0 5 * * *' } };
    const industry = ok(await clone(ws, { recipeId: baseline.id, overlay: industryOverlay })).cloneRecipe;
    // A later industry version the client is not cloned from.
    const industryV2 = await addVersion(ws, industry.id, { ...industryOverlay, monitoring: { freshness: { max_lag_hours: 12 } } });
    expect(industryV2.resolvedManifest.monitoring.freshness.max_lag_hours).toBe(12);

    const clientOverlay = { metadata: { level: 'CLIENT', client: 'acme' }, requirements: { grain: { frequency: 'weekly' } }, deployment: { endpoint: 'warehouse://acme.forecasts' } };
    const client = ok(await clone(ws, { recipeId: industry.id, versionId: industry.latestVersion.id, overlay: clientOverlay })).cloneRecipe;

    const expected = structuredClone(base);
    Object.assign(expected.metadata, { level: 'CLIENT', industry: 'grocery', client: 'acme' });
    expected.requirements.feature_sets = ['sales_history', 'calendar'];
    expected.requirements.grain.frequency = 'weekly';
    Object.assign(expected.deployment, { schedule: '0 5 * * *', endpoint: 'warehouse://acme.forecasts' });
    expect(client.latestVersion.manifest).toEqual(clientOverlay);
    expect(client.latestVersion.resolvedManifest).toEqual(expected);
    expect(baseline.latestVersion.resolvedManifest).toEqual(base);

    // Overlays are validated once resolved: a partial overlay is fine, a bad value is not.
    const fine = await addVersion(ws, client.id, { ...clientOverlay, monitoring: { freshness: { max_lag_hours: 6 } } });
    expect(fine.resolvedManifest.monitoring.freshness.max_lag_hours).toBe(6);
    const bad = await api.gql(ADD_VERSION, { input: { recipeId: client.id, manifest: { requirements: { min_history_days: 0 } }, changeNote: 'bad' } }, ws);
    expect(problemPaths(bad)).toEqual(['input.manifest.requirements.min_history_days']);
    const badClone = await clone(ws, { recipeId: industry.id, overlay: { deployment: { mode: 'stream' }, monitoring: { drift: { thresholds: { psi_moderate: -1 } } } } });
    expect(problemPaths(badClone)).toEqual(['input.overlay.deployment.mode', 'input.overlay.monitoring.drift.thresholds.psi_moderate']);
    expect(await recipeCount(ws)).toBe(3);
  });

  it('resolves the manifests of every listed version with a fixed number of statements', async () => {
    const ws = await api.newWorkspace('recipes');
    const baseline = await createRecipe(ws);
    const industry = ok(await clone(ws, { recipeId: baseline.id })).cloneRecipe;
    ok(await clone(ws, { recipeId: industry.id, name: 'first client', overlay: { deployment: { schedule: '0 1 * * *' } } }));
    const LIST = `{ recipes(first: 50) { edges { node { name versions { version resolvedManifest } } } } }`;
    const statementsFor = async () => {
      api.resetStatements();
      const { recipes } = ok(await api.gql(LIST, {}, ws));
      const client = recipes.edges.find((e: Json) => e.node.name === 'first client').node;
      expect(client.versions[0].resolvedManifest.deployment.schedule).toBe('0 1 * * *');
      return { statements: api.statements.length, versions: recipes.edges.flatMap((e: Json) => e.node.versions).length };
    };
    const few = await statementsFor();
    for (let i = 0; i < 3; i++) await addVersion(ws, industry.id, { metadata: { industry: `industry ${i}` } });
    ok(await clone(ws, { recipeId: industry.id, name: 'second client' }));
    const many = await statementsFor();
    expect(many.versions).toBe(few.versions + 4);
    expect(many.statements).toBe(few.statements);
  });
});

describe('status machine', () => {
  it('walks DRAFT → APPROVED → ARCHIVED → DRAFT and refuses every other transition, naming both states', async () => {
    const ws = await api.newWorkspace('recipes');
    const { id } = await createRecipe(ws);
    const refuse = async (action: 'approve' | 'archive' | 'restore', current: string, requested: string) => {
      const res = await transition(ws, action, id);
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors![0]!.message).toContain(`is ${current}; it cannot become ${requested}`);
      expect(res.errors![0]!.extensions).toMatchObject({ current, requested });
      expect(ok(await api.gql(`query($id: ID!) { recipe(id: $id) { status } }`, { id }, ws)).recipe.status).toBe(current);
    };
    await refuse('archive', 'DRAFT', 'ARCHIVED');
    await refuse('restore', 'DRAFT', 'DRAFT');
    expect(ok(await transition(ws, 'approve', id)).approveRecipe.status).toBe('APPROVED');
    await refuse('approve', 'APPROVED', 'APPROVED');
    await refuse('restore', 'APPROVED', 'DRAFT');
    expect(ok(await transition(ws, 'archive', id)).archiveRecipe.status).toBe('ARCHIVED');
    await refuse('approve', 'ARCHIVED', 'APPROVED');
    await refuse('archive', 'ARCHIVED', 'ARCHIVED');
    const version = await api.gql(ADD_VERSION, { input: { recipeId: id, manifest: manifestOf('FORECASTING'), changeNote: 'late' } }, ws);
    expect(codeOf(version)).toBe('CONFLICT');
    expect(ok(await transition(ws, 'restore', id)).restoreRecipe.status).toBe('DRAFT');

    const other = await api.newWorkspace('other');
    for (const [slug, target] of [[ws, '00000000-0000-4000-8000-000000000000'], [ws, 'nope'], [other, id]]) {
      expect(codeOf(await api.gql(`mutation($id: ID!) { approveRecipe(id: $id) { id } }`, { id: target }, slug))).toBe('NOT_FOUND');
    }
  });

  it('lets only APPROVED recipes register models', async () => {
    const ws = await api.newWorkspace('recipes');
    const recipe = await createRecipe(ws);
    const register = () => api.gql(REGISTER, { input: { recipeVersionId: recipe.latestVersion.id, name: 'Demand model' } }, ws);
    const draft = await register();
    expect(codeOf(draft)).toBe('CONFLICT');
    expect(draft.errors![0]!.message).toContain('is DRAFT');
    ok(await transition(ws, 'approve', recipe.id));
    ok(await register());
    ok(await transition(ws, 'archive', recipe.id));
    const archived = await register();
    expect(codeOf(archived)).toBe('CONFLICT');
    expect(archived.errors![0]!.message).toContain('is ARCHIVED');
    expect(ok(await api.gql(`{ models { totalCount } }`, {}, ws)).models.totalCount).toBe(1);
  });

  it('deletes a recipe with its versions, attachments and example, but not while it has models or children', async () => {
    const ws = await api.newWorkspace('recipes');
    const withModel = await createRecipe(ws);
    ok(await transition(ws, 'approve', withModel.id));
    ok(await api.gql(REGISTER, { input: { recipeVersionId: withModel.latestVersion.id, name: 'Kept model' } }, ws));
    const refused = await transition(ws, 'delete', withModel.id);
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain('1 model(s)');

    const parent = await createRecipe(ws);
    const child = ok(await clone(ws, { recipeId: parent.id })).cloneRecipe;
    expect(codeOf(await transition(ws, 'delete', parent.id))).toBe('CONFLICT');

    await addVersion(ws, parent.id, manifestOf('FORECASTING'), 'PATCH');
    await attachPack(ws, parent.id);
    await writeRows(ws, (em, workspace) =>
      em.create(SyntheticExample, { workspace, recipe: em.getReference(Recipe, parent.id), description: 'example', schema: {}, sampleRows: [], exampleRun: {} }),
    );

    expect(ok(await transition(ws, 'delete', child.id)).deleteRecipe).toBe(child.id);
    expect(ok(await transition(ws, 'delete', parent.id)).deleteRecipe).toBe(parent.id);
    expect(codeOf(await api.gql(`query($id: ID!) { recipe(id: $id) { id } }`, { id: parent.id }, ws))).toBe('NOT_FOUND');
    const [left] = await api.orm.em.fork().execute(
      `select (select count(*) from recipe_version where recipe_id in (?, ?))::int as versions,
              (select count(*) from recipe_pack_attachment where recipe_id in (?, ?))::int as attachments,
              (select count(*) from synthetic_example where recipe_id in (?, ?))::int as examples`,
      [parent.id, child.id, parent.id, child.id, parent.id, child.id],
    );
    expect(left).toEqual({ versions: 0, attachments: 0, examples: 0 });
    expect(await recipeCount(ws)).toBe(1);
    expect(codeOf(await transition(ws, 'delete', parent.id))).toBe('NOT_FOUND');
  });
});

describe('audit', () => {
  it('records who made each change, with the status before and after; refusals record nothing', async () => {
    const ws = await api.newWorkspace('recipes');
    const actor = 'ana@example.com';
    const recipe = await createRecipe(ws, 'FORECASTING', manifestOf('FORECASTING'), actor);
    expect(recipe.latestVersion.author).toBe(actor);
    await addVersion(ws, recipe.id, manifestOf('FORECASTING'), 'PATCH', actor);
    for (const action of ['approve', 'archive', 'restore'] as const) ok(await transition(ws, action, recipe.id, actor));
    expect(codeOf(await transition(ws, 'archive', recipe.id, actor))).toBe('CONFLICT');
    const child = ok(await clone(ws, { recipeId: recipe.id }, actor)).cloneRecipe;
    ok(await transition(ws, 'delete', child.id, actor));

    const AUDIT = `query($id: ID!) { auditEvents(filter: { subjectId: $id }) { edges { node { action actor subjectType before after } } } }`;
    const events = async (id: string) => ok(await api.gql(AUDIT, { id }, ws)).auditEvents.edges.map((e: Json) => e.node).reverse();
    const own = await events(recipe.id);
    expect(own.map((e: Json) => e.action)).toEqual(['recipe.create', 'recipe.version', 'recipe.approve', 'recipe.archive', 'recipe.restore']);
    for (const event of own) expect(event).toMatchObject({ actor, subjectType: 'Recipe' });
    expect(own[1]).toMatchObject({ before: { status: 'DRAFT', version: '1.0.0' }, after: { status: 'DRAFT', version: '1.0.1' } });
    expect(own.slice(2).map((e: Json) => [e.before.status, e.after.status])).toEqual([
      ['DRAFT', 'APPROVED'],
      ['APPROVED', 'ARCHIVED'],
      ['ARCHIVED', 'DRAFT'],
    ]);
    const cloned = await events(child.id);
    expect(cloned.map((e: Json) => [e.action, e.actor])).toEqual([
      ['recipe.clone', actor],
      ['recipe.delete', actor],
    ]);
    expect(cloned[0].after).toMatchObject({ status: 'DRAFT', level: 'INDUSTRY', parentId: recipe.id });
    expect(cloned[1].before).toMatchObject({ status: 'DRAFT' });
  });
});
