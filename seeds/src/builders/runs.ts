import type { FamilyDefinition, ModelPlan, RunPlan } from '../spec.js';
import type { KeyNumber, KeyString, SeedRun } from '../types.js';
import { type Rng, daysBefore, formatCount, formatDuration, isoDate, minutesAfter, roundMetric } from '../util.js';
import { type Artifact, artifactPrefix, buildArtifacts } from './artifacts.js';
import { FAILURE_MARGIN, type HistoryPoint, type RunSpan, STAGE_START, buildHistory } from './history.js';

type LogLine = SeedRun['logs'][number];

const WORKERS = ['ml-worker-1', 'ml-worker-2', 'ml-worker-3', 'ml-gpu-1', 'ml-gpu-2'] as const;

function checkPlan(def: FamilyDefinition, model: ModelPlan, plan: RunPlan): void {
  const where = `${def.slug}/${model.key} ${plan.type} ${plan.daysAgo}d`;
  if (plan.status === 'SUCCEEDED') {
    if (plan.failure) throw new Error(`${where}: a succeeded run has no failure`);
    const missing = def.pack.rules.filter((rule) => plan.metrics?.[rule.key] === undefined);
    if (missing.length > 0) throw new Error(`${where}: missing metrics ${missing.map((r) => r.key).join(', ')}`);
  } else {
    if (!plan.failure || plan.metrics) throw new Error(`${where}: a failed run needs a failure and no metrics`);
  }
}

function buildParams(def: FamilyDefinition, plan: RunPlan, createdAt: Date): KeyString[] {
  const params: Record<string, string> = {
    ...def.params[plan.type],
    recipe_version: '1.0.0',
    random_seed: '42',
    data_window_end: isoDate(daysBefore(createdAt, 1)),
    ...plan.params,
  };
  return Object.entries(params).map(([key, value]) => ({ key, value }));
}

function finalMetrics(def: FamilyDefinition, plan: RunPlan): KeyNumber[] {
  if (!plan.metrics) return [];
  const values = plan.metrics;
  return def.pack.rules.map((rule) => ({ key: rule.key, value: roundMetric(values[rule.key] as number, def.metricDecimals?.[rule.key]) }));
}

/** One or two progress lines taken from the recorded history, so logs and curves agree. */
function progressLines(def: FamilyDefinition, plan: RunPlan, history: HistoryPoint[]): LogLine[] {
  const firstKey = history[0]?.key;
  const lead = history.filter((point) => point.key === firstKey);
  const picks = [lead[Math.floor(lead.length / 3)], lead[Math.floor((2 * lead.length) / 3)]].filter(
    (point, i, all): point is HistoryPoint => point !== undefined && all.indexOf(point) === i,
  );
  return picks.map((point) => {
    const others = history.filter((p) => p.step === point.step && p.key !== point.key).map((p) => `${p.key}=${p.value}`);
    const values = [`${point.key}=${point.value}`, ...others].join(', ');
    const label =
      plan.type === 'TRAIN'
        ? `step ${point.step}`
        : plan.type === 'EVAL'
          ? `day ${point.step}/${def.history.eval.points}`
          : `window ${point.step}/${def.history.backtest.windows}`;
    return { level: 'INFO', message: `${label}: ${values}`, loggedAt: point.recordedAt };
  });
}

function buildLogs(
  def: FamilyDefinition,
  model: ModelPlan,
  plan: RunPlan,
  run: { key: string; span: RunSpan; history: HistoryPoint[]; metrics: KeyNumber[]; artifacts: Artifact[] },
  rng: Rng,
): LogLine[] {
  const { startedAt, plannedMs, stopAt } = run.span;
  const line = (fraction: number, level: LogLine['level'], message: string): LogLine => ({
    level,
    message,
    loggedAt: new Date(startedAt.getTime() + plannedMs * fraction),
  });
  const checks = (def.recipe.manifest.pipeline.quality['checks'] as string[] | undefined)?.length ?? 5;
  const stageLine = { TRAIN: def.logs.training, EVAL: def.logs.evaluating, BACKTEST: def.logs.backtesting }[plan.type];

  // Setup and feature preparation, then the main stage with progress lines taken from the curves.
  const timeline: LogLine[] = [
    line(0, 'INFO', `Run ${run.key} started: ${plan.type} of ${model.key} (trigger ${plan.trigger}) on ${rng.pick(WORKERS)}`),
    line(0.005, 'INFO', `Resolved recipe ${def.recipe.key}@1.0.0; evaluation pack ${def.pack.key}@1.0.0 attached`),
    line(0.02, 'INFO', `Loaded ${formatCount(rng.jitter(def.logs.rowsLoaded, 0.03))} rows from feature sets ${def.recipe.manifest.requirements.feature_sets.join(', ')}`),
    line(0.03, 'DEBUG', `Quality checks passed: ${checks}/${checks} (max null fraction ${rng.range(0.1, 0.9).toFixed(2)}%)`),
    line(0.06, 'INFO', def.logs.featurePrep),
    line(STAGE_START, 'INFO', stageLine),
    ...progressLines(def, plan, run.history),
  ];

  const duration = formatDuration(plannedMs * stopAt);
  if (plan.failure) {
    const before = timeline.filter((entry) => entry.loggedAt.getTime() < startedAt.getTime() + plannedMs * (stopAt - FAILURE_MARGIN));
    return [
      ...before,
      line(stopAt - 0.004, 'WARN', plan.failure.warning),
      line(stopAt - 0.001, 'ERROR', plan.failure.error),
      line(stopAt, 'INFO', `Run failed after ${duration}; ${run.artifacts.length} artifact(s) kept`),
    ];
  }
  return [
    ...timeline,
    line(0.92, 'INFO', `Final metrics: ${run.metrics.map((m) => `${m.key}=${m.value}`).join(', ')}`),
    line(0.96, 'INFO', `Uploaded ${run.artifacts.length} artifacts to ${artifactPrefix(model.key, run.key)}`),
    line(1, 'INFO', `Run succeeded in ${duration}`),
  ];
}

/** Builds run number `ordinal` (1-based, per model) from its plan. */
export function buildRun(def: FamilyDefinition, model: ModelPlan, plan: RunPlan, ordinal: number, now: Date, rng: Rng): SeedRun {
  checkPlan(def, model, plan);
  const key = `${model.key}-${plan.type.toLowerCase()}-${String(ordinal).padStart(2, '0')}`;
  const createdAt = daysBefore(now, plan.daysAgo);
  const startedAt = minutesAfter(createdAt, rng.range(0.5, 4));
  const plannedMs = plan.durationMinutes * 60_000;
  const span: RunSpan = { startedAt, plannedMs, stopAt: plan.failure?.atFraction ?? 1 };
  const finishedAt = new Date(startedAt.getTime() + plannedMs * span.stopAt);
  if (finishedAt.getTime() >= now.getTime()) throw new Error(`${key}: finishes after now`);

  const history = buildHistory(def, plan, span, rng);
  const metrics = finalMetrics(def, plan);
  const completedWindows = new Set(history.map((point) => point.step)).size;
  const artifacts = buildArtifacts(def, plan.type, model.key, key, plan.status === 'FAILED', completedWindows, rng);
  const logs = buildLogs(def, model, plan, { key, span, history, metrics, artifacts }, rng);

  return {
    key,
    type: plan.type,
    status: plan.status,
    trigger: plan.trigger,
    params: buildParams(def, plan, createdAt),
    metrics,
    history,
    artifacts,
    logs,
    error: plan.failure?.error ?? null,
    createdAt,
    startedAt,
    finishedAt,
  };
}
