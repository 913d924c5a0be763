import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbTest } from '../src/modules/abtests/ab-test.entity.js';
import { AbTestKind } from '../src/modules/abtests/ab-test.enums.js';
import { Model } from '../src/modules/models/model.entity.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { Workspace } from '../src/modules/workspaces/workspace.entity.js';
import { approvedRecipeVersion, auditOf, FORECASTING_RULES, registerModel, succeededRun } from './arena-fixtures.js';
import { codeOf, type GqlResponse, ok, startTestApi, type TestApi } from './harness.js';
import { subscribe } from './live-client.js';

const EXPERIMENT = `id name hypothesis targetMetric expectedImprovement description owner status decision rationale
  results { metric baseline observed relativeChange note } resultsSummary
  approvedAt approvedBy approvalNote rejectedAt rejectedBy startedAt startedBy shadowStartedAt shadowStartedBy completedAt completedBy
  adoptions { outcome model { id status } arena { id } }`;
const PROPOSE = `mutation($input: ProposeExperimentInput!) { proposeExperiment(input: $input) { ${EXPERIMENT} } }`;
const APPROVE = `mutation($id: ID!, $note: String) { approveExperiment(id: $id, note: $note) { ${EXPERIMENT} } }`;
const REJECT = `mutation($id: ID!, $rationale: String!) { rejectExperiment(id: $id, rationale: $rationale) { ${EXPERIMENT} } }`;
const START = `mutation($id: ID!) { startExperiment(id: $id) { ${EXPERIMENT} } }`;
const SHADOW = `mutation($id: ID!) { startShadowTesting(id: $id) { ${EXPERIMENT} } }`;
const COMPLETE = `mutation($input: CompleteExperimentInput!) { completeExperiment(input: $input) { ${EXPERIMENT} } }`;
const UPDATE = `mutation($input: UpdateExperimentInput!) { updateExperiment(input: $input) { ${EXPERIMENT} } }`;
const LINKS = `models { role linkedAt model { id } } runs { id } abTests { id }`;
const LINK = `mutation($input: LinkExperimentInput!) { linkExperiment(input: $input) { id ${LINKS} } }`;
const UNLINK = `mutation($input: UnlinkExperimentInput!) { unlinkExperiment(input: $input) { id ${LINKS} } }`;
const GET = `query($id: ID!) { experiment(id: $id) { ${EXPERIMENT} ${LINKS} } }`;
const ARENA = `id champion { id } entries { role trafficWeight model { id status } }`;
const CREATE_ARENA = `mutation($input: CreateArenaInput!) { createArena(input: $input) { ${ARENA} } }`;
const ADD_ENTRY = `mutation($input: AddArenaEntryInput!) { addArenaEntry(input: $input) { id } }`;
const GET_ARENA = `query($id: ID!) { arena(id: $id) { ${ARENA} } }`;
const MODEL = `query($id: ID!) { model(id: $id) { id status arenaEntry { role } } }`;
const TRANSITION = `mutation($input: TransitionModelInput!) { transitionModel(input: $input) { id status } }`;
const EXPERIMENT_ALERTS = `query { alerts(first: 10, filter: { types: [EXPERIMENT_COMPLETE] }) { edges { node { type severity status title message model { id } } } } }`;

type Json = Record<string, any>;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const problemPaths = (res: GqlResponse) => res.errors![0]!.extensions!.problems.map((p: { path: string }) => p.path);

/** A workspace with an approved forecasting recipe (and pack), and helpers to register models, arenas and experiments in it. */
async function workspace() {
  const ws = await api.newWorkspace('exp');
  const versionId = await approvedRecipeVersion(api, ws, RecipeFamily.FORECASTING, FORECASTING_RULES);
  const gql = (query: string, variables: Record<string, unknown> = {}, actor?: string) => api.gql(query, variables, ws, actor);
  const model = (name: string) => registerModel(api, ws, versionId, name).then((m) => m.id);
  const stagingModel = async (name: string) => {
    const id = await model(name);
    ok(await gql(TRANSITION, { input: { id, status: 'STAGING', expectedVersion: 1 } }));
    return id;
  };
  /** An arena: a champion and `challengers` challengers (weight 0). */
  const arena = async (name: string, challengers: number) => {
    const champion = await model(`${name} champion`);
    const created = ok(await gql(CREATE_ARENA, { input: { name, championModelId: champion } })).createArena;
    const ids: string[] = [];
    for (let i = 0; i < challengers; i++) {
      const id = await model(`${name} challenger ${i + 1}`);
      ok(await gql(ADD_ENTRY, { input: { arenaId: created.id, modelId: id, role: 'CHALLENGER' } }));
      ids.push(id);
    }
    return { id: created.id as string, champion, challengers: ids };
  };
  const readArena = async (id: string) => ok(await gql(GET_ARENA, { id })).arena;
  const readModel = async (id: string) => ok(await gql(MODEL, { id })).model;
  const propose = async (input: Json = {}, actor = 'ana') =>
    ok(await gql(PROPOSE, { input: { name: 'Promotions feature', hypothesis: 'Adding promotions lowers MAPE', targetMetric: 'MAPE', expectedImprovement: 0.05, ...input } }, actor)).proposeExperiment as Json;
  /** A proposed experiment moved to IN_PROGRESS. */
  const running = async (input: Json = {}) => {
    const experiment = await propose(input);
    ok(await gql(APPROVE, { id: experiment.id }, 'lead'));
    ok(await gql(START, { id: experiment.id }, 'ds'));
    return experiment.id as string;
  };
  const read = async (id: string) => ok(await gql(GET, { id })).experiment as Json;
  const alerts = async () => ok(await gql(EXPERIMENT_ALERTS)).alerts.edges.map((e: { node: Json }) => e.node) as Json[];
  const abTest = async (modelA: string, modelB: string) =>
    api.orm.em.fork().transactional(async (em) => {
      const workspace = await em.findOneOrFail(Workspace, { slug: ws });
      const test = em.create(AbTest, { workspace, name: 'Split test', modelA: em.getReference(Model, modelA), modelB: em.getReference(Model, modelB), metric: 'conversion', kind: AbTestKind.PROPORTION, split: 0.5, alpha: 0.05, power: 0.8, minimumDetectableEffect: 0.01 });
      return test.id;
    });
  return { ws, gql, model, stagingModel, arena, readArena, readModel, propose, running, read, alerts, abTest };
}

describe('the experiment workflow', () => {
  it('walks PROPOSED → APPROVED → IN_PROGRESS → SHADOW_TESTING → COMPLETED, stamping who and when, each step audited', async () => {
    const w = await workspace();
    const proposed = await w.propose({ description: 'Store-level promotions calendar' }, 'ana');
    expect(proposed).toMatchObject({ name: 'Promotions feature', hypothesis: 'Adding promotions lowers MAPE', targetMetric: 'MAPE', expectedImprovement: 0.05, owner: 'apikey:ana', status: 'PROPOSED', decision: null, results: [], adoptions: [] });
    const id = proposed.id as string;

    const approved = ok(await w.gql(APPROVE, { id, note: ' Worth a try ' }, 'lead')).approveExperiment;
    expect(approved).toMatchObject({ status: 'APPROVED', approvedBy: 'apikey:lead', approvalNote: 'Worth a try', approvedAt: expect.any(String) });
    expect(ok(await w.gql(START, { id }, 'ds')).startExperiment).toMatchObject({ status: 'IN_PROGRESS', startedBy: 'apikey:ds', startedAt: expect.any(String) });
    expect(ok(await w.gql(SHADOW, { id }, 'ds')).startShadowTesting).toMatchObject({ status: 'SHADOW_TESTING', shadowStartedBy: 'apikey:ds', shadowStartedAt: expect.any(String) });
    const results = [{ metric: 'MAPE', baseline: 0.2, observed: 0.18, note: 'holdout weeks' }, { metric: 'bias', baseline: 0, observed: 0.01 }];
    const completed = ok(await w.gql(COMPLETE, { input: { id, decision: 'REJECT', rationale: 'Gain below the 5 % we expected', results, resultsSummary: 'Better, not enough' } }, 'lead')).completeExperiment;
    expect(completed).toMatchObject({ status: 'COMPLETED', decision: 'REJECT', rationale: 'Gain below the 5 % we expected', resultsSummary: 'Better, not enough', completedBy: 'apikey:lead', adoptions: [] });
    expect(completed.results).toEqual([
      { metric: 'MAPE', baseline: 0.2, observed: 0.18, relativeChange: expect.closeTo(-0.1, 12), note: 'holdout weeks' },
      { metric: 'bias', baseline: 0, observed: 0.01, relativeChange: null, note: null },
    ]);
    expect(new Date(completed.completedAt) >= new Date(completed.shadowStartedAt)).toBe(true);

    const audit = await auditOf(api, w.ws, id);
    expect(audit.map((e) => [e.action, e.actor, e.before?.status ?? null, e.after?.status, e.reason])).toEqual([
      ['experiment.complete', 'apikey:lead', 'SHADOW_TESTING', 'COMPLETED', 'Gain below the 5 % we expected'],
      ['experiment.shadow', 'apikey:ds', 'IN_PROGRESS', 'SHADOW_TESTING', null],
      ['experiment.start', 'apikey:ds', 'APPROVED', 'IN_PROGRESS', null],
      ['experiment.approve', 'apikey:lead', 'PROPOSED', 'APPROVED', 'Worth a try'],
      ['experiment.propose', 'apikey:ana', null, 'PROPOSED', null],
    ]);
    expect(audit[0]!.after).toEqual({ status: 'COMPLETED', decision: 'REJECT', adopted: [] });
    // REJECT adopts nothing, and the alert belongs to no model.
    expect(await w.alerts()).toEqual([{ type: 'EXPERIMENT_COMPLETE', severity: 'INFO', status: 'OPEN', title: 'Experiment completed: Promotions feature', message: 'Decision REJECT (no model adopted): Gain below the 5 % we expected', model: null }]);
  });

  it('refuses every other transition with CONFLICT naming both states, and freezes a finished experiment', async () => {
    const w = await workspace();
    const { id } = await w.propose();
    const conflict = async (query: string, variables: Json, current: string, requested: string) => {
      const res = await w.gql(query, variables);
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors![0]!.message).toBe(`Experiment ${id} is ${current}; it cannot become ${requested}`);
      expect(res.errors![0]!.extensions).toMatchObject({ current, requested });
    };
    await conflict(START, { id }, 'PROPOSED', 'IN_PROGRESS');
    await conflict(SHADOW, { id }, 'PROPOSED', 'SHADOW_TESTING');
    await conflict(COMPLETE, { input: { id, decision: 'REJECT', rationale: 'no' } }, 'PROPOSED', 'COMPLETED');
    ok(await w.gql(APPROVE, { id }));
    await conflict(APPROVE, { id }, 'APPROVED', 'APPROVED');
    await conflict(REJECT, { id, rationale: 'Too late' }, 'APPROVED', 'REJECTED');
    await conflict(SHADOW, { id }, 'APPROVED', 'SHADOW_TESTING');
    ok(await w.gql(START, { id }));
    await conflict(START, { id }, 'IN_PROGRESS', 'IN_PROGRESS');
    ok(await w.gql(SHADOW, { id }));
    await conflict(SHADOW, { id }, 'SHADOW_TESTING', 'SHADOW_TESTING');
    ok(await w.gql(COMPLETE, { input: { id, decision: 'REJECT', rationale: 'No gain' } }));
    await conflict(COMPLETE, { input: { id, decision: 'REJECT', rationale: 'Again' } }, 'COMPLETED', 'COMPLETED');
    await conflict(START, { id }, 'COMPLETED', 'IN_PROGRESS');

    const edit = await w.gql(UPDATE, { input: { id, name: 'Renamed' } });
    expect(codeOf(edit)).toBe('CONFLICT');
    expect(edit.errors![0]!.message).toBe(`Experiment ${id} is COMPLETED; its details can no longer change`);
    expect(codeOf(await w.gql(LINK, { input: { id, models: [{ modelId: await w.model('Late'), role: 'CANDIDATE' }] } }))).toBe('CONFLICT');
    expect((await auditOf(api, w.ws, id)).map((e) => e.action)).toEqual(['experiment.complete', 'experiment.shadow', 'experiment.start', 'experiment.approve', 'experiment.propose']);

    const other = await workspace();
    expect(codeOf(await other.gql(APPROVE, { id: (await w.propose()).id }))).toBe('NOT_FOUND');
    expect(codeOf(await other.gql(GET, { id }))).toBe('NOT_FOUND');
  });

  it('rejects a proposal with a rationale (required), after which it cannot start', async () => {
    const w = await workspace();
    const { id } = await w.propose();
    const blank = await w.gql(REJECT, { id, rationale: '   ' });
    expect(codeOf(blank)).toBe('VALIDATION_FAILED');
    expect(blank.errors![0]!.extensions!.problems).toEqual([{ path: 'rationale', message: 'a rationale is required to reject an experiment' }]);
    const rejected = ok(await w.gql(REJECT, { id, rationale: 'Promotions data is not reliable yet' }, 'lead')).rejectExperiment;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectedBy: 'apikey:lead', rejectedAt: expect.any(String), rationale: 'Promotions data is not reliable yet', approvedAt: null, decision: null });
    expect(codeOf(await w.gql(APPROVE, { id }))).toBe('CONFLICT');
    expect(codeOf(await w.gql(START, { id }))).toBe('CONFLICT');
    expect(await auditOf(api, w.ws, id, 'experiment.reject')).toMatchObject([{ actor: 'apikey:lead', before: { status: 'PROPOSED' }, after: { status: 'REJECTED' }, reason: 'Promotions data is not reliable yet' }]);
    expect(await w.alerts()).toEqual([]);
  });

  it('edits the texts while open, audited field by field', async () => {
    const w = await workspace();
    const { id } = await w.propose();
    const updated = ok(await w.gql(UPDATE, { input: { id, hypothesis: ' Promotions lower MAPE by 5 % ', expectedImprovement: 0.08, name: 'Promotions feature' } }, 'ana')).updateExperiment;
    expect(updated).toMatchObject({ name: 'Promotions feature', hypothesis: 'Promotions lower MAPE by 5 %', expectedImprovement: 0.08, status: 'PROPOSED' });
    expect(await auditOf(api, w.ws, id, 'experiment.update')).toMatchObject([
      { actor: 'apikey:ana', before: { hypothesis: 'Adding promotions lowers MAPE', expectedImprovement: 0.05 }, after: { hypothesis: 'Promotions lower MAPE by 5 %', expectedImprovement: 0.08 } },
    ]);
    const bad = await w.gql(UPDATE, { input: { id, hypothesis: ' ', targetMetric: '', expectedImprovement: -0.1 } });
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect(problemPaths(bad)).toEqual(['input.hypothesis', 'input.targetMetric', 'input.expectedImprovement']);
  });
});

describe('completing with a decision', () => {
  it('PARTIAL_ADOPT promotes exactly the named candidate to champion of its arena; the other candidate is untouched', async () => {
    const w = await workspace();
    const arena = await w.arena('Retail demand', 2);
    const [c1, c2] = arena.challengers as [string, string];
    const id = await w.running({ models: [{ modelId: arena.champion, role: 'BASELINE' }, { modelId: c1 }, { modelId: c2, role: 'CANDIDATE' }] });
    ok(await w.gql(SHADOW, { id }));

    const completed = ok(await w.gql(COMPLETE, { input: { id, decision: 'PARTIAL_ADOPT', adoptModelIds: [c2], rationale: 'Only the second variant beat the baseline', results: [{ metric: 'MAPE', baseline: 0.2, observed: 0.17 }] } }, 'lead')).completeExperiment;
    expect(completed).toMatchObject({ status: 'COMPLETED', decision: 'PARTIAL_ADOPT', adoptions: [{ outcome: 'PROMOTED_TO_CHAMPION', model: { id: c2, status: 'PRODUCTION' }, arena: { id: arena.id } }] });

    const after = await w.readArena(arena.id);
    expect(after.champion.id).toBe(c2);
    expect(after.entries.map((e: Json) => [e.model.id, e.role, e.model.status])).toEqual([
      [c2, 'CHAMPION', 'PRODUCTION'],
      [c1, 'CHALLENGER', 'DRAFT'],
    ]);
    expect(await w.readModel(arena.champion)).toEqual({ id: arena.champion, status: 'RETIRED', arenaEntry: null });
    expect(await auditOf(api, w.ws, c1)).toEqual([]);
    const [promotion] = await auditOf(api, w.ws, arena.id, 'arena.promote');
    expect(promotion).toMatchObject({
      actor: 'apikey:lead',
      reason: 'Experiment "Promotions feature" (PARTIAL_ADOPT): Only the second variant beat the baseline',
      after: { champion: c2, retired: arena.champion, overridden: true, policyMet: false },
    });
    expect(await auditOf(api, w.ws, id, 'experiment.complete')).toMatchObject([{ after: { decision: 'PARTIAL_ADOPT', adopted: [{ model: c2, outcome: 'PROMOTED_TO_CHAMPION', arena: arena.id }] } }]);
    expect(await w.alerts()).toEqual([
      { type: 'EXPERIMENT_COMPLETE', severity: 'INFO', status: 'OPEN', title: 'Experiment completed: Promotions feature', message: 'Decision PARTIAL_ADOPT (1 model adopted): Only the second variant beat the baseline', model: { id: c2 } },
    ]);
  });

  it('ADOPT promotes every candidate: challengers and shadows become champions, a STAGING model in no arena becomes PRODUCTION, a champion stays', async () => {
    const w = await workspace();
    const demand = await w.arena('Demand', 1);
    const returns = await w.arena('Returns', 0);
    const pricing = await w.arena('Markdown', 0);
    const staging = await w.stagingModel('Standalone');
    const shadow = await w.model('Shadowed');
    ok(await w.gql(ADD_ENTRY, { input: { arenaId: returns.id, modelId: shadow, role: 'SHADOW' } }));
    await succeededRun(api, w.ws, demand.champion, { MAE: 10, MAPE: 0.2, coverage_80: 0.8 });
    await succeededRun(api, w.ws, demand.challengers[0]!, { MAE: 9, MAPE: 0.18, coverage_80: 0.85 });
    const challenger = demand.challengers[0]!;
    const id = await w.running({ models: [{ modelId: demand.champion, role: 'BASELINE' }, { modelId: challenger }, { modelId: staging }, { modelId: shadow }, { modelId: pricing.champion }] });

    const completed = ok(await w.gql(COMPLETE, { input: { id, decision: 'ADOPT', rationale: 'Every variant wins' } }, 'lead')).completeExperiment;
    expect(completed.adoptions).toEqual([
      { outcome: 'PROMOTED_TO_CHAMPION', model: { id: challenger, status: 'PRODUCTION' }, arena: { id: demand.id } },
      { outcome: 'MOVED_TO_PRODUCTION', model: { id: staging, status: 'PRODUCTION' }, arena: null },
      { outcome: 'PROMOTED_TO_CHAMPION', model: { id: shadow, status: 'PRODUCTION' }, arena: { id: returns.id } },
      { outcome: 'ALREADY_CHAMPION', model: { id: pricing.champion, status: 'DRAFT' }, arena: { id: pricing.id } },
    ]);
    expect((await w.readArena(demand.id)).entries.map((e: Json) => [e.model.id, e.role, e.trafficWeight])).toEqual([[challenger, 'CHAMPION', 1]]);
    expect((await w.readArena(returns.id)).entries.map((e: Json) => [e.model.id, e.role, e.trafficWeight])).toEqual([[shadow, 'CHAMPION', 1]]);
    expect((await w.readArena(pricing.id)).entries.map((e: Json) => [e.model.id, e.role])).toEqual([[pricing.champion, 'CHAMPION']]);
    for (const retired of [demand.champion, returns.champion]) expect((await w.readModel(retired)).status).toBe('RETIRED');
    // The policy was met for the demand challenger (no override needed), not for the shadow (no runs).
    expect((await auditOf(api, w.ws, demand.id, 'arena.promote'))[0]).toMatchObject({ actor: 'apikey:lead', after: { policyMet: true, overridden: false } });
    expect((await auditOf(api, w.ws, returns.id, 'arena.promote'))[0]).toMatchObject({ actor: 'apikey:lead', after: { policyMet: false, overridden: true } });
    expect(await auditOf(api, w.ws, staging, 'model.status')).toMatchObject([
      { actor: 'apikey:lead', before: { status: 'STAGING' }, after: { status: 'PRODUCTION' }, reason: 'Experiment "Promotions feature" (ADOPT): Every variant wins' },
      { before: { status: 'DRAFT' }, after: { status: 'STAGING' } },
    ]);
    expect((await w.alerts()).map((a) => [a.message, a.model?.id])).toEqual([['Decision ADOPT (4 models adopted): Every variant wins', challenger]]);
  });

  it('writes nothing when an adoption is refused: the error names the model and why', async () => {
    const w = await workspace();
    const arena = await w.arena('Demand', 2);
    const draft = await w.model('Still a draft');
    const id = await w.running({ models: [{ modelId: arena.champion, role: 'BASELINE' }, { modelId: arena.challengers[0]! }, { modelId: draft }] });
    const before = await w.readArena(arena.id);

    const refused = await w.gql(COMPLETE, { input: { id, decision: 'ADOPT', rationale: 'Ship both' } });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toBe(
      `Cannot adopt model "Still a draft" (${draft}): it is DRAFT and in no arena; only a STAGING model can become PRODUCTION (or add it to an arena as a CHALLENGER)`,
    );
    expect(refused.errors![0]!.extensions).toMatchObject({ modelId: draft, current: 'DRAFT', requested: 'PRODUCTION' });
    // The challenger promoted before the refusal is rolled back with everything else.
    expect(await w.readArena(arena.id)).toEqual(before);
    expect(await w.read(id)).toMatchObject({ status: 'IN_PROGRESS', decision: null, rationale: null, completedAt: null, adoptions: [] });
    expect(await auditOf(api, w.ws, arena.id, 'arena.promote')).toEqual([]);
    expect(await auditOf(api, w.ws, id, 'experiment.complete')).toEqual([]);
    expect(await w.alerts()).toEqual([]);

    // Two candidates of one arena cannot both become its champion.
    ok(await w.gql(UNLINK, { input: { id, modelIds: [draft] } }));
    ok(await w.gql(LINK, { input: { id, models: [{ modelId: arena.challengers[1]!, role: 'CANDIDATE' }] } }));
    const twice = await w.gql(COMPLETE, { input: { id, decision: 'ADOPT', rationale: 'Ship both' } });
    expect(codeOf(twice)).toBe('CONFLICT');
    expect(twice.errors![0]!.message).toBe(`Cannot adopt models ${arena.challengers[0]} and ${arena.challengers[1]}: they are all in arena "Demand", which has one champion; adopt one of them (PARTIAL_ADOPT)`);
    expect(await w.readArena(arena.id)).toEqual(before);

    const partial = ok(await w.gql(COMPLETE, { input: { id, decision: 'PARTIAL_ADOPT', adoptModelIds: [arena.challengers[1]], rationale: 'Ship the second' } })).completeExperiment;
    expect(partial.adoptions.map((a: Json) => [a.model.id, a.outcome])).toEqual([[arena.challengers[1], 'PROMOTED_TO_CHAMPION']]);
  });

  it('validates the completion with paths', async () => {
    const w = await workspace();
    const baseline = await w.model('Baseline');
    const candidate = await w.stagingModel('Candidate');
    const outsider = await w.model('Not linked');
    const id = await w.running({ models: [{ modelId: baseline, role: 'BASELINE' }, { modelId: candidate }] });
    const complete = (input: Json) => w.gql(COMPLETE, { input: { id, rationale: 'Because', ...input } });
    const problems = async (input: Json) => {
      const res = await complete(input);
      expect(codeOf(res)).toBe('VALIDATION_FAILED');
      return res.errors![0]!.extensions!.problems;
    };

    expect(await problems({ decision: 'PARTIAL_ADOPT' })).toEqual([{ path: 'input.adoptModelIds', message: 'PARTIAL_ADOPT needs the CANDIDATE models to adopt' }]);
    expect(await problems({ decision: 'PARTIAL_ADOPT', adoptModelIds: [] })).toEqual([{ path: 'input.adoptModelIds', message: 'PARTIAL_ADOPT needs the CANDIDATE models to adopt' }]);
    expect(await problems({ decision: 'PARTIAL_ADOPT', adoptModelIds: [outsider, baseline] })).toEqual([
      { path: 'input.adoptModelIds[0]', message: `model ${outsider} is not linked to the experiment` },
      { path: 'input.adoptModelIds[1]', message: `model ${baseline} is the experiment's BASELINE; only CANDIDATE models can be adopted` },
    ]);
    expect(await problems({ decision: 'PARTIAL_ADOPT', adoptModelIds: [candidate, candidate] })).toEqual([{ path: 'input.adoptModelIds[1]', message: `${candidate} is listed twice` }]);
    expect(await problems({ decision: 'ADOPT', adoptModelIds: [candidate] })).toEqual([{ path: 'input.adoptModelIds', message: 'only PARTIAL_ADOPT names models; ADOPT adopts every CANDIDATE' }]);
    expect(await problems({ decision: 'REJECT', rationale: ' ', results: [{ metric: '', baseline: 1, observed: 2 }] })).toEqual([
      { path: 'input.rationale', message: 'a rationale is required to complete an experiment' },
      { path: 'input.results[0].metric', message: 'must not be empty' },
    ]);
    ok(await w.gql(UNLINK, { input: { id, modelIds: [candidate] } }));
    expect(await problems({ decision: 'ADOPT' })).toEqual([{ path: 'input.decision', message: 'ADOPT needs at least one CANDIDATE model linked to the experiment' }]);
    expect((await w.read(id)).status).toBe('IN_PROGRESS');
  });
});

describe('proposals and links', () => {
  it('refuses a proposal with empty texts or a non-positive improvement, naming every path', async () => {
    const w = await workspace();
    const res = await w.gql(PROPOSE, { input: { name: ' ', hypothesis: '   ', targetMetric: 'MAPE', expectedImprovement: 0, description: 'x'.repeat(5001) } });
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.extensions!.problems).toEqual([
      { path: 'input.name', message: 'must not be empty' },
      { path: 'input.hypothesis', message: 'must not be empty' },
      { path: 'input.expectedImprovement', message: 'must be a positive relative improvement, e.g. 0.05 for 5 %' },
      { path: 'input.description', message: 'must be at most 5000 characters' },
    ]);
    const twice = await w.gql(PROPOSE, { input: { name: 'n', hypothesis: 'h', targetMetric: 'MAPE', expectedImprovement: 0.1, runIds: [], models: [{ modelId: await w.model('m') }, { modelId: (await w.propose()).id }] } });
    expect(codeOf(twice)).toBe('NOT_FOUND');
    expect(ok(await w.gql(`query { experiments { totalCount } }`)).experiments.totalCount).toBe(1);
  });

  it('links models with roles, runs and A/B tests of the workspace only; relinking changes the role; unlink removes', async () => {
    const w = await workspace();
    const [a, b] = [await w.model('A'), await w.model('B')];
    const run = await succeededRun(api, w.ws, a, { MAE: 10 });
    const abTest = await w.abTest(a, b);
    const { id } = await w.propose({ models: [{ modelId: a, role: 'BASELINE' }] });

    const linked = ok(await w.gql(LINK, { input: { id, models: [{ modelId: b }], runIds: [run], abTestIds: [abTest] } }, 'ds')).linkExperiment;
    expect(linked.models.map((m: Json) => [m.model.id, m.role])).toEqual([[a, 'BASELINE'], [b, 'CANDIDATE']]);
    expect(linked.runs).toEqual([{ id: run }]);
    expect(linked.abTests).toEqual([{ id: abTest }]);
    expect(await auditOf(api, w.ws, id, 'experiment.link')).toMatchObject([{ actor: 'apikey:ds', after: { models: [{ model: b, role: 'CANDIDATE' }], runs: [run], abTests: [abTest] } }]);

    // Another workspace's targets are NOT_FOUND, and nothing of the request is linked.
    const other = await workspace();
    const foreign = await other.model('Foreign');
    const foreignRun = await succeededRun(api, other.ws, foreign, { MAE: 1 });
    for (const input of [{ models: [{ modelId: await w.model('C') }, { modelId: foreign }] }, { runIds: [foreignRun] }, { abTestIds: [await other.abTest(foreign, await other.model('Foreign B'))] }, { runIds: ['not-an-id'] }]) {
      const res = await w.gql(LINK, { input: { id, ...input } });
      expect(codeOf(res)).toBe('NOT_FOUND');
    }
    expect((await w.read(id)).models).toHaveLength(2);

    const relinked = ok(await w.gql(LINK, { input: { id, models: [{ modelId: a, role: 'CANDIDATE' }, { modelId: b, role: 'BASELINE' }] } })).linkExperiment;
    expect(relinked.models.map((m: Json) => [m.model.id, m.role])).toEqual([[b, 'BASELINE'], [a, 'CANDIDATE']]);

    const notLinked = await w.gql(UNLINK, { input: { id, modelIds: [b], runIds: [run, foreignRun] } });
    expect(codeOf(notLinked)).toBe('VALIDATION_FAILED');
    expect(notLinked.errors![0]!.extensions!.problems).toEqual([{ path: 'input.runIds[1]', message: `Run ${foreignRun} is not linked to the experiment` }]);
    expect((await w.read(id)).models).toHaveLength(2);
    const unlinked = ok(await w.gql(UNLINK, { input: { id, modelIds: [b], runIds: [run] } })).unlinkExperiment;
    expect(unlinked).toMatchObject({ models: [{ role: 'CANDIDATE', model: { id: a } }], runs: [], abTests: [{ id: abTest }] });
    expect(await auditOf(api, w.ws, id, 'experiment.unlink')).toMatchObject([{ before: { models: [b], runs: [run] } }]);

    const { model } = ok(await w.gql(`query($m: ID!) { model(id: $m) { experiments { id status } } }`, { m: a }));
    expect(model.experiments).toEqual([{ id, status: 'PROPOSED' }]);
  });

  it('lists experiments with filters, keyset pages and counts per status', async () => {
    const w = await workspace();
    const model = await w.model('Linked');
    await w.propose({ name: 'Alpha lag features', models: [{ modelId: model }] });
    const second = await w.propose({ name: 'Beta holidays', hypothesis: 'Holiday calendar lowers bias' });
    const third = await w.propose({ name: 'Gamma weather' });
    ok(await w.gql(APPROVE, { id: second.id }));
    ok(await w.gql(REJECT, { id: third.id, rationale: 'No weather data' }));

    const list = async (variables: Json) => ok(await w.gql(`query($f: ExperimentFilter, $o: ExperimentOrder, $first: Int, $after: String) { experiments(filter: $f, orderBy: $o, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }`, variables)).experiments;
    const names = (c: Json) => c.edges.map((e: Json) => e.node.name);
    expect(names(await list({ o: { field: 'NAME', direction: 'ASC' } }))).toEqual(['Alpha lag features', 'Beta holidays', 'Gamma weather']);
    const page1 = await list({ o: { field: 'NAME', direction: 'ASC' }, first: 2 });
    expect(page1).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(names(await list({ o: { field: 'NAME', direction: 'ASC' }, first: 2, after: page1.pageInfo.endCursor }))).toEqual(['Gamma weather']);
    expect(names(await list({ f: { statuses: ['APPROVED', 'REJECTED'] }, o: { field: 'NAME', direction: 'ASC' } }))).toEqual(['Beta holidays', 'Gamma weather']);
    expect(names(await list({ f: { modelId: model } }))).toEqual(['Alpha lag features']);
    expect(names(await list({ f: { modelId: 'nope' } }))).toEqual([]);
    expect(names(await list({ f: { search: 'holiday' } }))).toEqual(['Beta holidays']);
    expect(names(await list({ f: { search: 'WEATH' } }))).toEqual(['Gamma weather']);

    const { experimentCounts } = ok(await w.gql(`query { experimentCounts { total byStatus { status count } } }`));
    expect(experimentCounts).toEqual({
      total: 3,
      byStatus: [
        { status: 'PROPOSED', count: 1 },
        { status: 'APPROVED', count: 1 },
        { status: 'IN_PROGRESS', count: 0 },
        { status: 'SHADOW_TESTING', count: 0 },
        { status: 'COMPLETED', count: 0 },
        { status: 'REJECTED', count: 1 },
      ],
    });
  });

  it('resolves models, runs, A/B tests and Model.experiments with the same number of statements for 2 and for 8 experiments', async () => {
    const w = await workspace();
    const query = `query($first: Int) { experiments(first: $first, orderBy: { field: CREATED_AT, direction: ASC }) { edges { node { id ${LINKS} adoptions { model { id } }
      models { model { experiments { id models { role } } } } } } } }`;
    for (let i = 0; i < 8; i++) {
      const [a, b] = [await w.model(`A${i}`), await w.model(`B${i}`)];
      const run = await succeededRun(api, w.ws, a, { MAE: 10 });
      await w.propose({ name: `E${i}`, models: [{ modelId: a, role: 'BASELINE' }, { modelId: b }], runIds: [run], abTestIds: [await w.abTest(a, b)] });
    }
    const statementsFor = async (first: number) => {
      api.resetStatements();
      const { experiments } = ok(await w.gql(query, { first }));
      const count = api.statements.length;
      expect(experiments.edges).toHaveLength(first);
      for (const { node } of experiments.edges) {
        expect(node.models.map((m: Json) => m.role)).toEqual(['BASELINE', 'CANDIDATE']);
        expect(node.runs).toHaveLength(1);
        expect(node.abTests).toHaveLength(1);
        expect(node.models[0].model.experiments).toEqual([{ id: node.id, models: [{ role: 'BASELINE' }, { role: 'CANDIDATE' }] }]);
      }
      return count;
    };
    const few = await statementsFor(2);
    expect(await statementsFor(8)).toBe(few);
  });
});

describe('experimentUpdated', () => {
  it('delivers every change of one experiment (and of all, with since-replay)', async () => {
    const w = await workspace();
    const { id } = await w.propose();
    const other = await w.propose({ name: 'Other' });
    const EVENTS = `subscription($id: ID, $since: ID) { experimentUpdated(id: $id, since: $since) { eventId change experiment { id status approvedBy } } }`;
    const one = await subscribe(api.wsUrl, EVENTS, { id }, w.ws);
    try {
      ok(await w.gql(APPROVE, { id: other.id }));
      ok(await w.gql(APPROVE, { id }, 'lead'));
      ok(await w.gql(START, { id }));
      const events = await one.waitFor(2);
      expect(events.map((e) => [e.experimentUpdated.change, e.experimentUpdated.experiment])).toEqual([
        ['approve', { id, status: 'APPROVED', approvedBy: 'apikey:lead' }],
        ['start', { id, status: 'IN_PROGRESS', approvedBy: 'apikey:lead' }],
      ]);
      // Resuming after the first event replays the rest of the workspace's experiment events.
      const all = await subscribe(api.wsUrl, EVENTS, { since: events[0]!.experimentUpdated.eventId }, w.ws);
      try {
        ok(await w.gql(SHADOW, { id }));
        const replayed = await all.waitFor(2);
        expect(replayed.map((e) => [e.experimentUpdated.experiment.id, e.experimentUpdated.change])).toEqual([
          [id, 'start'],
          [id, 'shadow'],
        ]);
      } finally {
        await all.close();
      }
    } finally {
      await one.close();
    }
  });
});
