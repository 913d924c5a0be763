import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { buildDemoData, expectedEvaluationStatus } from '@modelyard/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/modules/evaluation/evaluation.engine.js';
import { ModelStatus } from '../src/modules/models/model.enums.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { seedDemoWorkspace } from '../src/modules/seed/seed.service.js';
import { approvedRecipeWithModel, attachedPack, FORECAST_RULES, finishedRun } from './evaluation-fixtures.js';
import { codeOf, type GqlResponse, ok, startTestApi, type TestApi } from './harness.js';

const RULE_FIELDS = 'key direction promote warn fail required';
const CREATE = `mutation($input: CreateEvaluationPackInput!) {
  createEvaluationPack(input: $input) { id name family description tags versions { id version changeNote author rules { ${RULE_FIELDS} } } }
}`;
const NEW_VERSION = `mutation($input: CreateEvaluationPackVersionInput!) { createEvaluationPackVersion(input: $input) { id version changeNote author rules { ${RULE_FIELDS} } } }`;
const ATTACH = `mutation($r: ID!, $v: ID!) { attachPack(recipeId: $r, packVersionId: $v) { id attachedPacks { id version } } }`;
const DETACH = `mutation($r: ID!, $v: ID!) { detachPack(recipeId: $r, packVersionId: $v) { id attachedPacks { id } } }`;
const DELETE = `mutation($id: ID!) { deleteEvaluationPack(id: $id) }`;
const EVALUATE = `mutation($id: ID!) { evaluateRun(runId: $id) { id kind status summary packVersion { id version } } }`;
const PACK_COUNT = `{ evaluationPacks { totalCount } }`;
const AUDIT = `query($id: ID!) { auditEvents(filter: { subjectId: $id }) { edges { node { action actor subjectType before after reason } } } }`;

const MAPE = { key: 'MAPE', direction: 'LOWER_IS_BETTER', promote: 0.15, warn: 0.25, fail: 0.4, required: true };
const COVERAGE = { key: 'coverage_80', direction: 'HIGHER_IS_BETTER', promote: 0.8, warn: 0.75, fail: 0.65, required: false };
/** Every final metric the forecasting rules read, at a PASS value. */
const GOOD_METRICS = [{ key: 'MAPE', value: 0.12 }, { key: 'RMSE', value: 20 }, { key: 'MAE', value: 15 }, { key: 'forecast_bias', value: 0.02 }, { key: 'coverage_80', value: 0.82 }];

let api: TestApi;
let ws: string;
beforeAll(async () => {
  api = await startTestApi();
  ws = await api.newWorkspace('packs');
});
afterAll(() => api?.close());

function problems(res: GqlResponse): { path: string; message: string }[] {
  expect(codeOf(res)).toBe('VALIDATION_FAILED');
  return res.errors![0]!.extensions!.problems;
}

async function auditActions(subjectId: string): Promise<string[]> {
  return ok(await api.gql(AUDIT, { id: subjectId }, ws)).auditEvents.edges.map((e: any) => e.node.action);
}

describe('evaluation packs', () => {
  it('are created with version 1.0.0 of their rules, authored by the caller', async () => {
    const input = { name: ' Forecast gate ', family: 'FORECASTING', description: 'MAPE and coverage', tags: ['core'], rules: [MAPE, COVERAGE] };
    const pack = ok(await api.gql(CREATE, { input }, ws, 'ana')).createEvaluationPack;
    expect(pack).toMatchObject({ name: 'Forecast gate', family: 'FORECASTING', description: 'MAPE and coverage', tags: ['core'] });
    expect(pack.versions).toEqual([{ id: expect.any(String), version: '1.0.0', changeNote: 'Initial version', author: 'apikey:ana', rules: [MAPE, COVERAGE] }]);
    const again = ok(await api.gql(`query($id: ID!) { evaluationPack(id: $id) { latestVersion { version rules { key } } } }`, { id: pack.id }, ws));
    expect(again.evaluationPack.latestVersion).toEqual({ version: '1.0.0', rules: [{ key: 'MAPE' }, { key: 'coverage_80' }] });
    const [event] = ok(await api.gql(AUDIT, { id: pack.id }, ws)).auditEvents.edges.map((e: any) => e.node);
    expect(event).toMatchObject({ action: 'evaluationPack.create', actor: 'apikey:ana', subjectType: 'EvaluationPack', after: { name: 'Forecast gate', version: '1.0.0' } });
  });

  it('refuse inconsistent rules, naming each problem by path, and write nothing', async () => {
    const before = ok(await api.gql(PACK_COUNT, {}, ws)).evaluationPacks.totalCount;
    const rules = [
      { ...MAPE, warn: 0.5 },
      { ...COVERAGE, promote: 0.7 },
      { ...MAPE, key: ' MAPE ' },
      { ...MAPE, key: '  ' },
      { ...COVERAGE, key: 'recall', fail: 0.75 },
    ];
    const res = await api.gql(CREATE, { input: { name: 'Bad', family: 'FORECASTING', rules } }, ws);
    expect(problems(res)).toEqual([
      { path: 'input.rules[0].warn', message: 'warn (0.5) must be < fail (0.4) for LOWER_IS_BETTER' },
      { path: 'input.rules[1].promote', message: 'promote (0.7) must be ≥ warn (0.75) for HIGHER_IS_BETTER' },
      { path: 'input.rules[2].key', message: 'duplicates the key "MAPE" of input.rules[0]' },
      { path: 'input.rules[3].key', message: 'must not be empty' },
      { path: 'input.rules[4].warn', message: 'warn (0.75) must be > fail (0.75) for HIGHER_IS_BETTER' },
    ]);
    expect(problems(await api.gql(CREATE, { input: { name: 'Empty', family: 'FORECASTING', rules: [] } }, ws))).toEqual([{ path: 'input.rules', message: 'must contain at least one rule' }]);
    expect(problems(await api.gql(CREATE, { input: { name: 'Low promote', family: 'FORECASTING', rules: [{ ...MAPE, promote: 0.3 }] } }, ws))).toEqual([
      { path: 'input.rules[0].promote', message: 'promote (0.3) must be ≤ warn (0.25) for LOWER_IS_BETTER' },
    ]);
    // A float literal beyond double range parses as Infinity.
    const infinite = await api.gql(`mutation { createEvaluationPack(input: { name: "Inf", family: FORECASTING, rules: [{ key: "MAPE", direction: LOWER_IS_BETTER, promote: 0.1, warn: 0.2, fail: 1e999 }] }) { id } }`, {}, ws);
    expect(problems(infinite)).toEqual([{ path: 'input.rules[0].fail', message: 'must be a finite number' }]);
    expect(ok(await api.gql(PACK_COUNT, {}, ws)).evaluationPacks.totalCount).toBe(before);
  });

  it('get immutable semver versions; a refused version writes nothing', async () => {
    const pack = ok(await api.gql(CREATE, { input: { name: 'Versioned', family: 'FORECASTING', rules: [MAPE] } }, ws)).createEvaluationPack;
    const bump = async (bump: string | undefined, rules: unknown[]) => ok(await api.gql(NEW_VERSION, { input: { packId: pack.id, rules, changeNote: `bump ${bump}`, bump } }, ws, 'bo')).createEvaluationPackVersion;
    expect(await bump(undefined, [{ ...MAPE, warn: 0.2 }])).toMatchObject({ version: '1.1.0', author: 'apikey:bo', changeNote: 'bump undefined', rules: [{ ...MAPE, warn: 0.2 }] });
    expect((await bump('PATCH', [MAPE])).version).toBe('1.1.1');
    expect((await bump('MAJOR', [MAPE, COVERAGE])).version).toBe('2.0.0');
    expect((await bump('MINOR', [MAPE])).version).toBe('2.1.0');
    const refused = await api.gql(NEW_VERSION, { input: { packId: pack.id, rules: [{ ...COVERAGE, warn: 0.9 }], changeNote: 'bad' } }, ws);
    expect(problems(refused)).toEqual([{ path: 'input.rules[0].promote', message: 'promote (0.8) must be ≥ warn (0.9) for HIGHER_IS_BETTER' }]);
    const { evaluationPack } = ok(await api.gql(`query($id: ID!) { evaluationPack(id: $id) { versions { version rules { warn } } } }`, { id: pack.id }, ws));
    expect(evaluationPack.versions.map((v: any) => v.version)).toEqual(['2.1.0', '2.0.0', '1.1.1', '1.1.0', '1.0.0']);
    expect(evaluationPack.versions.at(-1).rules).toEqual([{ warn: 0.25 }]);
    expect(await auditActions(pack.id)).toEqual(['evaluationPack.version', 'evaluationPack.version', 'evaluationPack.version', 'evaluationPack.version', 'evaluationPack.create']);
    const missing = await api.gql(NEW_VERSION, { input: { packId: randomUUID(), rules: [MAPE], changeNote: 'x' } }, ws);
    expect(codeOf(missing)).toBe('NOT_FOUND');
  });

  it('are edited (name, description, tags) with an audit event; other workspaces cannot see them', async () => {
    const pack = ok(await api.gql(CREATE, { input: { name: 'Editable', family: 'PRICING', rules: [MAPE] } }, ws)).createEvaluationPack;
    const UPDATE = `mutation($input: UpdateEvaluationPackInput!) { updateEvaluationPack(input: $input) { name description tags } }`;
    const updated = ok(await api.gql(UPDATE, { input: { id: pack.id, name: 'Edited', tags: ['a', 'b'] } }, ws, 'cy')).updateEvaluationPack;
    expect(updated).toEqual({ name: 'Edited', description: '', tags: ['a', 'b'] });
    const [event] = ok(await api.gql(AUDIT, { id: pack.id }, ws)).auditEvents.edges.map((e: any) => e.node);
    expect(event).toMatchObject({ action: 'evaluationPack.update', actor: 'apikey:cy', before: { name: 'Editable', tags: [] }, after: { name: 'Edited', tags: ['a', 'b'] } });
    expect(problems(await api.gql(UPDATE, { input: { id: pack.id, name: ' ' } }, ws))).toEqual([{ path: 'input.name', message: 'must not be empty' }]);
    const other = await api.newWorkspace('packs-other');
    expect(codeOf(await api.gql(UPDATE, { input: { id: pack.id, name: 'Hijack' } }, other))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(DELETE, { id: pack.id }, other))).toBe('NOT_FOUND');
  });
});

describe('attaching packs to recipes', () => {
  it('attaches and detaches pack versions of the recipe’s family, with audit events', async () => {
    const { recipeId } = await approvedRecipeWithModel(api.orm, ws, RecipeFamily.FORECASTING, ModelStatus.DRAFT);
    const pack = ok(await api.gql(CREATE, { input: { name: 'Attachable', family: 'FORECASTING', rules: [MAPE] } }, ws)).createEvaluationPack;
    const v1 = pack.versions[0].id;
    const v2 = ok(await api.gql(NEW_VERSION, { input: { packId: pack.id, rules: [MAPE, COVERAGE], changeNote: 'coverage' } }, ws)).createEvaluationPackVersion.id;
    expect(ok(await api.gql(ATTACH, { r: recipeId, v: v1 }, ws)).attachPack.attachedPacks).toEqual([{ id: v1, version: '1.0.0' }]);
    expect(ok(await api.gql(ATTACH, { r: recipeId, v: v2 }, ws)).attachPack.attachedPacks.map((p: any) => p.version)).toEqual(['1.0.0', '1.1.0']);

    const duplicate = await api.gql(ATTACH, { r: recipeId, v: v1 }, ws);
    expect(codeOf(duplicate)).toBe('CONFLICT');
    expect(duplicate.errors![0]!.message).toBe(`EvaluationPackVersion ${v1} is already attached to recipe ${recipeId}`);
    const pricing = ok(await api.gql(CREATE, { input: { name: 'Pricing gate', family: 'PRICING', rules: [MAPE] } }, ws)).createEvaluationPack;
    const wrongFamily = await api.gql(ATTACH, { r: recipeId, v: pricing.versions[0].id }, ws);
    expect(codeOf(wrongFamily)).toBe('CONFLICT');
    expect(wrongFamily.errors![0]!.message).toBe(`EvaluationPack "Pricing gate" is for PRICING recipes; recipe ${recipeId} is FORECASTING`);
    expect(codeOf(await api.gql(ATTACH, { r: randomUUID(), v: v1 }, ws))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(ATTACH, { r: recipeId, v: 'not-an-id' }, ws))).toBe('NOT_FOUND');

    expect(ok(await api.gql(DETACH, { r: recipeId, v: v1 }, ws)).detachPack.attachedPacks).toEqual([{ id: v2 }]);
    const again = await api.gql(DETACH, { r: recipeId, v: v1 }, ws);
    expect(codeOf(again)).toBe('NOT_FOUND');
    expect(again.errors![0]!.message).toBe(`EvaluationPackVersion ${v1} is not attached to recipe ${recipeId}`);
    expect(await auditActions(recipeId)).toEqual(['recipe.detachPack', 'recipe.attachPack', 'recipe.attachPack']);
    const { evaluationPack } = ok(await api.gql(`query($id: ID!) { evaluationPack(id: $id) { versions { version attachedTo { id } } } }`, { id: pack.id }, ws));
    expect(evaluationPack.versions).toEqual([{ version: '1.1.0', attachedTo: [{ id: recipeId }] }, { version: '1.0.0', attachedTo: [] }]);
  });

  it('a pack is deleted only while no version is attached or has results', async () => {
    const { recipeId, modelId } = await approvedRecipeWithModel(api.orm, ws, RecipeFamily.FORECASTING, ModelStatus.DRAFT);
    const { packId, packVersionId } = await attachedPack(api, ws, recipeId);
    const attached = await api.gql(DELETE, { id: packId }, ws);
    expect(codeOf(attached)).toBe('CONFLICT');
    expect(attached.errors![0]!.extensions).toMatchObject({ attachments: 1, results: 0 });
    await finishedRun(api, ws, modelId, 'SUCCEEDED', { metrics: GOOD_METRICS });
    ok(await api.gql(DETACH, { r: recipeId, v: packVersionId }, ws));
    const evaluated = await api.gql(DELETE, { id: packId }, ws);
    expect(codeOf(evaluated)).toBe('CONFLICT');
    expect(evaluated.errors![0]!.extensions).toMatchObject({ attachments: 0, results: 1 });

    const unused = ok(await api.gql(CREATE, { input: { name: 'Unused', family: 'FORECASTING', rules: [MAPE] } }, ws)).createEvaluationPack;
    ok(await api.gql(NEW_VERSION, { input: { packId: unused.id, rules: [MAPE], changeNote: 'second' } }, ws));
    expect(ok(await api.gql(DELETE, { id: unused.id }, ws, 'dee')).deleteEvaluationPack).toBe(unused.id);
    expect(codeOf(await api.gql(`query($id: ID!) { evaluationPack(id: $id) { id } }`, { id: unused.id }, ws))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(DELETE, { id: unused.id }, ws))).toBe('NOT_FOUND');
    expect(await auditActions(unused.id)).toEqual(['evaluationPack.delete', 'evaluationPack.version', 'evaluationPack.create']);
  });
});

describe('evaluateRun', () => {
  it('re-evaluates a succeeded run with the packs attached now, keeping the earlier results', async () => {
    const { recipeId, modelId } = await approvedRecipeWithModel(api.orm, ws, RecipeFamily.FORECASTING, ModelStatus.STAGING);
    const { packId, packVersionId: v1 } = await attachedPack(api, ws, recipeId);
    const metrics = GOOD_METRICS.map((m) => (m.key === 'MAPE' ? { key: 'MAPE', value: 0.3 } : m));
    const runId = await finishedRun(api, ws, modelId, 'SUCCEEDED', { metrics });
    const RESULTS = `query($run: ID!, $model: ID!) {
      run(id: $run) { evaluationResults { id status packVersion { id } } }
      model(id: $model) { latestEvaluation { id } evaluationResults(kind: RUN) { id } }
    }`;
    const first = ok(await api.gql(RESULTS, { run: runId, model: modelId }, ws));
    expect(first.run.evaluationResults).toEqual([{ id: expect.any(String), status: 'WARN', packVersion: { id: v1 } }]);

    // A stricter version replaces the first one on the recipe.
    const rules = FORECAST_RULES.map((r) => (r.key === 'MAPE' ? { ...r, warn: 0.2, fail: 0.3 } : r));
    const v2 = ok(await api.gql(NEW_VERSION, { input: { packId, rules, changeNote: 'stricter MAPE' } }, ws)).createEvaluationPackVersion.id;
    ok(await api.gql(ATTACH, { r: recipeId, v: v2 }, ws));
    ok(await api.gql(DETACH, { r: recipeId, v: v1 }, ws));
    const [fresh] = ok(await api.gql(EVALUATE, { id: runId }, ws, 'eve')).evaluateRun;
    expect(fresh).toMatchObject({ kind: 'RUN', status: 'FAIL', summary: 'Evaluation FAIL: 4/5 metrics passed, 1 failed', packVersion: { id: v2, version: '1.1.0' } });
    const [again] = ok(await api.gql(EVALUATE, { id: runId }, ws)).evaluateRun;

    const after = ok(await api.gql(RESULTS, { run: runId, model: modelId }, ws));
    // Newest result per pack version: v1's original verdict and v2's latest re-evaluation.
    expect(after.run.evaluationResults).toEqual([first.run.evaluationResults[0], { id: again.id, status: 'FAIL', packVersion: { id: v2 } }]);
    expect(after.model.evaluationResults).toHaveLength(3);
    expect(after.model.latestEvaluation.id).toBe(again.id);
    const [event] = ok(await api.gql(AUDIT, { id: runId }, ws)).auditEvents.edges.map((e: any) => e.node);
    expect(event).toMatchObject({ action: 'run.evaluate', actor: 'apikey:admin', after: { results: [{ packVersionId: v2, status: 'FAIL' }] } });
    expect(fresh.id).not.toBe(again.id);
  });

  it('is refused for runs that did not succeed, and for unknown runs', async () => {
    const { recipeId, modelId } = await approvedRecipeWithModel(api.orm, ws, RecipeFamily.FORECASTING, ModelStatus.DRAFT);
    await attachedPack(api, ws, recipeId);
    const failed = await finishedRun(api, ws, modelId, 'FAILED', { error: 'OOM' });
    const res = await api.gql(EVALUATE, { id: failed }, ws);
    expect(codeOf(res)).toBe('CONFLICT');
    expect(res.errors![0]!.message).toBe(`Run ${failed} is FAILED; only a SUCCEEDED run can be evaluated`);
    expect(codeOf(await api.gql(EVALUATE, { id: randomUUID() }, ws))).toBe('NOT_FOUND');
    const { model } = ok(await api.gql(`query($id: ID!) { model(id: $id) { evaluationResults { id } } }`, { id: modelId }, ws));
    expect(model.evaluationResults).toEqual([]);
  });
});

describe('the seeded evaluation results', () => {
  it('are exactly what the engine computes from the seeded metrics', async () => {
    const slug = `demo-${randomUUID().slice(0, 8)}`;
    const data = buildDemoData(new Date());
    await seedDemoWorkspace(api.orm.em.fork(), new Date(), { ...data, workspace: { ...data.workspace, slug: slug as 'demo' } });
    const RESULT = `status summary metrics { key actual status promotable note thresholds { ${RULE_FIELDS} } } packVersion { rules { ${RULE_FIELDS} } }`;
    const { models } = ok(await api.gql(`{ models(first: 10) { edges { node {
      runs(first: 50) { edges { node { status metrics { key value } evaluationResults { ${RESULT} } } } }
      monitorSnapshots { performance { key value } evaluationResults { ${RESULT} } } } } } }`, {}, slug));
    const evaluated = models.edges.flatMap(({ node }: any) => [
      ...node.runs.edges.map((e: any) => ({ metrics: e.node.metrics, results: e.node.evaluationResults, kind: 'RUN' })),
      ...node.monitorSnapshots.map((s: any) => ({ metrics: s.performance, results: s.evaluationResults, kind: 'MONITOR' })),
    ]);
    const tally: Record<string, string[]> = { RUN: [], MONITOR: [] };
    for (const { metrics, results, kind } of evaluated) {
      for (const result of results) {
        const expected = evaluate(result.packVersion.rules, metrics);
        expect({ status: result.status, summary: result.summary, metrics: result.metrics }).toEqual({
          status: expected.status,
          summary: expected.summary,
          metrics: expected.metrics.map((m) => ({ note: null, ...m })),
        });
        expect(result.status).toBe(expectedEvaluationStatus(result.packVersion.rules, metrics));
        tally[kind]!.push(result.status);
      }
    }
    const histogram = (statuses: string[]) => Object.fromEntries(['PASS', 'WARN', 'FAIL'].map((s) => [s, statuses.filter((x) => x === s).length]));
    expect(histogram(tally.RUN!)).toEqual({ PASS: 5, WARN: 3, FAIL: 2 });
    expect(histogram(tally.MONITOR!)).toEqual({ PASS: 5, WARN: 7, FAIL: 3 });
  });
});
