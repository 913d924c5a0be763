import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { toConnection } from '../../platform/connection.js';
import { ConflictError, NotFoundError, type Problem, ValidationFailedError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { dehydrate } from '../../platform/materialize.js';
import { containsPattern, countAll, cursorFor, findPage, type PageRequest, type Where } from '../../platform/pagination.js';
import { getOrNotFound, isUuid } from '../../platform/repository.js';
import { namedSort } from '../../platform/sorting.js';
import { AlertSeverity, AlertType } from '../alerts/alert.enums.js';
import { raiseAlert } from '../alerts/alert.rules.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Model } from '../models/model.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { adopt } from './experiment-adoption.js';
import { deleteLinks, insertLinks, linkedModels, type LinkTargets } from './experiment-links.js';
import { Experiment } from './experiment.entity.js';
import { EXPERIMENT_TRANSITIONS, ExperimentStatus, FINAL_STATUSES } from './experiment.enums.js';
import type { CompleteExperimentInput, ExperimentFilter, ExperimentOrder, LinkExperimentInput, ProposeExperimentInput, UnlinkExperimentInput, UpdateExperimentInput } from './experiment.inputs.js';
import type { ExperimentCounts } from './experiment.types.js';
import { adoptedModels, completionProblems, linkProblems, proposalProblems, reasonProblems, toResults, unlinkProblems, updateProblems } from './experiment.validation.js';

// --- reads -----------------------------------------------------------------------------------

function experimentWhere(workspaceId: string, filter: ExperimentFilter | undefined): Where {
  return (qb) => {
    qb.where('t.workspace_id', workspaceId);
    if (filter?.statuses?.length) qb.whereIn('t.status', filter.statuses);
    if (filter?.modelId) {
      if (isUuid(filter.modelId)) qb.whereExists((sub) => sub.select(sub.client.raw('1')).from({ l: 'experiment_model' }).whereRaw('l.experiment_id = t.id').where('l.model_id', filter.modelId!));
      else qb.whereRaw('false');
    }
    if (filter?.search) {
      const pattern = containsPattern(filter.search);
      qb.where((or) => or.whereILike('t.name', pattern).orWhereILike('t.hypothesis', pattern));
    }
  };
}

export async function listExperiments(ctx: Context, filter: ExperimentFilter | undefined, order: ExperimentOrder, page: PageRequest) {
  const where = experimentWhere(workspaceOf(ctx), filter);
  const sort = namedSort(order.field, order.direction);
  const rows = await findPage(ctx.em, Experiment, where, sort, page);
  return toConnection(rows, page.first, page.after, cursorFor(sort), () => countAll(ctx.em, Experiment, where));
}

const BOARD_ORDER: readonly ExperimentStatus[] = [
  ExperimentStatus.PROPOSED,
  ExperimentStatus.APPROVED,
  ExperimentStatus.IN_PROGRESS,
  ExperimentStatus.SHADOW_TESTING,
  ExperimentStatus.COMPLETED,
  ExperimentStatus.REJECTED,
];

/** Experiments matching the filter per status (every status, zeros included), in one grouped statement. */
export async function experimentCounts(ctx: Context, filter: ExperimentFilter | undefined): Promise<ExperimentCounts> {
  const knex = ctx.em.getKnex();
  const qb = knex.select('t.status', knex.raw('count(*)::int as count')).from({ t: 'experiment' }).groupBy('t.status');
  experimentWhere(workspaceOf(ctx), filter)(qb);
  const rows = (await ctx.em.execute(qb)) as { status: ExperimentStatus; count: number }[];
  return {
    total: rows.reduce((sum, r) => sum + r.count, 0),
    byStatus: BOARD_ORDER.map((status) => ({ status, count: rows.find((r) => r.status === status)?.count ?? 0 })),
  };
}

export function getExperiment(ctx: Context, id: string) {
  return getOrNotFound(ctx, Experiment, id, 'Experiment');
}

// --- rules -----------------------------------------------------------------------------------

/** An experiment of the workspace, row-locked until the transaction ends (NOT_FOUND otherwise). */
async function lockExperiment(em: EntityManager, workspaceId: string, id: string): Promise<Experiment> {
  const experiment = isUuid(id) ? await em.findOne(Experiment, { id, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  if (!experiment) throw new NotFoundError('Experiment', id);
  return experiment;
}

function assertTransition(experiment: Experiment, requested: ExperimentStatus): void {
  if (!EXPERIMENT_TRANSITIONS[experiment.status].includes(requested)) {
    throw new ConflictError(`Experiment ${experiment.id} is ${experiment.status}; it cannot become ${requested}`, { current: experiment.status, requested });
  }
}

/** Links, texts and results change only until the experiment is COMPLETED or REJECTED. */
function assertOpen(experiment: Experiment, what: string): void {
  if (FINAL_STATUSES.includes(experiment.status)) {
    throw new ConflictError(`Experiment ${experiment.id} is ${experiment.status}; its ${what} can no longer change`, { current: experiment.status });
  }
}

function check(problems: Problem[]): void {
  if (problems.length) throw new ValidationFailedError(problems);
}

/** Outbox event for `experimentUpdated` subscribers (published after commit); flushes first so the payload carries the committed row. */
async function emitExperimentUpdated(em: EntityManager, experiment: Experiment, change: string): Promise<void> {
  await em.flush();
  await emitEvent(em, experiment.workspace.id, 'EXPERIMENT_UPDATED', { subjectId: experiment.id }, {
    experimentId: experiment.id,
    change,
    status: experiment.status,
    experiment: dehydrate(em, Experiment, experiment),
  });
}

/** Runs `change` on the locked experiment in one transaction; `change` returns what the audit event records. */
function inExperiment<T = Experiment>(ctx: Context, id: string, change: (em: EntityManager, experiment: Experiment) => Promise<T>): Promise<T> {
  const workspaceId = workspaceOf(ctx);
  return ctx.em.transactional(async (em) => change(em, await lockExperiment(em, workspaceId, id)));
}

type Verb = 'approve' | 'reject' | 'start' | 'shadow' | 'complete';

/**
 * One workflow step: checks the transition (CONFLICT naming both states), applies `stamp`, records the
 * `experiment.<verb>` audit event (before/after status, the actor, the note or rationale as reason) and
 * emits EXPERIMENT_UPDATED, all in one transaction.
 */
function step(
  ctx: Context,
  id: string,
  to: ExperimentStatus,
  verb: Verb,
  reason: string | undefined,
  stamp: (em: EntityManager, experiment: Experiment, at: Date) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void,
): Promise<Experiment> {
  return inExperiment(ctx, id, async (em, experiment) => {
    assertTransition(experiment, to);
    const before = experiment.status;
    const after = (await stamp(em, experiment, new Date())) ?? {};
    experiment.status = to;
    recordAudit(em, ctx, { action: `experiment.${verb}`, subjectType: 'Experiment', subjectId: experiment.id, before: { status: before }, after: { status: to, ...after }, reason });
    await emitExperimentUpdated(em, experiment, verb);
    return experiment;
  });
}

const trimmed = (value: string | null | undefined) => value?.trim() || undefined;

// --- writes ----------------------------------------------------------------------------------

/** A PROPOSED experiment owned by the caller, with its first links; audited as `experiment.propose`. */
export async function proposeExperiment(ctx: Context, input: ProposeExperimentInput): Promise<Experiment> {
  check(proposalProblems(input));
  const workspaceId = workspaceOf(ctx);
  return ctx.em.transactional(async (em) => {
    const experiment = em.create(Experiment, {
      workspace: em.getReference(Workspace, workspaceId),
      name: input.name.trim(),
      hypothesis: input.hypothesis.trim(),
      targetMetric: input.targetMetric.trim(),
      expectedImprovement: input.expectedImprovement,
      description: input.description.trim(),
      owner: ctx.caller.actor,
    });
    await em.flush();
    const links: LinkTargets = { models: input.models ?? [], runIds: input.runIds ?? [], abTestIds: input.abTestIds ?? [] };
    const linked = await insertLinks(em, workspaceId, experiment.id, links);
    recordAudit(em, ctx, {
      action: 'experiment.propose',
      subjectType: 'Experiment',
      subjectId: experiment.id,
      after: { status: experiment.status, name: experiment.name, targetMetric: experiment.targetMetric, expectedImprovement: experiment.expectedImprovement, ...linked },
    });
    await emitExperimentUpdated(em, experiment, 'propose');
    return experiment;
  });
}

export function approveExperiment(ctx: Context, id: string, note: string | null | undefined): Promise<Experiment> {
  check(reasonProblems('note', note, null));
  const why = trimmed(note);
  return step(ctx, id, ExperimentStatus.APPROVED, 'approve', why, (_em, e, at) => {
    Object.assign(e, { approvedAt: at, approvedBy: ctx.caller.actor, approvalNote: why ?? null });
  });
}

export function rejectExperiment(ctx: Context, id: string, rationale: string): Promise<Experiment> {
  check(reasonProblems('rationale', rationale, 'reject an experiment'));
  const why = trimmed(rationale)!;
  return step(ctx, id, ExperimentStatus.REJECTED, 'reject', why, (_em, e, at) => {
    Object.assign(e, { rejectedAt: at, rejectedBy: ctx.caller.actor, rationale: why });
  });
}

export function startExperiment(ctx: Context, id: string): Promise<Experiment> {
  return step(ctx, id, ExperimentStatus.IN_PROGRESS, 'start', undefined, (_em, e, at) => {
    Object.assign(e, { startedAt: at, startedBy: ctx.caller.actor });
  });
}

export function startShadowTesting(ctx: Context, id: string): Promise<Experiment> {
  return step(ctx, id, ExperimentStatus.SHADOW_TESTING, 'shadow', undefined, (_em, e, at) => {
    Object.assign(e, { shadowStartedAt: at, shadowStartedBy: ctx.caller.actor });
  });
}

/**
 * IN_PROGRESS | SHADOW_TESTING → COMPLETED with the decision, rationale and results. The adopted
 * candidates are promoted (see experiment-adoption.ts) in the same transaction: if any promotion is
 * refused, nothing is written. Raises EXPERIMENT_COMPLETE (INFO).
 */
export function completeExperiment(ctx: Context, input: CompleteExperimentInput): Promise<Experiment> {
  check(completionProblems(input));
  const rationale = input.rationale.trim();
  return step(ctx, input.id, ExperimentStatus.COMPLETED, 'complete', rationale, async (em, e, at) => {
    const { ids, problems } = adoptedModels(input, await linkedModels(em, e.id));
    check(problems);
    const { adoptions, first } = await adopt(em, ctx, ids, `Experiment "${e.name}" (${input.decision}): ${rationale}`);
    Object.assign(e, {
      decision: input.decision,
      rationale,
      results: toResults(input.results ?? []),
      resultsSummary: trimmed(input.resultsSummary) ?? null,
      adoptions,
      completedAt: at,
      completedBy: ctx.caller.actor,
    });
    await raiseExperimentComplete(em, ctx, e, first, adoptions.length, at);
    return { decision: input.decision, adopted: adoptions.map((a) => ({ model: a.modelId, outcome: a.outcome, arena: a.arenaId })) };
  });
}

/** EXPERIMENT_COMPLETE (INFO), on the first adopted model (none for REJECT), one per experiment. */
async function raiseExperimentComplete(em: EntityManager, ctx: Context, experiment: Experiment, first: Model | null, adopted: number, at: Date) {
  const what = adopted ? `${adopted} model${adopted === 1 ? '' : 's'} adopted` : 'no model adopted';
  return raiseAlert(em, ctx, first, {
    type: AlertType.EXPERIMENT_COMPLETE,
    severity: AlertSeverity.INFO,
    dedupKey: `${AlertType.EXPERIMENT_COMPLETE}:${experiment.id}`,
    title: `Experiment completed: ${experiment.name}`,
    message: `Decision ${experiment.decision} (${what}): ${experiment.rationale}`,
  }, at);
}

type EditableField = 'name' | 'hypothesis' | 'targetMetric' | 'expectedImprovement' | 'description';

/** Changes the texts of an experiment that is not COMPLETED or REJECTED (CONFLICT otherwise); audited with before/after of the changed fields. */
export function updateExperiment(ctx: Context, input: UpdateExperimentInput): Promise<Experiment> {
  check(updateProblems(input));
  const requested: Record<EditableField, string | number | undefined> = {
    name: input.name?.trim(),
    hypothesis: input.hypothesis?.trim(),
    targetMetric: input.targetMetric?.trim(),
    expectedImprovement: input.expectedImprovement ?? undefined,
    description: input.description?.trim(),
  };
  return inExperiment(ctx, input.id, async (em, experiment) => {
    assertOpen(experiment, 'details');
    const before: Partial<Record<EditableField, string | number>> = {};
    const after: Partial<Record<EditableField, string | number>> = {};
    for (const field of Object.keys(requested) as EditableField[]) {
      const value = requested[field];
      if (value === undefined || value === experiment[field]) continue;
      before[field] = experiment[field];
      after[field] = value;
    }
    if (!Object.keys(after).length) return experiment;
    Object.assign(experiment, after);
    recordAudit(em, ctx, { action: 'experiment.update', subjectType: 'Experiment', subjectId: experiment.id, before, after });
    await emitExperimentUpdated(em, experiment, 'details');
    return experiment;
  });
}

/** Links models (with their roles), runs and A/B tests of the workspace (NOT_FOUND otherwise) while the experiment is open; audited as `experiment.link`. */
export function linkExperiment(ctx: Context, input: LinkExperimentInput): Promise<Experiment> {
  check(linkProblems(input));
  return inExperiment(ctx, input.id, async (em, experiment) => {
    assertOpen(experiment, 'links');
    const after = await insertLinks(em, experiment.workspace.id, experiment.id, { models: input.models ?? [], runIds: input.runIds ?? [], abTestIds: input.abTestIds ?? [] });
    experiment.updatedAt = new Date();
    recordAudit(em, ctx, { action: 'experiment.link', subjectType: 'Experiment', subjectId: experiment.id, after });
    await emitExperimentUpdated(em, experiment, 'links');
    return experiment;
  });
}

/** Removes links while the experiment is open; an id that is not linked is a VALIDATION_FAILED problem and nothing is removed. Audited as `experiment.unlink`. */
export function unlinkExperiment(ctx: Context, input: UnlinkExperimentInput): Promise<Experiment> {
  check(unlinkProblems(input));
  return inExperiment(ctx, input.id, async (em, experiment) => {
    assertOpen(experiment, 'links');
    const { removed, problems } = await deleteLinks(em, experiment.id, input);
    check(problems);
    experiment.updatedAt = new Date();
    recordAudit(em, ctx, { action: 'experiment.unlink', subjectType: 'Experiment', subjectId: experiment.id, before: removed });
    await emitExperimentUpdated(em, experiment, 'links');
    return experiment;
  });
}
