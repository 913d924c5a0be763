import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../platform/context.js';
import type { EvaluationResult } from '../evaluation/evaluation-result.entity.js';
import type { Model } from '../models/model.entity.js';
import type { MonitorSnapshot } from '../monitoring/monitor-snapshot.entity.js';
import type { Run } from '../runs/run.entity.js';
import type { Alert } from './alert.entity.js';

// TODO(issue 3, alerts): implement — called inside the writer's transaction.

/** RUN_FAILED when a run fails. */
export async function raiseRunFailedAlert(_em: EntityManager, _ctx: Context, _run: Run, _model: Model, _at: Date): Promise<Alert | null> {
  return null;
}

/** PERFORMANCE_DEGRADED (monitor evaluation FAIL → CRITICAL, WARN → WARNING) and DATA_STALE (lag over the manifest's limit). */
export async function raiseMonitorAlerts(_em: EntityManager, _ctx: Context, _snapshot: MonitorSnapshot, _model: Model, _results: EvaluationResult[], _at: Date): Promise<Alert[]> {
  return [];
}
