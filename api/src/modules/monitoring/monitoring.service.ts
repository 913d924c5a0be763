import DataLoader from 'dataloader';
import { type Context, workspaceOf } from '../../platform/context.js';
import { randomUUID } from 'node:crypto';
import { BadInputError, ConflictError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { dehydrate } from '../../platform/materialize.js';
import { EvaluationResult } from '../evaluation/evaluation-result.entity.js';
import { claimIdempotencyKey } from '../../platform/idempotency.js';
import { argsKey } from '../../platform/loaders.js';
import { materialize } from '../../platform/materialize.js';
import { getOrNotFound } from '../../platform/repository.js';
import { raiseMonitorAlerts } from '../alerts/alert.rules.js';
import { evaluateSnapshotIn } from '../evaluation/evaluation.service.js';
import { Model } from '../models/model.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { MonitorSnapshot } from './monitor-snapshot.entity.js';
import type { RecordMonitorSnapshotInput } from './monitoring.inputs.js';

export interface SnapshotWindow {
  from?: Date;
  to?: Date;
  /** Only the newest `last` snapshots of the window. */
  last?: number;
}

/** Snapshots of each model in the window, oldest first (one statement per batch of models). */
export function snapshotsOfModel(ctx: Context, modelId: string, window: SnapshotWindow): Promise<MonitorSnapshot[]> {
  if (window.last !== undefined && (!Number.isInteger(window.last) || window.last < 0 || window.last > 10_000)) {
    throw new BadInputError('last must be an integer between 0 and 10000', { argument: 'last' });
  }
  const loader = ctx.loaders.get(`snapshots:${argsKey(window)}`, () => {
    const workspaceId = workspaceOf(ctx);
    return new DataLoader<string, MonitorSnapshot[]>(async (ids) => {
      const knex = ctx.em.getKnex();
      const inner = knex
        .select('s.*', knex.raw('row_number() over (partition by s.model_id order by s.recorded_at desc, s.id desc) as "__rn"'))
        .from({ s: 'monitor_snapshot' })
        .whereIn('s.model_id', [...ids])
        .andWhere('s.workspace_id', workspaceId);
      if (window.from) inner.andWhere('s.recorded_at', '>=', window.from);
      if (window.to) inner.andWhere('s.recorded_at', '<=', window.to);
      const qb = knex.select('*').from(inner.as('w'));
      if (window.last !== undefined) qb.where('__rn', '<=', window.last);
      qb.orderBy([{ column: 'model_id' }, { column: 'recorded_at' }, { column: 'id' }]);
      const rows = (await ctx.em.execute(qb)) as Record<string, unknown>[];
      const byModel = new Map<string, MonitorSnapshot[]>(ids.map((id) => [id, []]));
      for (const snapshot of materialize(ctx.em, MonitorSnapshot, rows)) byModel.get(snapshot.model.id)?.push(snapshot);
      return ids.map((id) => byModel.get(id) ?? []);
    });
  });
  return loader.load(modelId);
}

export function getSnapshot(ctx: Context, id: string) {
  return getOrNotFound(ctx, MonitorSnapshot, id, 'MonitorSnapshot');
}

/** Stores a snapshot and its monitor evaluation results in one transaction. */
export async function recordMonitorSnapshot(ctx: Context, input: RecordMonitorSnapshotInput): Promise<MonitorSnapshot> {
  const workspaceId = workspaceOf(ctx);
  await getOrNotFound(ctx, Model, input.modelId, 'Model');
  const recordedAt = input.recordedAt ?? new Date();
  if (input.freshness.lastDataAt.getTime() > recordedAt.getTime() + 60_000) {
    throw new BadInputError('freshness.lastDataAt is after the snapshot time', { argument: 'input.freshness.lastDataAt' });
  }
  return ctx.em.transactional(async (em) => {
    const model = await em.findOneOrFail(Model, { id: input.modelId, workspace: workspaceId });
    const id = randomUUID();
    if (input.idempotencyKey) {
      const first = await claimIdempotencyKey(em, workspaceId, 'recordMonitorSnapshot', input.idempotencyKey, id);
      if (first) {
        const existing = await em.findOneOrFail(MonitorSnapshot, { id: first, workspace: workspaceId });
        if (existing.model.id !== model.id) throw new ConflictError(`Idempotency key ${input.idempotencyKey} was already used for a snapshot of another model`, { snapshotId: first });
        return existing;
      }
    }
    const snapshot = em.create(MonitorSnapshot, {
      id,
      workspace: em.getReference(Workspace, workspaceId),
      model,
      recordedAt,
      performance: input.performance.map((m) => ({ key: m.key, value: m.value })),
      drift: input.drift.map((d) => ({ feature: d.feature, method: d.method, score: d.score, pValue: d.pValue ?? null, threshold: d.threshold, drifted: d.drifted })),
      lastDataAt: input.freshness.lastDataAt,
      freshnessLimitHours: input.freshness.limitHours,
      rowCount: input.rowCount,
    });
    const results = await evaluateSnapshotIn(em, snapshot, model, recordedAt);
    await em.flush();
    await raiseMonitorAlerts(em, ctx, snapshot, model, results, recordedAt);
    await emitEvent(em, workspaceId, 'MONITOR_SNAPSHOT_RECORDED', { modelId: model.id, subjectId: snapshot.id }, { snapshotId: snapshot.id, snapshot: dehydrate(em, MonitorSnapshot, snapshot) });
    if (results.length) {
      const rows = results.map((r) => dehydrate(em, EvaluationResult, r));
      await emitEvent(em, workspaceId, 'EVALUATION_COMPLETED', { modelId: model.id, subjectId: snapshot.id }, { runId: null, snapshotId: snapshot.id, results: rows });
    }
    return snapshot;
  });
}
