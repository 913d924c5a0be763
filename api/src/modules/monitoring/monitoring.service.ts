import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
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
import type { FeatureDrift } from './monitoring.types.js';
import type { MetricValue } from '../runs/key-value.types.js';
import type { RecordMonitorSnapshotInput } from './monitoring.inputs.js';

export interface SnapshotWindow {
  from?: Date;
  to?: Date;
  /** Only the newest `last` snapshots of the window. */
  last?: number;
  /** true: only snapshots with computed drift (`dataset_drifted` set); false: only reported ones. */
  computed?: boolean;
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
      if (window.computed === true) inner.whereNotNull('s.dataset_drifted');
      if (window.computed === false) inner.whereNull('s.dataset_drifted');
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

/** What a snapshot records (the drift either reported by the client or computed from a sample). */
export interface SnapshotDraft {
  recordedAt: Date;
  performance: MetricValue[];
  drift: FeatureDrift[];
  lastDataAt: Date;
  freshnessLimitHours: number;
  rowCount: number;
  /** Computed drift only: whether the data set drifted. */
  datasetDrifted?: boolean;
}

export interface StoreOptions {
  /** The operation the idempotency key belongs to. */
  operation: string;
  idempotencyKey?: string;
  /** Evaluate the performance with the attached packs (monitor evaluation results and PERFORMANCE_DEGRADED). */
  evaluate: boolean;
  /** More reactions in the same transaction, before the events are emitted (drift alerts, retrains). */
  react?: (em: EntityManager, snapshot: MonitorSnapshot, model: Model) => Promise<void>;
}

/**
 * Stores a snapshot in one transaction: the snapshot, its monitor evaluation, the monitor alerts
 * (PERFORMANCE_DEGRADED, DATA_STALE), the caller's reactions, then MONITOR_SNAPSHOT_RECORDED and
 * EVALUATION_COMPLETED. A retry with the same idempotency key returns the first snapshot and writes nothing.
 */
export async function storeSnapshot(ctx: Context, modelId: string, draft: SnapshotDraft, options: StoreOptions): Promise<MonitorSnapshot> {
  const workspaceId = workspaceOf(ctx);
  return ctx.em.transactional(async (em) => {
    const model = await em.findOneOrFail(Model, { id: modelId, workspace: workspaceId });
    const id = randomUUID();
    if (options.idempotencyKey) {
      const first = await claimIdempotencyKey(em, workspaceId, options.operation, options.idempotencyKey, id);
      if (first) {
        const existing = await em.findOneOrFail(MonitorSnapshot, { id: first, workspace: workspaceId });
        if (existing.model.id !== model.id) throw new ConflictError(`Idempotency key ${options.idempotencyKey} was already used for a snapshot of another model`, { snapshotId: first });
        return existing;
      }
    }
    const snapshot = em.create(MonitorSnapshot, {
      id,
      workspace: em.getReference(Workspace, workspaceId),
      model,
      recordedAt: draft.recordedAt,
      performance: draft.performance,
      drift: draft.drift,
      lastDataAt: draft.lastDataAt,
      freshnessLimitHours: draft.freshnessLimitHours,
      rowCount: draft.rowCount,
      datasetDrifted: draft.datasetDrifted,
    });
    const results = options.evaluate ? await evaluateSnapshotIn(em, snapshot, model, draft.recordedAt) : [];
    await em.flush();
    await raiseMonitorAlerts(em, ctx, snapshot, model, results, draft.recordedAt);
    if (options.react) {
      await options.react(em, snapshot, model);
      await em.flush();
    }
    await emitEvent(em, workspaceId, 'MONITOR_SNAPSHOT_RECORDED', { modelId: model.id, subjectId: snapshot.id }, { snapshotId: snapshot.id, snapshot: dehydrate(em, MonitorSnapshot, snapshot) });
    if (results.length) {
      const rows = results.map((r) => dehydrate(em, EvaluationResult, r));
      await emitEvent(em, workspaceId, 'EVALUATION_COMPLETED', { modelId: model.id, subjectId: snapshot.id }, { runId: null, snapshotId: snapshot.id, results: rows });
    }
    return snapshot;
  });
}

/** Checks the snapshot time against the newest data time (a minute of clock skew allowed). */
export function checkFreshness(lastDataAt: Date, recordedAt: Date): void {
  if (lastDataAt.getTime() > recordedAt.getTime() + 60_000) {
    throw new BadInputError('freshness.lastDataAt is after the snapshot time', { argument: 'input.freshness.lastDataAt' });
  }
}

/** Stores a snapshot whose drift the client computed, and its monitor evaluation results, in one transaction. */
export async function recordMonitorSnapshot(ctx: Context, input: RecordMonitorSnapshotInput): Promise<MonitorSnapshot> {
  await getOrNotFound(ctx, Model, input.modelId, 'Model');
  const recordedAt = input.recordedAt ?? new Date();
  checkFreshness(input.freshness.lastDataAt, recordedAt);
  return storeSnapshot(
    ctx,
    input.modelId,
    {
      recordedAt,
      performance: input.performance.map((m) => ({ key: m.key, value: m.value })),
      drift: input.drift.map((d) => ({ feature: d.feature, method: d.method, score: d.score, pValue: d.pValue ?? null, threshold: d.threshold, drifted: d.drifted })),
      lastDataAt: input.freshness.lastDataAt,
      freshnessLimitHours: input.freshness.limitHours,
      rowCount: input.rowCount,
    },
    { operation: 'recordMonitorSnapshot', idempotencyKey: input.idempotencyKey, evaluate: true },
  );
}
