import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { materialize } from '../../platform/materialize.js';
import { containsPattern, countAll, cursorFor, findPage, type PageRequest, type Where } from '../../platform/pagination.js';
import { childrenLoader, getOrNotFound } from '../../platform/repository.js';
import { namedSort } from '../../platform/sorting.js';
import type { Model } from '../models/model.entity.js';
import type { MonitorSnapshot } from '../monitoring/monitor-snapshot.entity.js';
import type { Run } from '../runs/run.entity.js';
import { EvaluationKind } from './evaluation.enums.js';
import { evaluate, type MetricValue } from './evaluation.engine.js';
import type { EvaluationPackFilter, EvaluationPackOrder } from './evaluation.inputs.js';
import { EvaluationPack } from './evaluation-pack.entity.js';
import { EvaluationPackVersion } from './evaluation-pack-version.entity.js';
import { EvaluationResult } from './evaluation-result.entity.js';
import { PackAttachment } from './pack-attachment.entity.js';

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

export function resultsOfRun(ctx: Context, runId: string) {
  return childrenLoader(ctx, EvaluationResult, 'run', { createdAt: 'ASC' }).load(runId);
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
