import { buildDemoData, PRICING_CATEGORY_TRUTH, PRICING_DATASET_NAME } from '@modelyard/seeds';
import { describe, expect, it } from 'vitest';
import { JobInputError, type JobHooks, type JobInput, type MetricPoint } from '../types.js';
import { runPricingJob } from './index.js';

/** The seeded PRICING recipe's manifest (log-log ridge, category pooling, guardrails ±10 %, 18 % margin, .99/.49). */
const baseManifest = buildDemoData(new Date('2025-01-01')).recipes.find((r) => r.family === 'PRICING')!.version.manifest as Record<string, any>;

function overlay(patch: (m: Record<string, any>) => void): Record<string, unknown> {
  const copy = structuredClone(baseManifest);
  patch(copy);
  return copy;
}

function job(over: Partial<JobInput> = {}): JobInput {
  return { family: 'PRICING', type: 'TRAIN', manifest: baseManifest, params: {}, dataset: { name: PRICING_DATASET_NAME, seed: 7, size: 'SMALL' }, trainedModel: null, ...over };
}

function recorder() {
  const logs: string[] = [];
  const points: MetricPoint[] = [];
  const hooks: JobHooks = { progress: async () => {}, log: async (level, message) => void logs.push(`${level} ${message}`), metricPoints: async (p) => void points.push(...p) };
  return { hooks, logs, points };
}

const artifact = (out: { artifacts: Array<{ name: string; content: unknown }> }, name: string) => out.artifacts.find((a) => a.name === name)!.content as any;

describe('runPricingJob TRAIN on SMALL', () => {
  it('recovers each segment’s elasticity within 10 % and recommends guardrailed prices that lift revenue and margin', async () => {
    const rec = recorder();
    const out = await runPricingJob(job(), rec.hooks);
    const model = artifact(out, 'model.json');
    for (const truth of PRICING_CATEGORY_TRUTH) {
      const segment = model.segments.find((s: any) => s.segment === truth.category);
      expect(Math.abs(segment.elasticity - truth.elasticity) / Math.abs(truth.elasticity), truth.category).toBeLessThan(0.1);
    }
    expect(out.metrics.elasticity_accuracy!).toBeGreaterThan(0.9);
    expect(out.metrics.revenue_lift!).toBeGreaterThan(0.015);
    expect(out.metrics.margin_impact!).toBeGreaterThan(0);
    expect(out.metrics.calibration!).toBeLessThan(0.05);
    expect(out.metrics.constraint_violations).toBe(0);
    expect(rec.logs.some((l) => /segment dairy: elasticity -0\.\d\d ± 0\.\d\d \(truth -0\.70\)/.test(l))).toBe(true);
    expect(rec.points.filter((p) => p.key === 'segment_elasticity_rel_error')).toHaveLength(6);
    for (const r of artifact(out, 'report.json').recommendations) expect(Math.abs(r.recommended_price / r.current_price - 1)).toBeLessThanOrEqual(0.1 + 1e-9);
  });

  it('is deterministic: the same seed gives the same metrics and model', async () => {
    const [a, b] = await Promise.all([runPricingJob(job(), recorder().hooks), runPricingJob(job(), recorder().hooks)]);
    expect(a.metrics).toEqual(b.metrics);
    expect(artifact(a, 'model.json')).toEqual(artifact(b, 'model.json'));
  });

  it('honours overlays: segment by price_zone, tighter guardrails', async () => {
    const manifest = overlay((m) => {
      m.pipeline.training.hierarchical_pooling = 'price_zone';
      m.pipeline.deployment.guardrails.max_price_change_pct = 0.05;
    });
    const out = await runPricingJob(job({ manifest }), recorder().hooks);
    expect(artifact(out, 'model.json').segments.map((s: any) => s.segment).sort()).toEqual(['rural_c', 'suburban_b', 'urban_a']);
    // Pooling categories with elasticities from −0.7 to −2.8 loses accuracy: a worse model, not a crash.
    expect(out.metrics.elasticity_accuracy!).toBeLessThan(0.8);
    for (const r of artifact(out, 'report.json').recommendations) expect(Math.abs(r.recommended_price / r.current_price - 1)).toBeLessThanOrEqual(0.05 + 1e-9);
  });
});

describe('runPricingJob EVAL and BACKTEST', () => {
  it('EVAL scores a trained model and fits first without one', async () => {
    const trained = await runPricingJob(job(), recorder().hooks);
    const scored = await runPricingJob(job({ type: 'EVAL', trainedModel: artifact(trained, 'model.json') }), recorder().hooks);
    expect(scored.metrics.elasticity_accuracy).toBe(trained.metrics.elasticity_accuracy);
    expect(scored.metrics.revenue_lift).toBe(trained.metrics.revenue_lift);
    expect(scored.metrics.calibration!).toBeCloseTo(trained.metrics.calibration!, 2);
    const fresh = await runPricingJob(job({ type: 'EVAL' }), recorder().hooks);
    expect(artifact(fresh, 'report.json').fitted_first).toBe(true);
    await expect(runPricingJob(job({ type: 'EVAL', trainedModel: { format: 'modelyard.forecasting.v1' } }), recorder().hooks)).rejects.toThrow(JobInputError);
  });

  it('BACKTEST walks forward over weekly windows and aggregates them', async () => {
    const rec = recorder();
    const out = await runPricingJob(job({ type: 'BACKTEST', params: { windows: '4', window_weeks: '2' } }), rec.hooks);
    const windows = out.backtestWindows!;
    expect(windows).toHaveLength(4);
    expect(windows.at(-1)!.testEnd).toBe('2024-08-19');
    for (const w of windows) expect(w.trainEnd < w.testStart).toBe(true);
    expect(out.metrics.revenue_lift).toBeCloseTo(windows.reduce((s, w) => s + w.metrics.revenue_lift!, 0) / 4, 3);
    expect(rec.points.filter((p) => p.key === 'elasticity_accuracy').map((p) => p.step)).toEqual([0, 1, 2, 3]);
  });
});

describe('runPricingJob bad inputs', () => {
  const fails = (input: JobInput, message: RegExp) => expect(runPricingJob(input, recorder().hooks)).rejects.toThrow(expect.objectContaining({ name: 'JobInputError', message: expect.stringMatching(message) }));

  it('names an unknown input feature', () => fails(job({ manifest: overlay((m) => m.lineage.input_features.push('weather_index')) }), /unknown input feature "weather_index"/));
  it('needs a price term', () => fails(job({ manifest: overlay((m) => (m.lineage.input_features = ['discount_depth'])) }), /needs log_price/));
  it('rejects a history shorter than requirements.min_history_days', () => fails(job({ manifest: overlay((m) => (m.requirements.min_history_days = 730)) }), /420 days \(60 weeks\) of history, below requirements.min_history_days 730/));
  it('rejects too few price changes per SKU', () => fails(job({ manifest: overlay((m) => (m.requirements.min_price_changes_per_sku = 20)) }), /fewer than requirements.min_price_changes_per_sku 20/));
  it('rejects an unknown algorithm', () => fails(job({ params: { algorithm: 'xgboost' } }), /"xgboost" is not supported for PRICING/));
  it('rejects malformed elasticity bounds', () => fails(job({ params: { elasticity_bounds: '[-1, 2]' } }), /min < max < 0/));
});
