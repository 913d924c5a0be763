import { buildDemoData, FORECASTING_DATASET_NAME } from '@modelyard/seeds';
import { describe, expect, it } from 'vitest';
import { JobCancelled, JobInputError, type JobHooks, type JobInput, type MetricPoint } from '../types.js';
import { runForecastingJob } from './index.js';

/** The seeded FORECASTING recipe's manifest (validation: 12 windows × 28 days, 7 apart; holdout 28 days). */
const baseManifest = buildDemoData(new Date('2025-01-01')).recipes.find((r) => r.family === 'FORECASTING')!.version.manifest as Record<string, any>;

function overlay(patch: (m: Record<string, any>) => void): Record<string, unknown> {
  const copy = structuredClone(baseManifest);
  patch(copy);
  return copy;
}

function job(over: Partial<JobInput> = {}): JobInput {
  return { family: 'FORECASTING', type: 'TRAIN', manifest: baseManifest, params: {}, dataset: { name: FORECASTING_DATASET_NAME, seed: 7, size: 'SMALL' }, trainedModel: null, ...over };
}

function recorder() {
  const logs: string[] = [];
  const points: MetricPoint[] = [];
  const progress: number[] = [];
  const hooks: JobHooks = {
    progress: async (f) => void progress.push(f),
    log: async (level, message) => void logs.push(`${level} ${message}`),
    metricPoints: async (p) => void points.push(...p),
  };
  return { hooks, logs, points, progress };
}

const report = (out: { artifacts: Array<{ name: string; content: unknown }> }) => out.artifacts.find((a) => a.name === 'report.json')!.content as any;

describe('runForecastingJob TRAIN on SMALL', () => {
  it('lands near the noise floor with calibrated 80 % intervals and beats seasonal naive', async () => {
    const rec = recorder();
    const hw = await runForecastingJob(job(), rec.hooks);
    const floor = report(hw).noise_floor;
    // Within 25 % of what the true mean demand would score, and inside the pack's PASS thresholds.
    expect(hw.metrics.MAPE!).toBeLessThan(floor.MAPE * 1.25);
    expect(hw.metrics.MAE!).toBeLessThan(floor.MAE * 1.25);
    expect(hw.metrics.MAE!).toBeLessThan(28);
    expect(Math.abs(hw.metrics.forecast_bias!)).toBeLessThan(0.05);
    expect(hw.metrics.coverage_80!).toBeGreaterThanOrEqual(0.7);
    expect(hw.metrics.coverage_80!).toBeLessThanOrEqual(0.9);

    const naive = await runForecastingJob(job({ params: { algorithm: 'seasonal_naive' } }), recorder().hooks);
    expect(hw.metrics.MAE!).toBeLessThan(naive.metrics.MAE!);
    expect(hw.metrics.MAPE!).toBeLessThan(naive.metrics.MAPE!);

    const model = hw.artifacts.find((a) => a.name === 'model.json')!.content as any;
    expect(model.series).toHaveLength(6);
    expect(model.series.every((s: any) => s.method === 'holt_winters' && s.params.alpha > 0 && s.lifts.promo_flag > 0)).toBe(true);
    expect(rec.logs.some((l) => /fitted 6 series with holt_winters, 0 fell back to seasonal naive/.test(l))).toBe(true);
    expect(rec.points.filter((p) => p.key === 'series_fit_rmse')).toHaveLength(6);
    expect(rec.progress.at(-1)).toBe(1);
  });

  it('is deterministic: the same seed gives the same metrics and model', async () => {
    const [a, b] = await Promise.all([runForecastingJob(job(), recorder().hooks), runForecastingJob(job(), recorder().hooks)]);
    expect(a.metrics).toEqual(b.metrics);
    expect(a.artifacts[0]!.content).toEqual(b.artifacts[0]!.content);
  });

  it('honours overlay training params (seasonal_periods, algorithm via params)', async () => {
    const out = await runForecastingJob(job({ manifest: overlay((m) => (m.pipeline.training.seasonal_periods = 14)) }), recorder().hooks);
    expect((out.artifacts[0]!.content as any).seasonal_periods).toBe(14);
    expect(out.metrics.MAPE!).toBeLessThan(0.25);
  });
});

describe('runForecastingJob EVAL and BACKTEST', () => {
  it('EVAL scores a trained model (parameters fixed) and fits first without one', async () => {
    const trained = await runForecastingJob(job(), recorder().hooks);
    const model = trained.artifacts.find((a) => a.name === 'model.json')!.content;
    const scored = await runForecastingJob(job({ type: 'EVAL', trainedModel: model }), recorder().hooks);
    expect(scored.metrics).toEqual(trained.metrics); // same data, same cut-off: the same forecasts
    const fresh = await runForecastingJob(job({ type: 'EVAL' }), recorder().hooks);
    expect(report(fresh).fitted_first).toBe(true);
    await expect(runForecastingJob(job({ type: 'EVAL', trainedModel: { format: 'something-else' } }), recorder().hooks)).rejects.toThrow(JobInputError);
  });

  it('BACKTEST walks forward over the manifest windows and aggregates them', async () => {
    const rec = recorder();
    const manifest = overlay((m) => Object.assign(m.evaluation.validation, { windows: 4, horizon_days: 7, step_days: 7 }));
    const out = await runForecastingJob(job({ type: 'BACKTEST', manifest }), rec.hooks);
    const windows = out.backtestWindows!;
    expect(windows.map((w) => w.index)).toEqual([0, 1, 2, 3]);
    expect(windows.at(-1)!.testEnd).toBe('2025-07-06');
    expect(windows[1]!.testStart > windows[0]!.testEnd).toBe(true);
    for (const w of windows) expect(w.trainEnd < w.testStart).toBe(true);
    const meanMae = windows.reduce((s, w) => s + w.metrics.MAE!, 0) / windows.length;
    expect(out.metrics.MAE).toBeCloseTo(meanMae, 1);
    expect(rec.points.filter((p) => p.key === 'MAPE').map((p) => p.step)).toEqual([0, 1, 2, 3]);
    expect(out.metrics.coverage_80!).toBeGreaterThan(0.65);
  });
});

describe('runForecastingJob bad inputs', () => {
  const fails = (input: JobInput, message: RegExp) => expect(runForecastingJob(input, recorder().hooks)).rejects.toThrow(expect.objectContaining({ name: 'JobInputError', message: expect.stringMatching(message) }));

  it('names an unknown input feature', () => fails(job({ manifest: overlay((m) => m.lineage.input_features.push('footfall_index')) }), /unknown input feature "footfall_index"/));
  it('rejects a history shorter than requirements.min_history_days', () => fails(job({ manifest: overlay((m) => (m.requirements.min_history_days = 1000)) }), /735 days of history, below requirements.min_history_days 1000/));
  it('rejects an unknown algorithm', () => fails(job({ params: { algorithm: 'prophet' } }), /"prophet" is not supported/));
  it('rejects a malformed param', () => fails(job({ params: { seasonal_periods: 'weekly' } }), /params.seasonal_periods must be a number/));
  it('rejects a backtest without enough training days', () => fails(job({ type: 'BACKTEST', params: { windows: '60', horizon_days: '28', step_days: '7' } }), /min_train_days is 365/));
  it('rejects another family’s data set', () => fails(job({ dataset: { name: 'pricing-transactions', seed: 1, size: 'SMALL' } }), /not a forecasting data set/));
  it('lets a cancellation from a hook propagate', async () => {
    const hooks = { ...recorder().hooks, progress: async () => Promise.reject(new JobCancelled('cancelled')) };
    await expect(runForecastingJob(job(), hooks)).rejects.toBeInstanceOf(JobCancelled);
  });
});
