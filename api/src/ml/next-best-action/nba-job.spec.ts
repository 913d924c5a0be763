import { generateNextBestActionDataset, NEXT_BEST_ACTION_DATASET_NAME } from '@modelyard/seeds';
import { describe, expect, it } from 'vitest';
import { jobOf, patched, recorder, seededManifest } from '../common/job-testing.js';
import { JobInputError, type JobInput } from '../types.js';
import { runNextBestActionJob } from './nba-job.js';

const manifest = seededManifest('NEXT_BEST_ACTION');
const job = (overrides: Partial<JobInput> = {}) => jobOf('NEXT_BEST_ACTION', NEXT_BEST_ACTION_DATASET_NAME, manifest, overrides);
const withManifest = (patch: (m: Record<string, any>) => void) => patched(manifest, patch);

describe('next-best-action TRAIN on the SMALL data set', () => {
  it('recovers the ground-truth uplift and lands the pack metrics near the oracle', async () => {
    const truth = generateNextBestActionDataset({ seed: 7, size: 'SMALL' }).truth;
    const hooks = recorder();
    const out = await runNextBestActionJob(job(), hooks);
    const report = out.artifacts.find((a) => a.name === 'report.json')!.content as { perAction: Record<string, { predictedUplift: number }> };
    // Average uplift per action (over the holdout) within 0.03 of the truth (over all rows).
    for (const [action, uplift] of Object.entries(truth.averageUplift)) expect(Math.abs(report.perAction[action]!.predictedUplift - uplift)).toBeLessThan(0.03);
    // The learned policy's measured uplift is within 0.05 of the oracle policy's; its action mix within 0.1 of the oracle's.
    expect(Math.abs(out.metrics.uplift! - truth.oracle.uplift)).toBeLessThan(0.05);
    expect(Math.abs(out.metrics.action_distribution! - truth.oracle.actionEntropy)).toBeLessThan(0.1);
    // Above the pack's PASS (promote) thresholds where SMALL is not too noisy.
    expect(out.metrics.uplift).toBeGreaterThan(0.04);
    expect(out.metrics.precision_at_10).toBeGreaterThan(0.3);
    expect(out.metrics.qini_coefficient).toBeGreaterThan(0.15);
    expect(out.metrics.incremental_revenue).toBeGreaterThan(1500);
    expect(out.artifacts.map((a) => a.name)).toEqual(['model.json', 'report.json']);
    expect(hooks.points.some((p) => p.key === 'loss_discount_10')).toBe(true);
    expect(hooks.fractions.at(-1)).toBe(1);
  });

  it('is deterministic', async () => {
    const a = await runNextBestActionJob(job(), recorder());
    const b = await runNextBestActionJob(job(), recorder());
    expect(b).toEqual(a);
  });

  it('EVAL scores a trained model on the holdout, and fits first without one', async () => {
    const train = await runNextBestActionJob(job(), recorder());
    const model = train.artifacts.find((a) => a.name === 'model.json')!.content;
    const evaluated = await runNextBestActionJob(job({ type: 'EVAL', trainedModel: model }), recorder());
    expect(evaluated.metrics).toEqual(train.metrics);
    expect(evaluated.artifacts.map((a) => a.name)).toEqual(['report.json']);
    const fresh = await runNextBestActionJob(job({ type: 'EVAL' }), recorder());
    expect(fresh.artifacts.map((a) => a.name)).toEqual(['model.json', 'report.json']);
  });

  it('honours an overlay that changes the features', async () => {
    const overlay = withManifest((m) => (m.lineage.input_features = ['churn_risk_score', 'channel_preference']));
    const out = await runNextBestActionJob(job({ manifest: overlay }), recorder());
    const model = out.artifacts.find((a) => a.name === 'model.json')!.content as { encoder: { columns: string[] } };
    expect(model.encoder.columns).toEqual(['churn_risk_score', 'channel_preference=email', 'channel_preference=push', 'channel_preference=sms', 'channel_preference=web']);
  });
});

describe('next-best-action BACKTEST', () => {
  it('walks forward over decision-date windows and aggregates their mean', async () => {
    const hooks = recorder();
    const out = await runNextBestActionJob(job({ type: 'BACKTEST', params: { windows: '3', window_days: '30' } }), hooks);
    expect(out.backtestWindows).toHaveLength(3);
    const [w0, , w2] = out.backtestWindows!;
    expect(w2!.testEnd).toBe('2025-06-30');
    expect(w0!.trainEnd < w0!.testStart).toBe(true);
    const mean = out.backtestWindows!.reduce((s, w) => s + w.metrics.uplift!, 0) / 3;
    expect(out.metrics.uplift).toBeCloseTo(mean, 3);
    expect(hooks.points.filter((p) => p.key === 'qini_coefficient').map((p) => p.step)).toEqual([0, 1, 2]);
  });
});

describe('next-best-action bad input', () => {
  it('names an unknown feature', async () => {
    const overlay = withManifest((m) => m.lineage.input_features.push('lifetime_value'));
    await expect(runNextBestActionJob(job({ manifest: overlay }), recorder())).rejects.toThrow(JobInputError);
    await expect(runNextBestActionJob(job({ manifest: overlay }), recorder())).rejects.toThrow(/lifetime_value/);
  });

  it('fails a data set below the requirements', async () => {
    const longer = withManifest((m) => (m.requirements.min_history_days = 400));
    await expect(runNextBestActionJob(job({ manifest: longer }), recorder())).rejects.toThrow(/min_history_days/);
    const moreTreated = withManifest((m) => (m.pipeline.quality.min_treated_rows = 1_000_000));
    await expect(runNextBestActionJob(job({ manifest: moreTreated }), recorder())).rejects.toThrow(/min_treated_rows/);
    const label = withManifest((m) => (m.requirements.label = 'converted_within_30d'));
    await expect(runNextBestActionJob(job({ manifest: label }), recorder())).rejects.toThrow(/converted_within_30d/);
  });

  it('rejects leakage, bad params, unknown actions, another data set and a foreign model', async () => {
    const leak = withManifest((m) => m.lineage.input_features.push('converted_within_14d'));
    await expect(runNextBestActionJob(job({ manifest: leak }), recorder())).rejects.toThrow(/leakage/);
    await expect(runNextBestActionJob(job({ params: { holdout_fraction: 'lots' } }), recorder())).rejects.toThrow(/params.holdout_fraction/);
    const actions = withManifest((m) => m.pipeline.training.actions.push('call_center'));
    await expect(runNextBestActionJob(job({ manifest: actions }), recorder())).rejects.toThrow(/call_center/);
    await expect(runNextBestActionJob(job({ dataset: { name: 'location-sites', seed: 1, size: 'SMALL' } }), recorder())).rejects.toThrow(JobInputError);
    await expect(runNextBestActionJob(job({ type: 'EVAL', trainedModel: { format: 'other' } }), recorder())).rejects.toThrow(/not a next-best-action/);
    await expect(runNextBestActionJob(job({ type: 'BACKTEST', params: { windows: '20', window_days: '30' } }), recorder())).rejects.toThrow(/Backtest window 0/);
  });
});
