import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { approvedRecipeVersion, auditOf, FORECASTING_RULES, type Metrics, PRICING_RULES, registerModel, succeededRun } from './arena-fixtures.js';
import { codeOf, type GqlResponse, ok, startTestApi, type TestApi } from './harness.js';

const ENTRY = `role trafficWeight pendingSince model { id status }`;
const ARENA = `id name family policy { requireNotFail criteria { metric direction minRelativeImprovement notWorse } } champion { id } entries { ${ENTRY} }`;
const CREATE = `mutation($input: CreateArenaInput!) { createArena(input: $input) { ${ARENA} } }`;
const ADD = `mutation($input: AddArenaEntryInput!) { addArenaEntry(input: $input) { ${ARENA} } }`;
const WEIGHTS = `mutation($input: SetTrafficWeightsInput!) { setTrafficWeights(input: $input) { ${ARENA} } }`;
const REMOVE = `mutation($a: ID!, $m: ID!) { removeArenaEntry(arenaId: $a, modelId: $m) { ${ARENA} } }`;
const POLICY = `mutation($a: ID!, $p: PromotionPolicyInput!) { updatePromotionPolicy(arenaId: $a, policy: $p) { ${ARENA} } }`;
const DECISION = `promote reasons challengerLatestStatus championRunId challengerRunId criteria { metric direction championValue challengerValue relativeImprovement required met }`;
const EVALUATE = `query($a: ID!, $c: ID!) { evaluatePromotion(arenaId: $a, challengerId: $c) { ${DECISION} } }`;
const PROMOTION = `arena { ${ARENA} } champion { id status } retired { id status arenaEntry { role } } overridden decision { promote }`;
const PROMOTE = `mutation($input: PromoteInput!) { promote(input: $input) { ${PROMOTION} } }`;
const APPROVE = `mutation($a: ID!, $c: ID!, $o: Boolean, $r: String) { approvePromotion(arenaId: $a, challengerId: $c, override: $o, reason: $r) { ${PROMOTION} } }`;
const REJECT = `mutation($a: ID!, $c: ID!, $r: String!) { rejectPromotion(arenaId: $a, challengerId: $c, reason: $r) { ${ARENA} } }`;
const TRANSITION = `mutation($input: TransitionModelInput!) { transitionModel(input: $input) { id } }`;
const ARENA_QUERY = `query($id: ID!) { arena(id: $id) { ${ARENA} } }`;
const PENDING_ALERTS = `query($m: ID!) { alerts(filter: { types: [PROMOTION_PENDING], modelId: $m }) { edges { node { type severity status count title run { id } } } } }`;

type Arena = { id: string; family: string; policy: any; champion: { id: string }; entries: { role: string; trafficWeight: number; pendingSince: string | null; model: { id: string; status: string } }[] };

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** A workspace with an approved recipe (and attached pack) of `family`, and a way to register its models. */
async function workspaceOf(family = RecipeFamily.FORECASTING, rules = FORECASTING_RULES) {
  const ws = await api.newWorkspace('arena');
  const versionId = await approvedRecipeVersion(api, ws, family, rules);
  const gql = (query: string, variables: Record<string, unknown>, actor?: string) => api.gql(query, variables, ws, actor);
  const model = (name: string) => registerModel(api, ws, versionId, name).then((m) => m.id);
  const run = (modelId: string, metrics: Metrics, trigger?: string, actor?: string) => succeededRun(api, ws, modelId, metrics, trigger, actor);
  /** An arena with a champion and the given challengers (weight 0 each), named after the workspace. */
  const arena = async (challengers = 1): Promise<{ arena: Arena; champion: string; challengers: string[] }> => {
    const champion = await model('Champion');
    const created: Arena = ok(await gql(CREATE, { input: { name: 'Retail demand', championModelId: champion } })).createArena;
    const ids = [];
    for (let i = 0; i < challengers; i++) {
      const id = await model(`Challenger ${i + 1}`);
      ok(await gql(ADD, { input: { arenaId: created.id, modelId: id, role: 'CHALLENGER' } }));
      ids.push(id);
    }
    return { arena: created, champion, challengers: ids };
  };
  const readArena = async (id: string): Promise<Arena> => ok(await gql(ARENA_QUERY, { id })).arena;
  const evaluate = async (arenaId: string, challengerId: string) => ok(await gql(EVALUATE, { a: arenaId, c: challengerId })).evaluatePromotion;
  return { ws, gql, model, run, arena, readArena, evaluate };
}

const weights = (arena: Arena) => Object.fromEntries(arena.entries.map((e) => [e.model.id, [e.role, e.trafficWeight]]));
const problemPaths = (res: GqlResponse) => res.errors![0]!.extensions!.problems.map((p: { path: string }) => p.path);

describe('arenas', () => {
  it('creates an arena whose champion takes all traffic, with the family’s default policy materialized, listed and audited', async () => {
    const w = await workspaceOf();
    const champion = await w.model('Champion');
    const { createArena } = ok(await w.gql(CREATE, { input: { name: 'Retail demand', description: 'Stores × SKUs', championModelId: champion } }, 'ana'));
    expect(createArena).toMatchObject({ name: 'Retail demand', family: 'FORECASTING', champion: { id: champion }, entries: [{ role: 'CHAMPION', trafficWeight: 1, model: { id: champion } }] });
    expect(createArena.policy).toEqual({
      requireNotFail: true,
      criteria: [
        { metric: 'MAE', direction: 'LOWER_IS_BETTER', minRelativeImprovement: 0.05, notWorse: false },
        { metric: 'MAPE', direction: 'LOWER_IS_BETTER', minRelativeImprovement: 0.05, notWorse: false },
        { metric: 'coverage_80', direction: 'HIGHER_IS_BETTER', minRelativeImprovement: null, notWorse: true },
      ],
    });
    const { arenas, model } = ok(await w.gql(`query($m: ID!) { arenas(filter: { family: FORECASTING }) { totalCount edges { node { id } } } model(id: $m) { arenaEntry { role trafficWeight arena { id } } } }`, { m: champion }));
    expect(arenas).toEqual({ totalCount: 1, edges: [{ node: { id: createArena.id } }] });
    expect(model.arenaEntry).toEqual({ role: 'CHAMPION', trafficWeight: 1, arena: { id: createArena.id } });
    expect((await auditOf(api, w.ws, createArena.id)).map((e) => [e.action, e.actor, e.after.champion])).toEqual([['arena.create', 'apikey:ana', champion]]);
    const again = await w.gql(CREATE, { input: { name: 'Retail demand', championModelId: await w.model('Other') } });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors![0]!.message).toBe('An arena named "Retail demand" already exists');
  });

  it('keeps one champion, a model in one arena, one family, and no retired models', async () => {
    const w = await workspaceOf();
    const { arena, champion, challengers } = await w.arena(1);
    const add = (modelId: string, role = 'CHALLENGER') => w.gql(ADD, { input: { arenaId: arena.id, modelId, role } });

    const asChampion = await add(await w.model('Pretender'), 'CHAMPION');
    expect(codeOf(asChampion)).toBe('VALIDATION_FAILED');
    expect(problemPaths(asChampion)).toEqual(['input.role']);

    const twice = await add(challengers[0]!);
    expect(codeOf(twice)).toBe('CONFLICT');
    expect(twice.errors![0]!.message).toBe(`Model ${challengers[0]} is already the CHALLENGER of arena "Retail demand"; a model is in at most one arena`);
    expect(codeOf(await w.gql(CREATE, { input: { name: 'Second slot', championModelId: champion } }))).toBe('CONFLICT');

    const pricingVersion = await approvedRecipeVersion(api, w.ws, RecipeFamily.PRICING, PRICING_RULES);
    const pricing = await registerModel(api, w.ws, pricingVersion, 'Pricing model');
    const mismatch = await add(pricing.id);
    expect(codeOf(mismatch)).toBe('VALIDATION_FAILED');
    expect(mismatch.errors![0]!.extensions!.problems).toEqual([{ path: 'input.modelId', message: `model ${pricing.id} is PRICING; arena "Retail demand" holds FORECASTING models` }]);

    const transition = (id: string, status: string, expectedVersion: number) => w.gql(TRANSITION, { input: { id, status, expectedVersion } });
    const retiredId = await w.model('Old');
    for (const [i, status] of ['STAGING', 'PRODUCTION', 'RETIRED'].entries()) ok(await transition(retiredId, status, i + 1));
    expect((await add(retiredId)).errors![0]!.message).toBe(`Model ${retiredId} is RETIRED; it cannot join an arena`);

    const removeChampion = await w.gql(REMOVE, { a: arena.id, m: champion });
    expect(codeOf(removeChampion)).toBe('CONFLICT');
    expect(removeChampion.errors![0]!.message).toContain('is the CHAMPION of arena "Retail demand"');

    ok(await transition(champion, 'STAGING', 1));
    ok(await transition(champion, 'PRODUCTION', 2));
    const retireChampion = await transition(champion, 'RETIRED', 3);
    expect(codeOf(retireChampion)).toBe('CONFLICT');
    expect(retireChampion.errors![0]!.message).toBe(`Model ${champion} is the CHAMPION of arena "Retail demand"; it cannot become RETIRED until it leaves the arena`);

    expect(weights(await w.readArena(arena.id))).toEqual({ [champion]: ['CHAMPION', 1], [challengers[0]!]: ['CHALLENGER', 0] });
  });

  it('requires the serving weights to sum to 1 and shadows to weigh 0; a removed challenger’s weight returns to the champion', async () => {
    const w = await workspaceOf();
    const { arena, champion, challengers } = await w.arena(2);
    const shadow = await w.model('Shadow');
    ok(await w.gql(ADD, { input: { arenaId: arena.id, modelId: shadow, role: 'SHADOW' } }));
    const set = (list: [string, number][], actor?: string) => w.gql(WEIGHTS, { input: { arenaId: arena.id, weights: list.map(([modelId, weight]) => ({ modelId, weight })) } }, actor);
    const [c1, c2] = challengers as [string, string];

    const short = await set([[champion, 0.7], [c1, 0.2]]);
    expect(codeOf(short)).toBe('VALIDATION_FAILED');
    expect(short.errors![0]!.extensions!.problems).toEqual([{ path: 'input.weights', message: 'the serving weights (champion and challengers) would sum to 0.9; they must sum to 1' }]);
    expect(problemPaths(await set([[champion, 0.5], [shadow, 0.5]]))).toEqual(['input.weights[1].weight']);
    expect(problemPaths(await set([[champion, 1.5], [c1, -0.5]]))).toEqual(['input.weights[0].weight', 'input.weights[1].weight']);
    const outsider = await w.model('Outsider');
    expect(problemPaths(await set([[outsider, 0.3], [champion, 0.7], [champion, 0.7]]))).toEqual(['input.weights[0].modelId', 'input.weights[2].modelId']);
    expect(weights(await w.readArena(arena.id))[champion]).toEqual(['CHAMPION', 1]);

    const balanced = ok(await set([[champion, 0.7], [c1, 0.2], [c2, 0.1], [shadow, 0]], 'ops')).setTrafficWeights;
    expect(weights(balanced)).toEqual({ [champion]: ['CHAMPION', 0.7], [c1]: ['CHALLENGER', 0.2], [c2]: ['CHALLENGER', 0.1], [shadow]: ['SHADOW', 0] });
    const removed = ok(await w.gql(REMOVE, { a: arena.id, m: c1 })).removeArenaEntry;
    expect(weights(removed)).toEqual({ [champion]: ['CHAMPION', 0.9], [c2]: ['CHALLENGER', 0.1], [shadow]: ['SHADOW', 0] });
    const { model } = ok(await w.gql(`query($m: ID!) { model(id: $m) { arenaEntry { role } } }`, { m: c1 }));
    expect(model.arenaEntry).toBeNull();
    expect(codeOf(await w.gql(REMOVE, { a: arena.id, m: c1 }))).toBe('NOT_FOUND');
    const audit = await auditOf(api, w.ws, arena.id);
    expect(audit.map((e) => e.action)).toEqual(['arena.entry.remove', 'arena.weights', 'arena.entry.add', 'arena.entry.add', 'arena.entry.add', 'arena.create']);
    expect(audit[1]).toMatchObject({ actor: 'apikey:ops', after: { weights: { [champion]: 0.7, [c1]: 0.2, [c2]: 0.1, [shadow]: 0 } } });
  });
});

describe('evaluatePromotion', () => {
  it('explains a forecasting decision: MAE and MAPE at least 5% lower, coverage not lower, latest evaluation not FAIL', async () => {
    const w = await workspaceOf();
    const { arena, champion, challengers } = await w.arena(1);
    const challenger = challengers[0]!;
    const championRun = await w.run(champion, { MAE: 10, MAPE: 0.2, coverage_80: 0.8 });

    const none = await w.evaluate(arena.id, challenger);
    expect(none).toMatchObject({ promote: false, challengerRunId: null, championRunId: championRun });
    expect(none.reasons[0]).toBe('Do not promote: the challenger has no succeeded run; 3 of 3 criteria not met');

    const runA = await w.run(challenger, { MAE: 9.5, MAPE: 0.195, coverage_80: 0.8 });
    const a = await w.evaluate(arena.id, challenger);
    expect(a).toMatchObject({ promote: false, challengerLatestStatus: 'PASS', challengerRunId: runA });
    expect(a.criteria).toEqual([
      { metric: 'MAE', direction: 'LOWER_IS_BETTER', championValue: 10, challengerValue: 9.5, relativeImprovement: 0.05, required: '≥5% better', met: true },
      { metric: 'MAPE', direction: 'LOWER_IS_BETTER', championValue: 0.2, challengerValue: 0.195, relativeImprovement: expect.closeTo(0.025, 9), required: '≥5% better', met: false },
      { metric: 'coverage_80', direction: 'HIGHER_IS_BETTER', championValue: 0.8, challengerValue: 0.8, relativeImprovement: 0, required: 'not worse', met: true },
    ]);
    expect(a.reasons).toEqual([
      'Do not promote: 1 of 3 criteria not met',
      'MAE: 9.5 vs champion 10, 5% better (required ≥5% better): met',
      'MAPE: 0.195 vs champion 0.2, 2.5% better (required ≥5% better): not met',
      'coverage_80: 0.8 vs champion 0.8, no change (required not worse): met',
      'Latest evaluation of the challenger: PASS (required not FAIL): met',
    ]);

    await w.run(challenger, { MAE: 9, MAPE: 0.18, coverage_80: 0.79 });
    const lowerCoverage = await w.evaluate(arena.id, challenger);
    expect(lowerCoverage.criteria.map((c: { met: boolean }) => c.met)).toEqual([true, true, false]);
    expect(lowerCoverage.reasons[3]).toBe('coverage_80: 0.79 vs champion 0.8, 1.25% worse (required not worse): not met');

    await w.run(challenger, { MAE: 9, MAPE: 0.18, coverage_80: 0.82 });
    const better = await w.evaluate(arena.id, challenger);
    expect(better).toMatchObject({ promote: true, challengerLatestStatus: 'PASS', reasons: expect.arrayContaining(['Promote: every criterion of the policy is met']) });

    // forecast_bias is not a criterion, but 0.2 fails the attached pack: a FAIL evaluation blocks the promotion.
    await w.run(challenger, { MAE: 9, MAPE: 0.18, coverage_80: 0.82, forecast_bias: 0.2 });
    const failed = await w.evaluate(arena.id, challenger);
    expect(failed.criteria.every((c: { met: boolean }) => c.met)).toBe(true);
    expect(failed).toMatchObject({ promote: false, challengerLatestStatus: 'FAIL' });
    expect(failed.reasons[0]).toBe('Do not promote: its latest evaluation is FAIL');
    expect(failed.reasons.at(-1)).toBe('Latest evaluation of the challenger: FAIL (required not FAIL): not met');

    expect(codeOf(await w.gql(EVALUATE, { a: arena.id, c: champion }))).toBe('CONFLICT');
    expect(codeOf(await w.gql(EVALUATE, { a: arena.id, c: await w.model('Outsider') }))).toBe('NOT_FOUND');
  });

  it('uses the required metrics of the champion’s packs for other families; a champion value of 0 must simply not be worse', async () => {
    const w = await workspaceOf(RecipeFamily.PRICING, PRICING_RULES);
    const { arena, champion, challengers } = await w.arena(1);
    const challenger = challengers[0]!;
    expect(arena.policy).toEqual({
      requireNotFail: true,
      criteria: [
        { metric: 'revenue_lift', direction: 'HIGHER_IS_BETTER', minRelativeImprovement: 0.05, notWorse: false },
        { metric: 'constraint_violations', direction: 'LOWER_IS_BETTER', minRelativeImprovement: 0.05, notWorse: false },
      ],
    });
    await w.run(champion, { revenue_lift: 0.08, constraint_violations: 0, calibration: 0.95 });
    await w.run(challenger, { revenue_lift: 0.1, constraint_violations: 0, calibration: 0.7 });
    const met = await w.evaluate(arena.id, challenger);
    expect(met).toMatchObject({ promote: true, challengerLatestStatus: 'WARN' });
    expect(met.criteria).toEqual([
      { metric: 'revenue_lift', direction: 'HIGHER_IS_BETTER', championValue: 0.08, challengerValue: 0.1, relativeImprovement: expect.closeTo(0.25, 9), required: '≥5% better', met: true },
      { metric: 'constraint_violations', direction: 'LOWER_IS_BETTER', championValue: 0, challengerValue: 0, relativeImprovement: null, required: 'not worse', met: true },
    ]);
    expect(met.reasons[2]).toBe('constraint_violations: 0 vs champion 0, no change (required not worse, champion value is 0): met');

    await w.run(challenger, { revenue_lift: 0.1, constraint_violations: 1 });
    const worse = await w.evaluate(arena.id, challenger);
    expect(worse).toMatchObject({ promote: false, challengerLatestStatus: 'PASS' });
    expect(worse.criteria[1]).toMatchObject({ championValue: 0, challengerValue: 1, required: 'not worse', met: false });
  });

  it('follows a policy edited per arena, and refuses inconsistent policies with paths', async () => {
    const w = await workspaceOf();
    const { arena, champion, challengers } = await w.arena(1);
    await w.run(champion, { MAE: 10, MAPE: 0.2 });
    await w.run(challengers[0]!, { MAE: 9.8, MAPE: 0.2 });
    expect((await w.evaluate(arena.id, challengers[0]!)).promote).toBe(false);

    const bad = await w.gql(POLICY, {
      a: arena.id,
      p: { criteria: [{ metric: 'MAE', direction: 'LOWER_IS_BETTER', minRelativeImprovement: 0.05, notWorse: true }, { metric: 'MAE', direction: 'LOWER_IS_BETTER', notWorse: true }, { metric: 'RMSE', direction: 'LOWER_IS_BETTER', minRelativeImprovement: -1 }, { metric: 'MAPE', direction: 'LOWER_IS_BETTER' }] },
    });
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect(problemPaths(bad)).toEqual(['policy.criteria[0].notWorse', 'policy.criteria[1].metric', 'policy.criteria[2].minRelativeImprovement', 'policy.criteria[3]']);

    const policy = { requireNotFail: false, criteria: [{ metric: 'MAE', direction: 'LOWER_IS_BETTER', minRelativeImprovement: 0.01 }, { metric: 'MAPE', direction: 'LOWER_IS_BETTER', notWorse: true }] };
    const updated = ok(await w.gql(POLICY, { a: arena.id, p: policy }, 'lead')).updatePromotionPolicy;
    expect(updated.policy.criteria.map((c: { metric: string; minRelativeImprovement: number | null }) => [c.metric, c.minRelativeImprovement])).toEqual([['MAE', 0.01], ['MAPE', null]]);
    const decision = await w.evaluate(arena.id, challengers[0]!);
    expect(decision).toMatchObject({ promote: true, criteria: [{ required: '≥1% better', met: true }, { required: 'not worse', met: true }] });
    const [event] = await auditOf(api, w.ws, arena.id, 'arena.policy');
    expect(event).toMatchObject({ actor: 'apikey:lead', before: { policy: { requireNotFail: true } }, after: { policy: { requireNotFail: false } } });
  });
});

describe('promote', () => {
  it('refuses with CONFLICT listing the unmet criteria, then lets an approver override with a reason', async () => {
    const w = await workspaceOf();
    const { arena, champion, challengers } = await w.arena(2);
    const [c1, c2] = challengers as [string, string];
    ok(await w.gql(WEIGHTS, { input: { arenaId: arena.id, weights: [{ modelId: champion, weight: 0.7 }, { modelId: c1, weight: 0.2 }, { modelId: c2, weight: 0.1 }] } }));
    await w.run(champion, { MAE: 10, MAPE: 0.2, coverage_80: 0.8 });
    await w.run(c1, { MAE: 9.9, MAPE: 0.15, coverage_80: 0.8 });

    const refused = await w.gql(PROMOTE, { input: { arenaId: arena.id, challengerId: c1 } });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain('MAE: 9.9 vs champion 10, 1% better (required ≥5% better): not met');
    expect(refused.errors![0]!.extensions!.unmet).toEqual(['MAE: 9.9 vs champion 10, 1% better (required ≥5% better): not met']);
    const noReason = await w.gql(PROMOTE, { input: { arenaId: arena.id, challengerId: c1, override: true, reason: '  ' } });
    expect(codeOf(noReason)).toBe('VALIDATION_FAILED');
    expect(problemPaths(noReason)).toEqual(['input.reason']);
    expect(weights(await w.readArena(arena.id))[champion]).toEqual(['CHAMPION', 0.7]);

    const { promote } = ok(await w.gql(PROMOTE, { input: { arenaId: arena.id, challengerId: c1, override: true, reason: 'Black Friday: MAPE matters most' } }, 'approver'));
    expect(promote).toMatchObject({ overridden: true, decision: { promote: false }, champion: { id: c1, status: 'PRODUCTION' }, retired: { id: champion, status: 'RETIRED', arenaEntry: null } });
    expect(promote.arena.champion.id).toBe(c1);
    expect(weights(promote.arena)).toEqual({ [c1]: ['CHAMPION', 0.9], [c2]: ['CHALLENGER', 0.1] });

    const [event] = await auditOf(api, w.ws, arena.id, 'arena.promote');
    expect(event).toMatchObject({ actor: 'apikey:approver', reason: 'Black Friday: MAPE matters most', before: { champion, challenger: c1 }, after: { champion: c1, retired: champion, overridden: true, policyMet: false } });
    for (const [id, from, to] of [[champion, 'DRAFT', 'RETIRED'], [c1, 'DRAFT', 'PRODUCTION']]) {
      expect(await auditOf(api, w.ws, id!, 'model.status')).toMatchObject([{ actor: 'apikey:approver', before: { status: from }, after: { status: to }, reason: 'Black Friday: MAPE matters most' }]);
    }
    expect(codeOf(await w.gql(PROMOTE, { input: { arenaId: arena.id, challengerId: champion } }))).toBe('NOT_FOUND');
  });

  it('promotes without override when the policy is met; shadows cannot be promoted', async () => {
    const w = await workspaceOf();
    const { arena, champion, challengers } = await w.arena(1);
    const shadow = await w.model('Shadow');
    ok(await w.gql(ADD, { input: { arenaId: arena.id, modelId: shadow, role: 'SHADOW' } }));
    await w.run(champion, { MAE: 10, MAPE: 0.2, coverage_80: 0.8 });
    await w.run(challengers[0]!, { MAE: 9, MAPE: 0.18, coverage_80: 0.85 });
    await w.run(shadow, { MAE: 1, MAPE: 0.01, coverage_80: 0.99 });
    const asShadow = await w.gql(PROMOTE, { input: { arenaId: arena.id, challengerId: shadow } });
    expect(asShadow.errors![0]!.message).toBe(`Model ${shadow} is the SHADOW of arena "Retail demand"; only a CHALLENGER can be promoted`);
    const { promote } = ok(await w.gql(PROMOTE, { input: { arenaId: arena.id, challengerId: challengers[0] } }));
    expect(promote).toMatchObject({ overridden: false, decision: { promote: true }, champion: { status: 'PRODUCTION' }, retired: { status: 'RETIRED' } });
    expect(weights(promote.arena)).toEqual({ [challengers[0]!]: ['CHAMPION', 1], [shadow]: ['SHADOW', 0] });
  });
});

describe('runs of challengers', () => {
  it('auto-promotes a challenger whose MANUAL run meets the policy, as system:auto-promotion', async () => {
    const w = await workspaceOf();
    const { arena, champion, challengers } = await w.arena(1);
    const c1 = challengers[0]!;
    await w.run(champion, { MAE: 10, MAPE: 0.2, coverage_80: 0.8 }, 'MANUAL');
    await w.run(c1, { MAE: 9.8, MAPE: 0.15, coverage_80: 0.8 }, 'MANUAL', 'pipeline');
    expect((await w.readArena(arena.id)).champion.id).toBe(champion);

    await w.run(c1, { MAE: 9, MAPE: 0.15, coverage_80: 0.8 }, 'MANUAL', 'pipeline');
    const after = await w.readArena(arena.id);
    expect(weights(after)).toEqual({ [c1]: ['CHAMPION', 1] });
    expect(after.entries[0]!.model.status).toBe('PRODUCTION');
    const [promotion] = await auditOf(api, w.ws, arena.id, 'arena.promote');
    expect(promotion).toMatchObject({ actor: 'system:auto-promotion', after: { champion: c1, retired: champion, via: 'auto-promotion', overridden: false } });
    expect(await auditOf(api, w.ws, champion, 'model.status')).toMatchObject([{ actor: 'system:auto-promotion', after: { status: 'RETIRED' } }]);
  });

  it('turns a DRIFT run into a PROMOTION_PENDING alert that approvePromotion resolves by promoting', async () => {
    const w = await workspaceOf();
    const { arena, champion, challengers } = await w.arena(1);
    const c1 = challengers[0]!;
    await w.run(champion, { MAE: 10, MAPE: 0.2, coverage_80: 0.8 });
    expect(codeOf(await w.gql(APPROVE, { a: arena.id, c: c1 }))).toBe('CONFLICT'); // nothing pending yet

    await w.run(c1, { MAE: 9, MAPE: 0.15, coverage_80: 0.85 }, 'DRIFT');
    const driftRun = await w.run(c1, { MAE: 9, MAPE: 0.15, coverage_80: 0.85 }, 'DEGRADATION');
    const pending = await w.readArena(arena.id);
    expect(pending.champion.id).toBe(champion);
    expect(pending.entries[1]).toMatchObject({ role: 'CHALLENGER', pendingSince: expect.any(String) });
    const alerts = ok(await w.gql(PENDING_ALERTS, { m: c1 })).alerts.edges.map((e: { node: unknown }) => e.node);
    expect(alerts).toEqual([{ type: 'PROMOTION_PENDING', severity: 'INFO', status: 'OPEN', count: 2, title: 'Promotion pending: Challenger 1 in Retail demand', run: { id: driftRun } }]);
    expect(await auditOf(api, w.ws, arena.id, 'arena.promotion.pending')).toMatchObject([{ actor: 'system:auto-promotion' }, { actor: 'system:auto-promotion' }]);

    const { approvePromotion } = ok(await w.gql(APPROVE, { a: arena.id, c: c1, r: 'Checked the drift report' }, 'approver'));
    expect(approvePromotion).toMatchObject({ overridden: false, champion: { id: c1, status: 'PRODUCTION' }, retired: { id: champion, status: 'RETIRED' } });
    const resolved = ok(await w.gql(PENDING_ALERTS, { m: c1 })).alerts.edges.map((e: { node: { status: string } }) => e.node.status);
    expect(resolved).toEqual(['RESOLVED']);
    expect(await auditOf(api, w.ws, arena.id, 'arena.promote')).toMatchObject([{ actor: 'apikey:approver', reason: 'Checked the drift report', after: { via: 'approval' } }]);
  });

  it('lets rejectPromotion keep the challenger, resolve the alert and end the pending state; approval still needs the policy or an override', async () => {
    const w = await workspaceOf();
    const { arena, champion, challengers } = await w.arena(1);
    const c1 = challengers[0]!;
    await w.run(champion, { MAE: 10, MAPE: 0.2, coverage_80: 0.8 });
    await w.run(c1, { MAE: 9.9, MAPE: 0.2, coverage_80: 0.8 }, 'DRIFT');

    const unmet = await w.gql(APPROVE, { a: arena.id, c: c1 });
    expect(codeOf(unmet)).toBe('CONFLICT');
    expect(unmet.errors![0]!.message).toContain('does not meet the promotion policy');
    expect(problemPaths(await w.gql(REJECT, { a: arena.id, c: c1, r: ' ' }))).toEqual(['reason']);

    const { rejectPromotion } = ok(await w.gql(REJECT, { a: arena.id, c: c1, r: 'Not better enough' }, 'approver'));
    expect(rejectPromotion.entries[1]).toMatchObject({ role: 'CHALLENGER', pendingSince: null, model: { id: c1 } });
    expect(rejectPromotion.champion.id).toBe(champion);
    expect(ok(await w.gql(PENDING_ALERTS, { m: c1 })).alerts.edges.map((e: { node: { status: string } }) => e.node.status)).toEqual(['RESOLVED']);
    expect(await auditOf(api, w.ws, arena.id, 'arena.promotion.reject')).toMatchObject([{ actor: 'apikey:approver', reason: 'Not better enough' }]);
    expect(codeOf(await w.gql(REJECT, { a: arena.id, c: c1, r: 'again' }))).toBe('CONFLICT');
    expect(codeOf(await w.gql(APPROVE, { a: arena.id, c: c1, o: true, r: 'Forced' }))).toBe('CONFLICT');

    await w.run(c1, { MAE: 9.9, MAPE: 0.2, coverage_80: 0.8 }, 'DRIFT');
    const forced = ok(await w.gql(APPROVE, { a: arena.id, c: c1, o: true, r: 'Drift makes the old champion worse' }, 'approver')).approvePromotion;
    expect(forced).toMatchObject({ overridden: true, champion: { id: c1 } });
  });
});
