import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { NotFoundError, type Problem } from '../../platform/errors.js';
import { materialize } from '../../platform/materialize.js';
import { isUuid } from '../../platform/repository.js';
import { AbTest } from '../abtests/ab-test.entity.js';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { Experiment } from './experiment.entity.js';
import { ExperimentModelRole } from './experiment.enums.js';
import type { ExperimentModelInput, UnlinkExperimentInput } from './experiment.inputs.js';
import type { ExperimentModel } from './experiment.types.js';
import type { LinkedModel } from './experiment.validation.js';

export interface LinkTargets {
  models: ExperimentModelInput[];
  runIds: string[];
  abTestIds: string[];
}

/** One link kind: its table, target column and the table (and label) of its targets. */
interface LinkKind {
  table: 'experiment_model' | 'experiment_run' | 'experiment_ab_test';
  column: 'model_id' | 'run_id' | 'ab_test_id';
  target: 'model' | 'run' | 'ab_test';
  label: 'Model' | 'Run' | 'AbTest';
  field: 'modelIds' | 'runIds' | 'abTestIds';
  /** Key of the audit event's before/after. */
  audit: 'models' | 'runs' | 'abTests';
}

const MODELS: LinkKind = { table: 'experiment_model', column: 'model_id', target: 'model', label: 'Model', field: 'modelIds', audit: 'models' };
const RUNS: LinkKind = { table: 'experiment_run', column: 'run_id', target: 'run', label: 'Run', field: 'runIds', audit: 'runs' };
const AB_TESTS: LinkKind = { table: 'experiment_ab_test', column: 'ab_test_id', target: 'ab_test', label: 'AbTest', field: 'abTestIds', audit: 'abTests' };

/**
 * A statement with array parameters bound natively (`em.execute` would inline every element into the
 * SQL text), on the transaction's connection, logged like the ORM's statements.
 */
async function executeNative<T>(em: EntityManager, sql: string, bindings: Knex.RawBinding[]): Promise<T[]> {
  const started = Date.now();
  try {
    const query = em.getKnex().raw(sql, bindings);
    const trx = em.getTransactionContext();
    const res = (await (trx ? query.transacting(trx) : query)) as { rows: T[]; rowCount: number };
    em.config.getLogger().logQuery({ query: sql, took: Date.now() - started, affected: res.rowCount, level: 'info' });
    return res.rows;
  } catch (error) {
    em.config.getLogger().logQuery({ query: sql, took: Date.now() - started, level: 'error' });
    throw em.getDriver().convertException(error as Error);
  }
}

/** Every id must name a row of the workspace (NOT_FOUND for the first that does not). */
async function assertInWorkspace(em: EntityManager, workspaceId: string, kind: LinkKind, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const invalid = ids.find((id) => !isUuid(id));
  if (invalid) throw new NotFoundError(kind.label, invalid);
  const rows = await executeNative<{ id: string }>(em, `select id from ?? where workspace_id = ? and id = any(?::uuid[])`, [kind.target, workspaceId, [...ids]]);
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw new NotFoundError(kind.label, missing);
}

/**
 * Links the targets (all in the workspace, NOT_FOUND otherwise) with one insert per kind; a model
 * linked again takes the new role. `linkedAt` follows the order given. Returns what to audit.
 */
export async function insertLinks(em: EntityManager, workspaceId: string, experimentId: string, links: LinkTargets): Promise<Record<string, unknown>> {
  const modelIds = links.models.map((m) => m.modelId);
  await assertInWorkspace(em, workspaceId, MODELS, modelIds);
  await assertInWorkspace(em, workspaceId, RUNS, links.runIds);
  await assertInWorkspace(em, workspaceId, AB_TESTS, links.abTestIds);
  const now = new Date();
  if (modelIds.length) {
    await executeNative(
      em,
      `insert into experiment_model (experiment_id, model_id, role, created_at)
       select ?::uuid, l.model_id, l.role, ?::timestamptz + l.ord * interval '1 microsecond'
       from unnest(?::uuid[], ?::experiment_model_role[]) with ordinality as l(model_id, role, ord)
       on conflict (experiment_id, model_id) do update set role = excluded.role where experiment_model.role is distinct from excluded.role`,
      [experimentId, now, modelIds, links.models.map((m) => m.role)],
    );
  }
  for (const [kind, ids] of [[RUNS, links.runIds], [AB_TESTS, links.abTestIds]] as const) {
    if (!ids.length) continue;
    await executeNative(
      em,
      `insert into ?? (experiment_id, ??, created_at)
       select ?::uuid, l.id, ?::timestamptz + l.ord * interval '1 microsecond' from unnest(?::uuid[]) with ordinality as l(id, ord)
       on conflict do nothing`,
      [kind.table, kind.column, experimentId, now, [...ids]],
    );
  }
  const audit: Record<string, unknown> = {};
  if (links.models.length) audit.models = links.models.map((m) => ({ model: m.modelId, role: m.role }));
  if (links.runIds.length) audit.runs = links.runIds;
  if (links.abTestIds.length) audit.abTests = links.abTestIds;
  return audit;
}

/** The experiment's models and roles, in link order (inside the caller's transaction). */
export async function linkedModels(em: EntityManager, experimentId: string): Promise<LinkedModel[]> {
  const rows = await executeNative<{ model_id: string; role: ExperimentModelRole }>(em, `select model_id, role from experiment_model where experiment_id = ? order by created_at, model_id`, [experimentId]);
  return rows.map((r) => ({ modelId: r.model_id, role: r.role }));
}

/** Removes the named links; ids that are not linked come back as problems at their paths. Returns what to audit. */
export async function deleteLinks(em: EntityManager, experimentId: string, input: UnlinkExperimentInput, prefix = 'input'): Promise<{ removed: Record<string, string[]>; problems: Problem[] }> {
  const problems: Problem[] = [];
  const removed: Record<string, string[]> = {};
  for (const kind of [MODELS, RUNS, AB_TESTS]) {
    const ids = input[kind.field] ?? [];
    if (!ids.length) continue;
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await executeNative<{ id: string }>(em, `delete from ?? where experiment_id = ? and ?? = any(?::uuid[]) returning ?? as id`, [kind.table, experimentId, kind.column, valid, kind.column])
      : [];
    const gone = new Set(rows.map((r) => r.id));
    ids.forEach((id, i) => {
      if (!gone.has(id)) problems.push({ path: `${prefix}.${kind.field}[${i}]`, message: `${kind.label} ${id} is not linked to the experiment` });
    });
    removed[kind.audit] = ids;
  }
  return { removed, problems };
}

// --- loaders (one statement per batch of parents, whatever their number of links) -------------------

type Row = Record<string, unknown>;

/** A per-request loader of `entity` rows joined through a link table, grouped by `__owner`. */
function joinedLoader<T extends object, R>(
  ctx: Context,
  name: string,
  entity: EntityClass<T>,
  query: (knex: Knex, workspaceId: string, ids: string[]) => Knex.QueryBuilder,
  shape: (node: T, row: Row) => R,
): DataLoader<string, R[]> {
  return ctx.loaders.get(`experiments:${name}`, () => {
    const workspaceId = workspaceOf(ctx);
    return new DataLoader<string, R[]>(async (keys) => {
      const ids = keys.filter(isUuid);
      const rows = ids.length ? ((await ctx.em.execute(query(ctx.em.getKnex(), workspaceId, ids))) as Row[]) : [];
      const nodes = materialize(ctx.em, entity, rows);
      const byOwner = new Map<string, R[]>(keys.map((k) => [k, []]));
      rows.forEach((row, i) => byOwner.get(String(row.__owner))?.push(shape(nodes[i]!, row)));
      return keys.map((k) => byOwner.get(k) ?? []);
    });
  });
}

/** `Experiment.models`: baselines first, then candidates, each in link order. */
export function modelsOfExperiment(ctx: Context, experimentId: string): Promise<ExperimentModel[]> {
  const platform = ctx.em.getPlatform();
  return joinedLoader(
    ctx,
    'models',
    Model,
    (knex, ws, ids) =>
      knex
        .select('t.*', knex.raw('l.experiment_id as "__owner"'), knex.raw('l.role as "__role"'), knex.raw('l.created_at as "__linked_at"'))
        .from({ l: 'experiment_model' })
        .join({ t: 'model' }, 't.id', 'l.model_id')
        .whereIn('l.experiment_id', ids)
        .where('t.workspace_id', ws)
        .orderBy([{ column: 'l.experiment_id' }, { column: 'l.role' }, { column: 'l.created_at' }, { column: 't.id' }]),
    (model, row) => ({ model, role: row.__role as ExperimentModelRole, linkedAt: row.__linked_at instanceof Date ? row.__linked_at : platform.parseDate(row.__linked_at as string) }),
  ).load(experimentId);
}

function linkedTargets<T extends object>(ctx: Context, kind: LinkKind, entity: EntityClass<T>, experimentId: string): Promise<T[]> {
  return joinedLoader(
    ctx,
    kind.table,
    entity,
    (knex, ws, ids) =>
      knex
        .select('t.*', knex.raw('l.experiment_id as "__owner"'))
        .from({ l: kind.table })
        .join({ t: kind.target }, 't.id', `l.${kind.column}`)
        .whereIn('l.experiment_id', ids)
        .where('t.workspace_id', ws)
        .orderBy([{ column: 'l.experiment_id' }, { column: 't.created_at', order: 'desc' }, { column: 't.id', order: 'desc' }]),
    (node) => node,
  ).load(experimentId);
}

/** `Experiment.runs`: newest first. */
export function runsOfExperiment(ctx: Context, experimentId: string): Promise<Run[]> {
  return linkedTargets(ctx, RUNS, Run, experimentId);
}

/** `Experiment.abTests`: newest first. */
export function abTestsOfExperiment(ctx: Context, experimentId: string): Promise<AbTest[]> {
  return linkedTargets(ctx, AB_TESTS, AbTest, experimentId);
}

/** `Model.experiments`: the experiments the model is linked to, most recently updated first. */
export function experimentsOfModel(ctx: Context, modelId: string): Promise<Experiment[]> {
  return joinedLoader(
    ctx,
    'ofModel',
    Experiment,
    (knex, ws, ids) =>
      knex
        .select('t.*', knex.raw('l.model_id as "__owner"'))
        .from({ l: 'experiment_model' })
        .join({ t: 'experiment' }, 't.id', 'l.experiment_id')
        .whereIn('l.model_id', ids)
        .where('t.workspace_id', ws)
        .orderBy([{ column: 'l.model_id' }, { column: 't.updated_at', order: 'desc' }, { column: 't.id', order: 'desc' }]),
    (node) => node,
  ).load(modelId);
}
