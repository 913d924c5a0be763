import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { approvedRecipeVersion, auditOf, FORECASTING_RULES, registerModel } from './arena-fixtures.js';
import { codeOf, type GqlResponse, ok, startTestApi, type TestApi } from './harness.js';

const TRANSITION = `mutation($input: TransitionModelInput!) { transitionModel(input: $input) { id status version } }`;
const UPDATE = `mutation($input: UpdateModelInput!) { updateModel(input: $input) { id name description owner version } }`;

let api: TestApi;
let ws: string;
let recipeVersionId: string;
beforeAll(async () => {
  api = await startTestApi();
  ws = await api.newWorkspace('models');
  recipeVersionId = await approvedRecipeVersion(api, ws, RecipeFamily.FORECASTING, FORECASTING_RULES);
});
afterAll(() => api?.close());

const newModel = (name = 'Demand model') => registerModel(api, ws, recipeVersionId, name);
const transition = (id: string, status: string, expectedVersion: number, actor?: string) => api.gql(TRANSITION, { input: { id, status, expectedVersion } }, ws, actor);
const readModel = async (id: string) => ok(await api.gql(`query($id: ID!) { model(id: $id) { name description owner status version } }`, { id }, ws)).model;

describe('model status machine', () => {
  it('walks DRAFT → STAGING → DRAFT → STAGING → PRODUCTION → RETIRED, one version per step, each audited with its actor', async () => {
    const model = await newModel();
    expect(model).toMatchObject({ status: 'DRAFT', version: 1 });
    const path = ['STAGING', 'DRAFT', 'STAGING', 'PRODUCTION', 'RETIRED'];
    let version = model.version;
    for (const status of path) {
      const moved = ok(await transition(model.id, status, version, 'release-manager')).transitionModel;
      expect(moved).toEqual({ id: model.id, status, version: version + 1 });
      version = moved.version;
    }
    const events = await auditOf(api, ws, model.id, 'model.status');
    expect(events.reverse().map((e) => [e.before.status, e.after.status, e.actor, e.subjectType])).toEqual(
      ['DRAFT', ...path.slice(0, -1)].map((from, i) => [from, path[i], 'apikey:release-manager', 'Model']),
    );
  });

  it('refuses every other transition with CONFLICT naming the current and the requested status, changing nothing', async () => {
    const model = await newModel();
    const refused = [
      ['DRAFT', 'PRODUCTION'],
      ['DRAFT', 'RETIRED'],
      ['DRAFT', 'DRAFT'],
    ];
    for (const [current, requested] of refused) {
      const res = await transition(model.id, requested!, 1);
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors![0]!.message).toBe(`Model ${model.id} is ${current}; it cannot become ${requested}`);
      expect(res.errors![0]!.extensions).toMatchObject({ current, requested });
    }
    ok(await transition(model.id, 'STAGING', 1));
    ok(await transition(model.id, 'PRODUCTION', 2));
    for (const requested of ['STAGING', 'DRAFT']) expect(conflictMessage(await transition(model.id, requested, 3))).toMatch(new RegExp(`is PRODUCTION; it cannot become ${requested}$`));
    ok(await transition(model.id, 'RETIRED', 3));
    for (const requested of ['DRAFT', 'STAGING', 'PRODUCTION']) expect(conflictMessage(await transition(model.id, requested, 4))).toMatch(new RegExp(`is RETIRED; it cannot become ${requested}$`));
    expect(await readModel(model.id)).toMatchObject({ status: 'RETIRED', version: 4 });
    expect(await auditOf(api, ws, model.id, 'model.status')).toHaveLength(3);
  });

  it('answers unknown, malformed and other workspaces’ model ids with NOT_FOUND', async () => {
    const other = await api.newWorkspace('models-other');
    const foreign = await registerModel(api, other, await approvedRecipeVersion(api, other, RecipeFamily.FORECASTING, FORECASTING_RULES), 'Foreign');
    for (const id of [foreign.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect(codeOf(await transition(id, 'STAGING', 1))).toBe('NOT_FOUND');
      expect(codeOf(await api.gql(UPDATE, { input: { id, expectedVersion: 1, owner: 'x' } }, ws))).toBe('NOT_FOUND');
    }
    expect(ok(await api.gql(`query($id: ID!) { model(id: $id) { status owner } }`, { id: foreign.id }, other)).model).toEqual({ status: 'DRAFT', owner: 'ana@example.com' });
  });
});

/** The message of the first error, asserting it is a CONFLICT. */
function conflictMessage(response: GqlResponse): string {
  expect(codeOf(response)).toBe('CONFLICT');
  return response.errors![0]!.message;
}

describe('updateModel', () => {
  it('edits name, description and owner, auditing only the fields that changed', async () => {
    const model = await newModel('Old name');
    const updated = ok(await api.gql(UPDATE, { input: { id: model.id, expectedVersion: 1, name: '  New name ', owner: 'bo@example.com' } }, ws, 'ana')).updateModel;
    expect(updated).toEqual({ id: model.id, name: 'New name', description: '', owner: 'bo@example.com', version: 2 });
    const same = ok(await api.gql(UPDATE, { input: { id: model.id, expectedVersion: 2, owner: 'bo@example.com', description: 'Weekly' } }, ws)).updateModel;
    expect(same).toMatchObject({ description: 'Weekly', owner: 'bo@example.com', version: 3 });
    const events = await auditOf(api, ws, model.id, 'model.update');
    expect(events.map((e) => [e.actor, e.before, e.after])).toEqual([
      ['apikey:admin', { description: '' }, { description: 'Weekly' }],
      ['apikey:ana', { name: 'Old name', owner: 'ana@example.com' }, { name: 'New name', owner: 'bo@example.com' }],
    ]);
  });

  it('refuses a stale expectedVersion with CONFLICT instead of overwriting the newer change', async () => {
    const model = await newModel();
    ok(await api.gql(UPDATE, { input: { id: model.id, expectedVersion: 1, owner: 'first@example.com' } }, ws));
    const stale = await api.gql(UPDATE, { input: { id: model.id, expectedVersion: 1, owner: 'second@example.com' } }, ws);
    expect(conflictMessage(stale)).toContain(`Model ${model.id} changed since version 1`);
    expect(stale.errors![0]!.extensions).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    expect(conflictMessage(await transition(model.id, 'STAGING', 1))).toContain('changed since version 1');
    expect(await readModel(model.id)).toMatchObject({ owner: 'first@example.com', status: 'DRAFT', version: 2 });
  });

  it('lets exactly one of three concurrent writers based on the same version win', async () => {
    const model = await newModel();
    const results = await Promise.all(['a', 'b', 'c'].map((who) => api.gql(UPDATE, { input: { id: model.id, expectedVersion: 1, owner: who } }, ws)));
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(2);
    expect(await readModel(model.id)).toMatchObject({ owner: winners[0]!.data!.updateModel.owner, version: 2 });
    expect(await auditOf(api, ws, model.id, 'model.update')).toHaveLength(1);
  });

  it('reports invalid fields under VALIDATION_FAILED with their paths', async () => {
    const model = await newModel();
    const bad = await api.gql(UPDATE, { input: { id: model.id, expectedVersion: 1, name: '', owner: 'x'.repeat(201) } }, ws);
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect(bad.errors![0]!.extensions!.problems.map((p: { path: string }) => p.path).sort()).toEqual(['input.name', 'input.owner']);
    expect(await readModel(model.id)).toMatchObject({ name: 'Demand model', version: 1 });
  });
});
