import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../platform/context.js';
import type { EvaluationResult } from '../evaluation/evaluation-result.entity.js';
import type { Model } from '../models/model.entity.js';
import type { Run } from '../runs/run.entity.js';

// TODO(issue 3, arena): implement — called inside updateRunStatus's transaction after evaluation.

/** A run of `model` succeeded and was evaluated: auto-promote a challenger or raise PROMOTION_PENDING. */
export async function onRunSucceeded(_em: EntityManager, _ctx: Context, _run: Run, _model: Model, _results: EvaluationResult[]): Promise<void> {}
