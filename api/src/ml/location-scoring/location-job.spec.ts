import { generateLocationScoringDataset, LOCATION_SCORING_DATASET_NAME } from '@modelyard/seeds';
import { describe, expect, it } from 'vitest';
import { jobOf, patched, recorder, seededManifest } from '../common/job-testing.js';
import { JobInputError, type JobInput } from '../types.js';
import { runLocationScoringJob } from './location-job.js';

const manifest = seededManifest('LOCATION_SCORING');
const job = (overrides: Partial<JobInput> = {}) => jobOf('LOCATION_SCORING', LOCATION_SCORING_DATASET_NAME, manifest, overrides);
const withManifest = (patch: (m: Record<string, any>) => void) => patched(manifest, patch);

describe('location-scoring TRAIN on the SMALL data set', () => {
  it('ranks sites close to the ground truth under spatial block CV', async () => {
    const truth = generateLocationScoringDataset({ seed: 7, size: 'SMALL' }).truth;
    const hooks = recorder();
    const out = await runLocationScoringJob(job(), hooks);
    // Spearman within 0.1 of the noise-free ceiling (≈ 0.95) and above the pack's PASS threshold.
    expect(out.metrics.rank_correlation).toBeGreaterThan(truth.oracleRankCorrelation - 0.1);
    expect(out.metrics.rank_correlation).toBeGreaterThan(0.7);
    expect(out.metrics.lift_top_decile).toBeGreaterThan(2.5);
    expect(out.metrics.hit_rate_at_10).toBeGreaterThan(0.6);
    expect(out.metrics.calibration).toBeLessThan(0.08);
    expect(out.metrics.geographic_coverage).toBeGreaterThanOrEqual(0.95);
    expect(hooks.logs.some((l) => l.includes('mapped to the random forest'))).toBe(true);
    expect(hooks.points.filter((p) => p.key === 'fold_rank_correlation')).toHaveLength(5);
    expect(hooks.points.some((p) => p.key === 'oob_rmse')).toBe(true);
    const model = out.artifacts.find((a) => a.name === 'model.json')!.content as { importance: Record<string, number> };
    const top = Object.entries(model.importance).sort((a, b) => b[1] - a[1])[0]![0];
    expect(['daytime_foot_traffic', 'population_1km']).toContain(top);
  });

  it('is deterministic, and EVAL scores the trained model on later openings', async () => {
    const a = await runLocationScoringJob(job(), recorder());
    const b = await runLocationScoringJob(job(), recorder());
    expect(b).toEqual(a);
    const model = a.artifacts.find((x) => x.name === 'model.json')!.content;
    const evaluated = await runLocationScoringJob(job({ type: 'EVAL', trainedModel: model }), recorder());
    expect(evaluated.artifacts.map((x) => x.name)).toEqual(['report.json']);
    expect(evaluated.metrics.rank_correlation).toBeGreaterThan(0.7);
  });

  it('honours overlay training params and features', async () => {
    const overlay = withManifest((m) => {
      m.pipeline.training = { algorithm: 'random_forest', n_estimators: 20, max_depth: 6 };
      m.lineage.input_features = ['daytime_foot_traffic', 'region_type'];
    });
    const out = await runLocationScoringJob(job({ manifest: overlay }), recorder());
    const model = out.artifacts.find((a) => a.name === 'model.json')!.content as { columns: string[]; forest: { trees: unknown[] } };
    expect(model.forest.trees).toHaveLength(20);
    expect(model.columns).toEqual(['daytime_foot_traffic', 'region_type=rural', 'region_type=suburban', 'region_type=urban', 'region_type=urban_core']);
  });
});

describe('location-scoring BACKTEST', () => {
  it('trains on earlier opening cohorts and aggregates the windows', async () => {
    const out = await runLocationScoringJob(job({ type: 'BACKTEST', params: { windows: '3', n_trees: '30' }, manifest: withManifest((m) => (m.pipeline.training.n_trees = 30)) }), recorder());
    expect(out.backtestWindows!.map((w) => [w.testStart, w.testEnd])).toEqual([
      ['2024-10-01', '2024-12-31'],
      ['2025-01-01', '2025-03-31'],
      ['2025-04-01', '2025-06-30'],
    ]);
    const mean = out.backtestWindows!.reduce((s, w) => s + w.metrics.rank_correlation!, 0) / 3;
    expect(out.metrics.rank_correlation).toBeCloseTo(mean, 3);
  });
});

describe('location-scoring bad input', () => {
  it('names an unknown feature and fails a data set below the requirements', async () => {
    const unknown = withManifest((m) => m.lineage.input_features.push('parking_spaces'));
    await expect(runLocationScoringJob(job({ manifest: unknown }), recorder())).rejects.toThrow(/parking_spaces/);
    const sites = withManifest((m) => (m.requirements.min_training_sites = 5_000));
    await expect(runLocationScoringJob(job({ manifest: sites }), recorder())).rejects.toThrow(/min_training_sites/);
    const history = withManifest((m) => (m.requirements.min_history_days = 4_000));
    await expect(runLocationScoringJob(job({ manifest: history }), recorder())).rejects.toThrow(JobInputError);
  });

  it('rejects unsupported algorithms, bad params and foreign models', async () => {
    const svm = withManifest((m) => (m.pipeline.training.algorithm = 'svm'));
    await expect(runLocationScoringJob(job({ manifest: svm }), recorder())).rejects.toThrow(/Unsupported algorithm 'svm'/);
    await expect(runLocationScoringJob(job({ params: { block_size_km: '-3' } }), recorder())).rejects.toThrow(/params.block_size_km/);
    await expect(runLocationScoringJob(job({ type: 'EVAL', trainedModel: { format: 'x' } }), recorder())).rejects.toThrow(/not a location-scoring/);
  });
});
