import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { type Context, workspaceOf } from '../../platform/context.js';
import { ConflictError, DomainError, ValidationFailedError } from '../../platform/errors.js';
import { childrenLoader, getOrNotFound } from '../../platform/repository.js';
import { datasetNameOf } from '../../ml/registry.js';
import { recordAudit } from '../audit/audit.service.js';
import { Model } from '../models/model.entity.js';
import { registerModelIn } from '../models/model.service.js';
import { Recipe } from '../recipes/recipe.entity.js';
import { RecipeVersion } from '../recipes/recipe-version.entity.js';
import { BacktestWindow } from '../runs/run-detail.entities.js';
import { Run } from '../runs/run.entity.js';
import { RunStatus, RunType } from '../runs/run.enums.js';
import { emitRunUpdated, lockRun, settleRetraining } from '../runs/run.service.js';
import { RetrainingEvent } from '../schedules/schedule.entity.js';
import { RetrainingOutcome } from '../schedules/schedule.enums.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { DatasetSize, type QueueRunInput } from './job.inputs.js';

function queueOf(ctx: Context) {
  if (!ctx.queue) throw new DomainError('UNAVAILABLE', 'The job queue is not running in this API process');
  return ctx.queue;
}

/** The model a queued run belongs to: the given one, or a DRAFT model registered from the given recipe version. */
async function targetModel(ctx: Context, input: QueueRunInput): Promise<{ model: Model | null; version: RecipeVersion; recipe: Recipe }> {
  if (!!input.modelId === !!input.recipeVersionId) {
    throw new ValidationFailedError([{ path: 'input', message: 'give exactly one of modelId and recipeVersionId' }]);
  }
  if (input.modelId) {
    const model = await getOrNotFound(ctx, Model, input.modelId, 'Model');
    const version = await getOrNotFound(ctx, RecipeVersion, model.recipeVersion.id, 'RecipeVersion');
    return { model, version, recipe: await getOrNotFound(ctx, Recipe, model.recipe.id, 'Recipe') };
  }
  const version = await getOrNotFound(ctx, RecipeVersion, input.recipeVersionId!, 'RecipeVersion');
  return { model: null, version, recipe: await getOrNotFound(ctx, Recipe, version.recipe.id, 'Recipe') };
}

/**
 * Creates a QUEUED run and its job in one transaction (the job is sent on the same connection), so
 * a run never waits for a job that was not sent, and a job never points at a run that rolled back.
 */
export async function queueRun(ctx: Context, input: QueueRunInput): Promise<Run> {
  const workspaceId = workspaceOf(ctx);
  const queue = queueOf(ctx);
  const { model, version, recipe } = await targetModel(ctx, input);
  const datasetName = datasetNameOf(recipe.family);
  if (input.dataset?.name && input.dataset.name !== datasetName) {
    throw new ValidationFailedError([{ path: 'input.dataset.name', message: `${recipe.family} runs use the data set ${datasetName}` }]);
  }
  const dataset = { name: datasetName, seed: input.dataset?.seed ?? 1, size: input.dataset?.size ?? DatasetSize.DEFAULT };
  const existing = async () => (input.idempotencyKey ? ctx.em.fork({ keepTransactionContext: true }).findOne(Run, { workspace: workspaceId, idempotencyKey: input.idempotencyKey }) : null);
  const previous = await existing();
  if (previous) return previous;
  try {
    return await ctx.em.transactional(async (em) => {
      const owner = model ?? (await registerModelIn(em, ctx, version, recipe, { name: input.modelName?.trim() || `${recipe.name} ${version.version}`, description: 'Registered to queue a run.', owner: ctx.caller.actor }));
      const run = em.create(Run, {
        workspace: em.getReference(Workspace, workspaceId),
        model: em.getReference(Model, owner.id),
        recipe: em.getReference(Recipe, recipe.id),
        recipeVersion: em.getReference(RecipeVersion, owner.recipeVersion.id),
        type: input.type,
        status: RunStatus.QUEUED,
        trigger: input.trigger,
        params: (input.params ?? []).map((p) => ({ key: p.key, value: p.value })),
        idempotencyKey: input.idempotencyKey,
        dataset,
      });
      await em.flush();
      run.jobId = await queue.sendRun(em, { runId: run.id, workspaceId });
      if (run.type === RunType.TRAIN) {
        em.create(RetrainingEvent, { workspace: em.getReference(Workspace, workspaceId), model: em.getReference(Model, owner.id), run, trigger: run.trigger, occurredAt: run.createdAt });
      }
      recordAudit(em, ctx, { action: 'run.queue', subjectType: 'Run', subjectId: run.id, before: undefined, after: { type: run.type, trigger: run.trigger, dataset, modelId: owner.id } });
      await em.flush();
      await emitRunUpdated(em, workspaceId, run);
      return run;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      const winner = await existing();
      if (winner) return winner;
    }
    throw error;
  }
}

/**
 * Stops a run: a QUEUED run is CANCELLED at once (its job is cancelled in the same transaction); a
 * RUNNING run of the worker is asked to stop and becomes CANCELLED at the worker's next step.
 */
export async function cancelRun(ctx: Context, runId: string): Promise<Run> {
  const workspaceId = workspaceOf(ctx);
  await getOrNotFound(ctx, Run, runId, 'Run');
  return ctx.em.transactional(async (em) => {
    const run = await lockRun(em, workspaceId, runId);
    const before = { status: run.status };
    if (run.status === RunStatus.QUEUED) {
      run.status = RunStatus.CANCELLED;
      run.finishedAt = new Date();
      if (run.jobId) await queueOf(ctx).cancel(em, run.jobId);
      await settleRetraining(em, run.id, RetrainingOutcome.RUN_CANCELLED, 'Cancelled before it started');
    } else if (run.status === RunStatus.RUNNING && run.jobId) {
      run.cancelRequestedAt ??= new Date();
    } else if (run.status === RunStatus.RUNNING) {
      throw new ConflictError(`Run ${run.id} is reported from outside Modelyard; its pipeline sets its status (updateRunStatus)`, { current: run.status });
    } else {
      throw new ConflictError(`Run ${run.id} is ${run.status}; only a QUEUED or RUNNING run can be cancelled`, { current: run.status, requested: RunStatus.CANCELLED });
    }
    recordAudit(em, ctx, { action: 'run.cancel', subjectType: 'Run', subjectId: run.id, before, after: { status: run.status, cancelRequestedAt: run.cancelRequestedAt ?? null } });
    await em.flush();
    await emitRunUpdated(em, workspaceId, run);
    return run;
  });
}

/** `Run.backtestWindows`: one statement for every run of the request. */
export function backtestWindowsOf(ctx: Context, runId: string) {
  return childrenLoader(ctx, BacktestWindow, 'run', { index: 'ASC' }).load(runId);
}
