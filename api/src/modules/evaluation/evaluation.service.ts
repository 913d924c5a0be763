import DataLoader from 'dataloader';
import { ForeignKeyConstraintViolationException, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { ConflictError, DomainError, type Problem, ValidationFailedError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { groupBy } from '../../platform/loaders.js';
import { dehydrate, materialize } from '../../platform/materialize.js';
import { containsPattern, countAll, cursorFor, findPage, type PageRequest, type Where } from '../../platform/pagination.js';
import { childrenLoader, getOrNotFound } from '../../platform/repository.js';
import { namedSort } from '../../platform/sorting.js';
import { recordAudit } from '../audit/audit.service.js';
import { Model } from '../models/model.entity.js';
import type { MonitorSnapshot } from '../monitoring/monitor-snapshot.entity.js';
import { Recipe } from '../recipes/recipe.entity.js';
import { nextVersion } from '../recipes/recipe.service.js';
import { Run } from '../runs/run.entity.js';
import { RunStatus } from '../runs/run.enums.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { EvaluationKind } from './evaluation.enums.js';
import { evaluate, type MetricValue } from './evaluation.engine.js';
import type {
  CreateEvaluationPackInput,
  CreateEvaluationPackVersionInput,
  EvaluationPackFilter,
  EvaluationPackOrder,
  MetricRuleInput,
  UpdateEvaluationPackInput,
} from './evaluation.inputs.js';
import { EvaluationPack } from './evaluation-pack.entity.js';
import { EvaluationPackVersion } from './evaluation-pack-version.entity.js';
import { EvaluationResult } from './evaluation-result.entity.js';
import { PackAttachment } from './pack-attachment.entity.js';
import type { MetricRule } from './metric-rule.types.js';
import { ruleProblems } from './metric-rule.validation.js';

function packWhere(workspaceId: string, filter: EvaluationPackFilter | undefined): Where {
  return (qb) => {
    qb.where('t.workspace_id', workspaceId);
    if (filter?.family) qb.where('t.family', filter.family);
    if (filter?.search) qb.whereILike('t.name', containsPattern(filter.search));
  };
}

export async function listPacks(ctx: Context, filter: EvaluationPackFilter | undefined, order: EvaluationPackOrder, page: PageRequest) {
  const where = packWhere(workspaceOf(ctx), filter);
  const sort = namedSort(order.field, order.direction);
  const rows = await findPage(ctx.em, EvaluationPack, where, sort, page);
  return toConnection(rows, page.first, page.after, cursorFor(sort), () => countAll(ctx.em, EvaluationPack, where));
}

export function getPack(ctx: Context, id: string) {
  return getOrNotFound(ctx, EvaluationPack, id, 'EvaluationPack');
}

export function packVersions(ctx: Context, packId: string) {
  return childrenLoader(ctx, EvaluationPackVersion, 'pack', { createdAt: 'DESC' }).load(packId);
}

/** Pack versions attached to a recipe, oldest attachment first. */
export function attachedPackVersions(ctx: Context, recipeId: string): Promise<EvaluationPackVersion[]> {
  return ctx.loaders
    .get('attachedPackVersions', () => {
      const workspace = workspaceOf(ctx);
      return new DataLoader<string, EvaluationPackVersion[]>(async (recipeIds) => {
        const rows = await ctx.em.find(PackAttachment, { recipe: { $in: [...recipeIds] }, workspace }, { populate: ['packVersion'], orderBy: { attachedAt: 'ASC', id: 'ASC' } });
        return recipeIds.map((id) => rows.filter((a) => a.recipe.id === id).map((a) => a.packVersion));
      });
    })
    .load(recipeId);
}

/** Attachments of a pack version (the recipes it gates). */
export function attachmentsOfPackVersion(ctx: Context, packVersionId: string) {
  return childrenLoader(ctx, PackAttachment, 'packVersion', { attachedAt: 'ASC' }).load(packVersionId);
}

/**
 * `Run.evaluationResults`: the newest result of each pack version that evaluated the run, oldest
 * first. `evaluateRun` adds results without deleting the earlier ones (they stay in
 * `Model.evaluationResults`); here a re-evaluation replaces its pack version's earlier verdict.
 * One `DISTINCT ON` statement per batch of runs.
 */
export function resultsOfRun(ctx: Context, runId: string): Promise<EvaluationResult[]> {
  return ctx.loaders
    .get('latestResultsOfRun', () => {
      const workspaceId = workspaceOf(ctx);
      return new DataLoader<string, EvaluationResult[]>(async (runIds) => {
        const knex = ctx.em.getKnex();
        const newest = knex
          .select('*')
          .from('evaluation_result')
          .distinctOn('run_id', 'pack_version_id')
          .whereIn('run_id', [...runIds])
          .andWhere({ workspace_id: workspaceId })
          .orderBy([{ column: 'run_id' }, { column: 'pack_version_id' }, { column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
        const qb = knex.select('*').from(newest.as('r')).orderBy([{ column: 'created_at' }, { column: 'id' }]);
        const results = materialize(ctx.em, EvaluationResult, (await ctx.em.execute(qb)) as Record<string, unknown>[]);
        return groupBy(runIds, results, (r) => r.run!.id);
      });
    })
    .load(runId);
}

export function resultsOfSnapshot(ctx: Context, snapshotId: string) {
  return childrenLoader(ctx, EvaluationResult, 'snapshot', { createdAt: 'ASC' }).load(snapshotId);
}

export function resultsOfModel(ctx: Context, modelId: string, kind: EvaluationKind | undefined) {
  return childrenLoader(ctx, EvaluationResult, 'model', { createdAt: 'DESC' }, kind ? { kind } : {}).load(modelId);
}

/** The newest run evaluation of each model (`DISTINCT ON`, one statement per batch). */
export function latestRunEvaluation(ctx: Context, modelId: string): Promise<EvaluationResult | null> {
  return ctx.loaders
    .get('latestRunEvaluation', () => {
      const workspaceId = workspaceOf(ctx);
      return new DataLoader<string, EvaluationResult | null>(async (modelIds) => {
        const knex = ctx.em.getKnex();
        const qb = knex
          .select('*')
          .from('evaluation_result')
          .distinctOn('model_id')
          .whereIn('model_id', [...modelIds])
          .andWhere({ workspace_id: workspaceId, kind: EvaluationKind.RUN })
          .orderBy([{ column: 'model_id' }, { column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
        const rows = (await ctx.em.execute(qb)) as Record<string, unknown>[];
        const results = materialize(ctx.em, EvaluationResult, rows);
        const byModel = new Map(results.map((r) => [r.model.id, r]));
        return modelIds.map((id) => byModel.get(id) ?? null);
      });
    })
    .load(modelId);
}

async function packVersionsForRecipe(em: EntityManager, recipeId: string): Promise<EvaluationPackVersion[]> {
  const attachments = await em.find(PackAttachment, { recipe: recipeId }, { populate: ['packVersion'], orderBy: { attachedAt: 'ASC', id: 'ASC' } });
  return attachments.map((a) => a.packVersion);
}

function storeResults(
  em: EntityManager,
  packVersions: EvaluationPackVersion[],
  metrics: MetricValue[],
  target: { model: Model; run?: Run; snapshot?: MonitorSnapshot; kind: EvaluationKind; at: Date },
): EvaluationResult[] {
  return packVersions.map((packVersion) => {
    const outcome = evaluate(packVersion.rules, metrics);
    return em.create(EvaluationResult, {
      workspace: target.model.workspace,
      model: target.model,
      run: target.run,
      snapshot: target.snapshot,
      packVersion,
      kind: target.kind,
      status: outcome.status,
      summary: outcome.summary,
      metrics: outcome.metrics,
      createdAt: target.at,
    });
  });
}

/** Evaluates a run's final metrics with every pack version attached to its recipe (inside the caller's transaction). */
export async function evaluateRunIn(em: EntityManager, run: Run, model: Model, at = new Date()): Promise<EvaluationResult[]> {
  const versions = await packVersionsForRecipe(em, run.recipe.id);
  return storeResults(em, versions, run.metrics, { model, run, kind: EvaluationKind.RUN, at });
}

/** Evaluates a snapshot's performance metrics (monitor evaluation), inside the caller's transaction. */
export async function evaluateSnapshotIn(em: EntityManager, snapshot: MonitorSnapshot, model: Model, at = new Date()): Promise<EvaluationResult[]> {
  const versions = await packVersionsForRecipe(em, model.recipe.id);
  return storeResults(em, versions, snapshot.performance, { model, snapshot, kind: EvaluationKind.MONITOR, at });
}

/** Trimmed plain rules, or VALIDATION_FAILED naming every problem (with `problems` found so far in the input). */
function checkedRules(input: MetricRuleInput[], path: string, problems: Problem[] = []): MetricRule[] {
  const rules = input.map((r) => ({ key: r.key.trim(), direction: r.direction, promote: r.promote, warn: r.warn, fail: r.fail, required: r.required }));
  problems.push(...ruleProblems(rules, path));
  if (problems.length) throw new ValidationFailedError(problems);
  return rules;
}

async function lockPack(em: EntityManager, workspaceId: string, id: string, lockMode = LockMode.PESSIMISTIC_WRITE): Promise<EvaluationPack> {
  return em.findOneOrFail(EvaluationPack, { id, workspace: workspaceId }, { lockMode });
}

/** A pack with its first version 1.0.0 (rules validated), in one transaction. */
export async function createPack(ctx: Context, input: CreateEvaluationPackInput): Promise<EvaluationPack> {
  const workspaceId = workspaceOf(ctx);
  const name = input.name.trim();
  const rules = checkedRules(input.rules, 'input.rules', name ? [] : [{ path: 'input.name', message: 'must not be empty' }]);
  return ctx.em.transactional(async (em) => {
    const workspace = em.getReference(Workspace, workspaceId);
    const pack = em.create(EvaluationPack, { workspace, name, family: input.family, description: input.description, tags: input.tags });
    const version = em.create(EvaluationPackVersion, { workspace, pack, version: '1.0.0', rules, changeNote: input.changeNote, author: ctx.caller.actor });
    recordAudit(em, ctx, { action: 'evaluationPack.create', subjectType: 'EvaluationPack', subjectId: pack.id, after: { name, family: pack.family, versionId: version.id, version: version.version, rules } });
    return pack;
  });
}

type EditablePackField = 'name' | 'description' | 'tags';

/** Edits name, description or tags (the rules live in immutable versions). */
export async function updatePack(ctx: Context, input: UpdateEvaluationPackInput): Promise<EvaluationPack> {
  const workspaceId = workspaceOf(ctx);
  const name = input.name?.trim();
  if (name === '') throw new ValidationFailedError([{ path: 'input.name', message: 'must not be empty' }]);
  await getPack(ctx, input.id);
  return ctx.em.transactional(async (em) => {
    const pack = await lockPack(em, workspaceId, input.id);
    const requested = { name, description: input.description ?? undefined, tags: input.tags ?? undefined };
    const changed = (Object.keys(requested) as EditablePackField[]).filter((f) => requested[f] !== undefined && JSON.stringify(requested[f]) !== JSON.stringify(pack[f]));
    if (!changed.length) return pack;
    const before = Object.fromEntries(changed.map((f) => [f, pack[f]]));
    const after = Object.fromEntries(changed.map((f) => [f, requested[f]]));
    Object.assign(pack, after);
    recordAudit(em, ctx, { action: 'evaluationPack.update', subjectType: 'EvaluationPack', subjectId: pack.id, before, after });
    return pack;
  });
}

/** Deletes a pack and its versions; CONFLICT while any version is attached to a recipe or has evaluation results. */
export async function deletePack(ctx: Context, id: string): Promise<string> {
  const workspaceId = workspaceOf(ctx);
  await getPack(ctx, id);
  const inUse = (details: Record<string, unknown>) => new ConflictError(`EvaluationPack ${id} is in use (attached to recipes or referenced by evaluation results); it cannot be deleted`, details);
  try {
    return await ctx.em.transactional(async (em) => {
      const pack = await lockPack(em, workspaceId, id);
      const [usage] = (await em.execute(
        `select (select count(*) from recipe_pack_attachment a join evaluation_pack_version v on v.id = a.pack_version_id where v.pack_id = ?)::int as attachments,
                (select count(*) from evaluation_result r join evaluation_pack_version v on v.id = r.pack_version_id where v.pack_id = ?)::int as results`,
        [id, id],
      )) as { attachments: number; results: number }[];
      if (usage!.attachments || usage!.results) throw inUse({ ...usage });
      recordAudit(em, ctx, { action: 'evaluationPack.delete', subjectType: 'EvaluationPack', subjectId: id, before: { name: pack.name, family: pack.family } });
      await em.nativeDelete(EvaluationPack, { id });
      return id;
    });
  } catch (error) {
    // An evaluation or attachment committed between the check and the delete: the foreign keys refuse it.
    if (error instanceof ForeignKeyConstraintViolationException) throw inUse({});
    throw error;
  }
}

/** An immutable new version: semver bump from the highest version. Concurrent creators serialize on the pack row. */
export async function createPackVersion(ctx: Context, input: CreateEvaluationPackVersionInput): Promise<EvaluationPackVersion> {
  const workspaceId = workspaceOf(ctx);
  const rules = checkedRules(input.rules, 'input.rules');
  await getPack(ctx, input.packId);
  return ctx.em.transactional(async (em) => {
    const pack = await lockPack(em, workspaceId, input.packId);
    const [highest] = (await em.execute(
      `select version from evaluation_pack_version where pack_id = ? order by string_to_array(version, '.')::int[] desc limit 1`,
      [pack.id],
    )) as { version: string }[];
    const version = em.create(EvaluationPackVersion, {
      workspace: em.getReference(Workspace, workspaceId),
      pack,
      version: highest ? nextVersion(highest.version, input.bump) : '1.0.0',
      rules,
      changeNote: input.changeNote,
      author: ctx.caller.actor,
    });
    pack.updatedAt = new Date();
    recordAudit(em, ctx, { action: 'evaluationPack.version', subjectType: 'EvaluationPack', subjectId: pack.id, after: { versionId: version.id, version: version.version, rules } });
    return version;
  });
}

/** Attaches a pack version to a recipe of the pack's family; a duplicate or another family is CONFLICT. */
export async function attachPack(ctx: Context, recipeId: string, packVersionId: string): Promise<Recipe> {
  const workspaceId = workspaceOf(ctx);
  const recipe = await getOrNotFound(ctx, Recipe, recipeId, 'Recipe');
  const version = await getOrNotFound(ctx, EvaluationPackVersion, packVersionId, 'EvaluationPackVersion');
  const duplicate = () => new ConflictError(`EvaluationPackVersion ${packVersionId} is already attached to recipe ${recipeId}`, { recipeId, packVersionId });
  try {
    await ctx.em.transactional(async (em) => {
      // Shared lock: a concurrent deleteEvaluationPack waits, then sees the attachment.
      const pack = await lockPack(em, workspaceId, version.pack.id, LockMode.PESSIMISTIC_READ);
      if (pack.family !== recipe.family) {
        throw new ConflictError(`EvaluationPack "${pack.name}" is for ${pack.family} recipes; recipe ${recipe.id} is ${recipe.family}`, { packFamily: pack.family, recipeFamily: recipe.family });
      }
      if (await em.count(PackAttachment, { recipe: recipe.id, packVersion: version.id })) throw duplicate();
      em.create(PackAttachment, { workspace: em.getReference(Workspace, workspaceId), recipe: em.getReference(Recipe, recipe.id), packVersion: em.getReference(EvaluationPackVersion, version.id) });
      recordAudit(em, ctx, { action: 'recipe.attachPack', subjectType: 'Recipe', subjectId: recipe.id, after: { packVersionId, pack: pack.name, version: version.version } });
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicate();
    throw error;
  }
  return recipe;
}

/** Detaches a pack version from a recipe; NOT_FOUND when it is not attached. */
export async function detachPack(ctx: Context, recipeId: string, packVersionId: string): Promise<Recipe> {
  const workspaceId = workspaceOf(ctx);
  const recipe = await getOrNotFound(ctx, Recipe, recipeId, 'Recipe');
  const version = await getOrNotFound(ctx, EvaluationPackVersion, packVersionId, 'EvaluationPackVersion');
  await ctx.em.transactional(async (em) => {
    const deleted = await em.nativeDelete(PackAttachment, { workspace: workspaceId, recipe: recipe.id, packVersion: version.id });
    if (!deleted) {
      throw new DomainError('NOT_FOUND', `EvaluationPackVersion ${packVersionId} is not attached to recipe ${recipeId}`, { entity: 'PackAttachment', recipeId, packVersionId });
    }
    recordAudit(em, ctx, { action: 'recipe.detachPack', subjectType: 'Recipe', subjectId: recipe.id, before: { packVersionId, version: version.version } });
  });
  return recipe;
}

/**
 * Re-evaluates a SUCCEEDED run with the pack versions attached to its recipe now, storing new results
 * next to the earlier ones (CONFLICT for a run in any other status).
 */
export async function evaluateRun(ctx: Context, runId: string): Promise<EvaluationResult[]> {
  const workspaceId = workspaceOf(ctx);
  await getOrNotFound(ctx, Run, runId, 'Run');
  return ctx.em.transactional(async (em) => {
    const run = await em.findOneOrFail(Run, { id: runId, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (run.status !== RunStatus.SUCCEEDED) {
      throw new ConflictError(`Run ${run.id} is ${run.status}; only a SUCCEEDED run can be evaluated`, { current: run.status });
    }
    const model = await em.findOneOrFail(Model, run.model.id);
    const results = await evaluateRunIn(em, run, model);
    await em.flush();
    const after = { results: results.map((r) => ({ packVersionId: r.packVersion.id, status: r.status })) };
    recordAudit(em, ctx, { action: 'run.evaluate', subjectType: 'Run', subjectId: run.id, after });
    if (results.length) {
      const rows = results.map((r) => dehydrate(em, EvaluationResult, r));
      await emitEvent(em, workspaceId, 'EVALUATION_COMPLETED', { modelId: model.id, subjectId: run.id }, { runId: run.id, snapshotId: null, results: rows });
    }
    return results;
  });
}
