import type { BacktestTrend } from '../modules/alerts/alert.rules.js';
import type { BacktestWindow } from '../ml/types.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The default tolerance when the manifest states none: the latest windows may be 10 % worse. */
export const DEFAULT_BACKTEST_TOLERANCE = 0.1;

/**
 * Compares the latest third of a backtest's windows (at least one) with the windows before them on
 * the manifest's primary metric (`evaluation.primary_metric`, direction from `evaluation.metrics`).
 * Tolerance: `evaluation.validation.degradation_tolerance`, else 10 %. Null when there are fewer
 * than two windows or the metric is missing or zero in the earlier windows.
 */
export function backtestTrend(manifest: Json, windows: readonly BacktestWindow[]): BacktestTrend | null {
  const evaluation = isObject(manifest.evaluation) ? manifest.evaluation : {};
  const metric = typeof evaluation.primary_metric === 'string' ? evaluation.primary_metric : null;
  if (!metric || windows.length < 2) return null;
  const rules: unknown[] = Array.isArray(evaluation.metrics) ? evaluation.metrics : [];
  const rule = rules.find((r): r is Json => isObject(r) && r.key === metric);
  const higherIsBetter = rule?.direction === 'HIGHER_IS_BETTER';
  const validation = isObject(evaluation.validation) ? evaluation.validation : {};
  const tolerance = typeof validation.degradation_tolerance === 'number' && validation.degradation_tolerance >= 0 ? validation.degradation_tolerance : DEFAULT_BACKTEST_TOLERANCE;

  const values = windows.map((w) => w.metrics[metric]);
  if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) return null;
  const latestCount = Math.max(1, Math.floor(windows.length / 3));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const earlier = mean((values as number[]).slice(0, -latestCount));
  const latest = mean((values as number[]).slice(-latestCount));
  if (earlier === 0) return null;
  const worsening = (higherIsBetter ? earlier - latest : latest - earlier) / Math.abs(earlier);
  return { metric, earlier, latest, worsening, tolerance };
}
