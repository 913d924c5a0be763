import type { FamilyDefinition, MetricValues, RunPlan } from '../spec.js';
import type { Direction, SeedRun } from '../types.js';
import { type Rng, roundMetric } from '../util.js';

export type HistoryPoint = SeedRun['history'][number];

/** The main stage (curve points, backtest windows) runs over this part of a run's planned wall time. */
export const STAGE_START = 0.1;
export const STAGE_END = 0.9;
/** Nothing is recorded in the last moments before a failure (left for the WARN and ERROR lines). */
export const FAILURE_MARGIN = 0.005;

/** Where the run sits in time, and when it stopped (fraction of planned wall time; 1 = completed). */
export interface RunSpan {
  startedAt: Date;
  plannedMs: number;
  stopAt: number;
}

/**
 * Exponential approach from `from` (x = 0) to exactly `to` (x = 1):
 * the shape of a loss or validation curve.
 */
function converge(from: number, to: number, x: number, rate = 4.5): number {
  const shape = (Math.exp(-rate * x) - Math.exp(-rate)) / (1 - Math.exp(-rate));
  return to + (from - to) * shape;
}

/** Shifts values so that their mean is exactly `target`. */
function centerOn(values: number[], target: number): number[] {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return values.map((v) => v + (target - mean));
}

function directionOf(def: FamilyDefinition, key: string): Direction {
  return def.pack.rules.find((rule) => rule.key === key)?.direction ?? 'LOWER_IS_BETTER';
}

/** Turns one curve's values into history points, keeping only those recorded before the run stopped. */
function toPoints(def: FamilyDefinition, key: string, values: number[], stepSize: number, span: RunSpan): HistoryPoint[] {
  const points: HistoryPoint[] = [];
  const cutoff = span.stopAt < 1 ? span.stopAt - FAILURE_MARGIN : 1;
  values.forEach((value, i) => {
    const at = STAGE_START + (STAGE_END - STAGE_START) * ((i + 1) / values.length);
    if (at > cutoff) return;
    points.push({
      key,
      step: (i + 1) * stepSize,
      value: roundMetric(value, def.metricDecimals?.[key]),
      recordedAt: new Date(span.startedAt.getTime() + span.plannedMs * at),
    });
  });
  return points;
}

function trainHistory(def: FamilyDefinition, targets: MetricValues, span: RunSpan, rng: Rng): HistoryPoint[] {
  const { points, stepSize, losses, validation } = def.history.train;
  const curve = (from: number, to: number, noise: number) =>
    Array.from({ length: points }, (_, i) => {
      const value = converge(from, to, i / (points - 1));
      return i === points - 1 ? value : rng.jitter(value, noise);
    });
  const target = targets[validation.metric];
  if (target === undefined) throw new Error(`${def.slug}: no target for val_${validation.metric}`);
  return [
    ...losses.flatMap((loss) => toPoints(def, loss.key, curve(loss.from, loss.to, 0.012), stepSize, span)),
    ...toPoints(def, `val_${validation.metric}`, curve(validation.start, target, 0.015), stepSize, span),
  ];
}

function evalHistory(def: FamilyDefinition, targets: MetricValues, span: RunSpan, rng: Rng): HistoryPoint[] {
  const { points, metrics } = def.history.eval;
  return metrics.flatMap((key) => {
    const target = targets[key];
    if (target === undefined) throw new Error(`${def.slug}: no target for eval metric ${key}`);
    const values = centerOn(Array.from({ length: points }, () => rng.jitter(target, 0.06)), target);
    return toPoints(def, key, values, 1, span);
  });
}

function backtestHistory(def: FamilyDefinition, plan: RunPlan, targets: MetricValues, span: RunSpan, rng: Rng): HistoryPoint[] {
  const { windows, metrics, extra } = def.history.backtest;
  const trend = plan.windowTrend ?? 0.08;
  return metrics.flatMap((key) => {
    const base = targets[key] ?? extra[key];
    if (base === undefined) throw new Error(`${def.slug}: no base value for backtest metric ${key}`);
    const worse = directionOf(def, key) === 'LOWER_IS_BETTER' ? 1 : -1;
    const values = Array.from({ length: windows }, (_, w) => {
      const x = w / (windows - 1) - 0.5;
      return rng.jitter(base * (1 + worse * trend * x), 0.04);
    });
    return toPoints(def, key, centerOn(values, base), 1, span);
  });
}

/** Metric history for curves: loss/validation by step (TRAIN), by day (EVAL), by window (BACKTEST). */
export function buildHistory(def: FamilyDefinition, plan: RunPlan, span: RunSpan, rng: Rng): HistoryPoint[] {
  const targets = plan.metrics ?? def.referenceMetrics;
  switch (plan.type) {
    case 'TRAIN':
      return trainHistory(def, targets, span, rng);
    case 'EVAL':
      return evalHistory(def, targets, span, rng);
    case 'BACKTEST':
      return backtestHistory(def, plan, targets, span, rng);
  }
}
