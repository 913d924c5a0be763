import DataLoader from 'dataloader';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { SortDirection, toConnection } from '../../platform/connection.js';
import { BadInputError, ConflictError, ValidationFailedError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { dehydrate, materialize } from '../../platform/materialize.js';
import { countAll, cursorFor, findPage, type PageRequest, type SortSpec, type Where } from '../../platform/pagination.js';
import { getOrNotFound, isUuid } from '../../platform/repository.js';
import { raiseAlert } from '../alerts/alert.rules.js';
import { AlertSeverity, AlertType } from '../alerts/alert.enums.js';
import { recordAudit } from '../audit/audit.service.js';
import { Model } from '../models/model.entity.js';
import { ModelStatus } from '../models/model.enums.js';
import { executeBulk } from '../predictions/bulk-statement.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { AbTest } from './ab-test.entity.js';
import { AB_TEST_TRANSITIONS, AbArm, AbTestSource, AbTestStatus } from './ab-test.enums.js';
import { type AbTestFilter, observationProblems, type RecordAbObservationsInput, type StartAbTestInput, startAbTestProblems } from './ab-test.inputs.js';
import { type ArmAggregate, computeAbResult, EMPTY_ARM, loadResult, storeResult } from './ab-test.result.js';
import type { AbTestResult } from './ab-test.types.js';

/**
 * The arms' aggregates of many tests in one statement: recorded observations (OBSERVATIONS tests),
 * or the non-shadow prediction logs of each arm's model logged since the test started that have an
 * actual (PREDICTION_LOGS tests; MEAN: the actual, PROPORTION: 1 when the actual is not 0, else 0).
 */
const ARM_AGGREGATES = `
  select o.ab_test_id::text as test_id, o.arm::text as arm, count(*)::int as n, avg(o.value) as mean, var_samp(o.value) as variance, coalesce(sum(o.value), 0) as total
    from ab_observation o
   where o.ab_test_id = any(?::uuid[])
   group by o.ab_test_id, o.arm
  union all
  select t.id::text, arms.arm, count(*)::int, avg(v.value), var_samp(v.value), coalesce(sum(v.value), 0)
    from ab_test t
   cross join lateral (values ('A', t.model_a_id), ('B', t.model_b_id)) as arms(arm, model_id)
    join prediction_log l on l.model_id = arms.model_id and l.predicted_at >= t.started_at and not l.shadow
    join prediction_actual a on a.workspace_id = l.workspace_id and a.request_id = l.request_id
   cross join lateral (select case when t.kind = 'PROPORTION' then (a.actual <> 0)::int::float8 else a.actual end as value) v
   where t.id = any(?::uuid[]) and t.source = 'PREDICTION_LOGS'
   group by t.id, arms.arm`;

interface AggregateRow {
  test_id: string;
  arm: AbArm;
  n: number;
  mean: number | null;
  variance: number | null;
  total: number;
}

/** Live results of RUNNING tests (one statement for all of them). */
async function computeResults(em: EntityManager, tests: readonly AbTest[], at: Date): Promise<Map<string, AbTestResult>> {
  const ids = tests.map((t) => t.id);
  const { rows } = ids.length ? await executeBulk<AggregateRow>(em, ARM_AGGREGATES, [ids, ids]) : { rows: [] };
  const arms = new Map<string, Partial<Record<AbArm, ArmAggregate>>>();
  for (const r of rows) {
    const entry = arms.get(r.test_id) ?? {};
    entry[r.arm] = { n: Number(r.n), mean: r.mean === null ? null : Number(r.mean), variance: r.variance === null ? null : Number(r.variance), sum: Number(r.total) };
    arms.set(r.test_id, entry);
  }
  return new Map(tests.map((t) => [t.id, computeAbResult(t, arms.get(t.id)?.A ?? EMPTY_ARM, arms.get(t.id)?.B ?? EMPTY_ARM, at)]));
}

/** A test's result: frozen on the row once it ended, else computed live (batched per request). */
export function resultOf(ctx: Context, test: AbTest): Promise<AbTestResult> {
  if (test.frozenResult) return Promise.resolve(loadResult(test.frozenResult));
  return resultLoader(ctx).load(test);
}

function resultLoader(ctx: Context): DataLoader<AbTest, AbTestResult, string> {
  return ctx.loaders.get('abTestResults', () =>
    new DataLoader<AbTest, AbTestResult, string>(
      async (tests) => {
        const results = await computeResults(ctx.em, tests, new Date());
        return tests.map((t) => results.get(t.id)!);
      },
      { cacheKeyFn: (t) => t.id },
    ),
  );
}

export function getAbTest(ctx: Context, id: string): Promise<AbTest> {
  return getOrNotFound(ctx, AbTest, id, 'AbTest');
}

const NEWEST_FIRST: SortSpec = { field: 'CREATED_AT', property: 'createdAt', column: 'created_at', direction: SortDirection.DESC, kind: 'date' };

export async function listAbTests(ctx: Context, filter: AbTestFilter | undefined, page: PageRequest) {
  const workspaceId = workspaceOf(ctx);
  const where: Where = (qb) => {
    qb.where('t.workspace_id', workspaceId);
    if (filter?.status) qb.where('t.status', filter.status);
    if (filter?.modelId !== undefined && filter.modelId !== null) {
      const modelId = filter.modelId;
      if (isUuid(modelId)) qb.where((q) => q.where('t.model_a_id', modelId).orWhere('t.model_b_id', modelId));
      else qb.whereRaw('false');
    }
  };
  const rows = await findPage(ctx.em, AbTest, where, NEWEST_FIRST, page);
  return toConnection(rows, page.first, page.after, cursorFor(NEWEST_FIRST), () => countAll(ctx.em, AbTest, where));
}

/** Tests with the model in either arm, newest first (one statement per batch of models). */
export function abTestsOfModel(ctx: Context, modelId: string, status: AbTestStatus | undefined): Promise<AbTest[]> {
  const loader = ctx.loaders.get(`modelAbTests:${status ?? ''}`, () => {
    const workspaceId = workspaceOf(ctx);
    return new DataLoader<string, AbTest[]>(async (ids) => {
      const knex = ctx.em.getKnex();
      const qb = knex
        .select('t.*')
        .from({ t: 'ab_test' })
        .where('t.workspace_id', workspaceId)
        .andWhere((q) => q.whereIn('t.model_a_id', [...ids]).orWhereIn('t.model_b_id', [...ids]))
        .orderBy([{ column: 't.created_at', order: 'desc' }, { column: 't.id', order: 'desc' }]);
      if (status) qb.andWhere('t.status', status);
      const tests = materialize(ctx.em, AbTest, (await ctx.em.execute(qb)) as Record<string, unknown>[]);
      const byModel = new Map<string, AbTest[]>(ids.map((id) => [id, []]));
      for (const t of tests) {
        byModel.get(t.modelA.id)?.push(t);
        byModel.get(t.modelB.id)?.push(t);
      }
      return ids.map((id) => byModel.get(id) ?? []);
    });
  });
  return loader.load(modelId);
}

async function emitAbTestUpdated(em: EntityManager, workspaceId: string, test: AbTest, result: AbTestResult): Promise<void> {
  await emitEvent(em, workspaceId, 'AB_TEST_UPDATED', { modelId: test.modelB.id, subjectId: test.id }, {
    abTestId: test.id,
    status: test.status,
    abTest: dehydrate(em, AbTest, test),
    result: storeResult(result) as unknown as Record<string, unknown>,
  });
}

function describeResult(test: AbTest, result: AbTestResult, models: { a: string; b: string }): string {
  const fmt = (v: number | null) => (v === null ? 'n/a' : Number(v.toPrecision(4)).toString());
  const arms = `A (${models.a}) ${fmt(result.armA.estimate)} over ${result.armA.n}, B (${models.b}) ${fmt(result.armB.estimate)} over ${result.armB.n}`;
  if (result.pValue === null) return `${test.metric}: ${arms}; not enough data for a test.`;
  const interval = `difference B − A ${fmt(result.difference)} (${Math.round(result.confidenceLevel * 100)} % CI ${fmt(result.ciLow)} to ${fmt(result.ciHigh)}), p = ${fmt(result.pValue)}`;
  const verdict = result.winner ? `${result.winner} (${result.winner === AbArm.A ? models.a : models.b}) wins` : `no significant difference at alpha ${test.alpha}`;
  return `${test.metric}: ${arms}; ${interval}; ${verdict}.`;
}

/**
 * RUNNING → COMPLETED: freezes the result on the row, records `concludedAt`, audits, and raises
 * AB_TEST_COMPLETE (INFO, on model B, one per test). In the caller's transaction.
 */
async function completeIn(em: EntityManager, ctx: Context, test: AbTest, result: AbTestResult, at: Date, reason: string): Promise<void> {
  test.status = AbTestStatus.COMPLETED;
  test.concludedAt = at;
  test.frozenResult = storeResult(result);
  recordAudit(em, ctx, { action: 'abTest.complete', subjectType: 'AbTest', subjectId: test.id, before: { status: AbTestStatus.RUNNING }, after: { status: test.status, winner: result.winner, pValue: result.pValue }, reason }, at);
  await em.flush();
  const models = await em.find(Model, { id: { $in: [test.modelA.id, test.modelB.id] } });
  const name = (id: string) => models.find((m) => m.id === id)?.name ?? id;
  const modelB = models.find((m) => m.id === test.modelB.id)!;
  await raiseAlert(em, ctx, modelB, {
    type: AlertType.AB_TEST_COMPLETE,
    severity: AlertSeverity.INFO,
    dedupKey: `${AlertType.AB_TEST_COMPLETE}:${test.id}`,
    title: `A/B test complete: ${test.name}${result.winner ? ` (winner ${result.winner})` : ''}`,
    message: describeResult(test, result, { a: name(test.modelA.id), b: name(test.modelB.id) }),
  }, at);
}

async function lockTest(em: EntityManager, workspaceId: string, id: string): Promise<AbTest> {
  const test = await em.findOne(AbTest, { id, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!test) throw new ConflictError(`A/B test ${id} disappeared`);
  return test;
}

function assertCanBecome(test: AbTest, status: AbTestStatus): void {
  if (!AB_TEST_TRANSITIONS[test.status].includes(status)) {
    throw new ConflictError(`A/B test ${test.id} is ${test.status}; it cannot become ${status}`, { current: test.status, requested: status });
  }
}

/** Starts a RUNNING test between two models of the workspace (different, neither RETIRED). */
export async function startAbTest(ctx: Context, input: StartAbTestInput): Promise<AbTest> {
  const workspaceId = workspaceOf(ctx);
  const problems = startAbTestProblems(input);
  if (problems.length) throw new ValidationFailedError(problems);
  const [modelA, modelB] = await Promise.all([getOrNotFound(ctx, Model, input.modelAId, 'Model'), getOrNotFound(ctx, Model, input.modelBId, 'Model')]);
  for (const model of [modelA, modelB]) {
    if (model.status === ModelStatus.RETIRED) throw new ConflictError(`Model ${model.id} is RETIRED; it cannot take part in an A/B test`, { modelId: model.id, current: model.status });
  }
  return ctx.em.transactional(async (em) => {
    const now = new Date();
    const test = em.create(AbTest, {
      workspace: em.getReference(Workspace, workspaceId),
      name: input.name,
      description: input.description ?? '',
      modelA: em.getReference(Model, modelA.id),
      modelB: em.getReference(Model, modelB.id),
      metric: input.metric,
      direction: input.direction,
      kind: input.kind,
      split: input.split,
      alpha: input.alpha,
      power: input.power,
      minimumDetectableEffect: input.minimumDetectableEffect,
      baseline: input.baseline ?? undefined,
      standardDeviation: input.standardDeviation ?? undefined,
      source: input.source,
      startedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    recordAudit(em, ctx, { action: 'abTest.start', subjectType: 'AbTest', subjectId: test.id, after: { status: test.status, modelAId: modelA.id, modelBId: modelB.id, kind: test.kind, split: test.split } }, now);
    await em.flush();
    await emitAbTestUpdated(em, workspaceId, test, computeAbResult(test, EMPTY_ARM, EMPTY_ARM, now));
    return test;
  });
}

const INSERT_OBSERVATIONS = `insert into ab_observation (workspace_id, ab_test_id, arm, value, recorded_at)
  select ?::uuid, ?::uuid, ?::ab_arm, v, ?::timestamptz from unnest(?::float8[]) as v`;

/**
 * Appends a batch of one arm's observations (one insert), then recomputes the result; when both arms
 * reached the required size, the test COMPLETES in the same transaction. Batches of a test are
 * serialised by a row lock, so exactly one of them concludes it.
 */
export async function recordAbObservations(ctx: Context, input: RecordAbObservationsInput): Promise<AbTest> {
  const workspaceId = workspaceOf(ctx);
  const sizeProblems = observationProblems(input.values, null);
  if (sizeProblems.length) throw new ValidationFailedError(sizeProblems);
  const found = await getAbTest(ctx, input.abTestId);
  if (found.source !== AbTestSource.OBSERVATIONS) {
    throw new BadInputError(`A/B test ${found.id} takes its observations from prediction logs (source PREDICTION_LOGS); record actuals instead`, { argument: 'input.abTestId', source: found.source });
  }
  const valueProblems = observationProblems(input.values, found.kind);
  if (valueProblems.length) throw new ValidationFailedError(valueProblems);
  const { test, result } = await ctx.em.transactional(async (em) => {
    const test = await lockTest(em, workspaceId, found.id);
    if (test.status !== AbTestStatus.RUNNING) {
      throw new ConflictError(`A/B test ${test.id} is ${test.status}; observations can only be recorded while it is RUNNING`, { current: test.status });
    }
    const now = new Date();
    await executeBulk(em, INSERT_OBSERVATIONS, [workspaceId, test.id, input.arm, now, input.values]);
    const result = (await computeResults(em, [test], now)).get(test.id)!;
    if (result.sampleSizeReached) await completeIn(em, ctx, test, result, now, 'required sample size reached');
    await emitAbTestUpdated(em, workspaceId, test, result);
    return { test, result };
  });
  if (!test.frozenResult) resultLoader(ctx).prime(test, result);
  return test;
}

/** RUNNING → COMPLETED by hand, before the required size (CONFLICT otherwise). Raises AB_TEST_COMPLETE. */
export async function concludeAbTest(ctx: Context, id: string, reason?: string): Promise<AbTest> {
  const workspaceId = workspaceOf(ctx);
  await getAbTest(ctx, id);
  return ctx.em.transactional(async (em) => {
    const test = await lockTest(em, workspaceId, id);
    assertCanBecome(test, AbTestStatus.COMPLETED);
    const now = new Date();
    const result = (await computeResults(em, [test], now)).get(test.id)!;
    await completeIn(em, ctx, test, result, now, reason ?? 'concluded by hand');
    await emitAbTestUpdated(em, workspaceId, test, result);
    return test;
  });
}

/** RUNNING → STOPPED without a conclusion (no alert); the result is frozen as it was (CONFLICT otherwise). */
export async function stopAbTest(ctx: Context, id: string, reason?: string): Promise<AbTest> {
  const workspaceId = workspaceOf(ctx);
  await getAbTest(ctx, id);
  return ctx.em.transactional(async (em) => {
    const test = await lockTest(em, workspaceId, id);
    assertCanBecome(test, AbTestStatus.STOPPED);
    const now = new Date();
    const result = (await computeResults(em, [test], now)).get(test.id)!;
    test.status = AbTestStatus.STOPPED;
    test.stoppedAt = now;
    test.frozenResult = storeResult(result);
    recordAudit(em, ctx, { action: 'abTest.stop', subjectType: 'AbTest', subjectId: test.id, before: { status: AbTestStatus.RUNNING }, after: { status: test.status }, reason }, now);
    await em.flush();
    await emitAbTestUpdated(em, workspaceId, test, result);
    return test;
  });
}

/**
 * After prediction logs or actuals changed the arms of PREDICTION_LOGS tests on these models: each
 * RUNNING such test (locked, in id order) gets its new result published, and completes when both arms
 * reached the required size. In the caller's transaction; one statement for the results.
 */
export async function refreshPredictionLogTests(em: EntityManager, ctx: Context, modelIds: readonly string[], at: Date): Promise<void> {
  if (!modelIds.length) return;
  const workspaceId = workspaceOf(ctx);
  const tests = await em.find(
    AbTest,
    { workspace: workspaceId, status: AbTestStatus.RUNNING, source: AbTestSource.PREDICTION_LOGS, $or: [{ modelA: { $in: [...modelIds] } }, { modelB: { $in: [...modelIds] } }] },
    { orderBy: { id: 'ASC' }, lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!tests.length) return;
  const results = await computeResults(em, tests, at);
  for (const test of tests) {
    const result = results.get(test.id)!;
    if (result.sampleSizeReached) await completeIn(em, ctx, test, result, at, 'required sample size reached');
    await emitAbTestUpdated(em, workspaceId, test, result);
  }
}
