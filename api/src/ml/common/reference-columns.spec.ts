import { FORECASTING_DATASET_NAME, generateForecastingDataset, LOCATION_SCORING_DATASET_NAME, NEXT_BEST_ACTION_DATASET_NAME, PRICING_DATASET_NAME } from '@modelyard/seeds';
import { describe, expect, it } from 'vitest';
import { runForecastingJob } from '../forecasting/index.js';
import { runLocationScoringJob } from '../location-scoring/index.js';
import { runNextBestActionJob } from '../next-best-action/index.js';
import { runPricingJob } from '../pricing/index.js';
import type { Family, RunJob } from '../types.js';
import { jobOf, patched, recorder, seededManifest } from './job-testing.js';
import { driftFeatures, referenceColumns, tableColumn } from './reference-columns.js';

describe('referenceColumns', () => {
  it('collects the drift features the learner has and warns about each one it has not', async () => {
    const hooks = recorder();
    const manifest = { monitoring: { drift: { features: ['a', 'b', 'a', 'missing'] } } };
    const columns = await referenceColumns(manifest, hooks, (f) => ({ a: [1, 2], b: ['x'] })[f]);
    expect(columns).toEqual({ a: [1, 2], b: ['x'] });
    expect(hooks.logs.filter((l) => l.startsWith('WARN'))).toEqual(['WARN drift feature missing is not in the data set: no reference profile is captured for it']);
    expect(driftFeatures({})).toEqual([]);
  });

  it('reads table columns over rows: numbers, strings, booleans as categories', () => {
    const table = { n: [1, Number.NaN, 3], s: ['a', 'b', 'c'], b: [true, false, true] };
    expect(tableColumn(table, 'n', [0, 1, 2])).toEqual([1, 3]);
    expect(tableColumn(table, 's', [2, 0])).toEqual(['c', 'a']);
    expect(tableColumn(table, 'b', [0, 1])).toEqual(['true', 'false']);
    expect(tableColumn(table, 'constructor', [0])).toBeUndefined();
  });
});

const LEARNERS: [Family, string, RunJob][] = [
  ['FORECASTING', FORECASTING_DATASET_NAME, runForecastingJob],
  ['PRICING', PRICING_DATASET_NAME, runPricingJob],
  ['NEXT_BEST_ACTION', NEXT_BEST_ACTION_DATASET_NAME, runNextBestActionJob],
  ['LOCATION_SCORING', LOCATION_SCORING_DATASET_NAME, runLocationScoringJob],
];

describe('TRAIN runs of every learner', () => {
  it.each(LEARNERS)('%s returns the training values of each seeded drift feature, the same rows for each', async (family, dataset, run) => {
    const manifest = seededManifest(family);
    const output = await run(jobOf(family, dataset, manifest), recorder());
    const columns = output.referenceColumns!;
    const features = driftFeatures(manifest);
    expect(Object.keys(columns)).toEqual(features);
    for (const feature of features) expect(columns[feature]!.length, feature).toBeGreaterThan(100);
    // Lags and rolling means leave out the first days of each series; every plain column has one value per training row.
    const lengths = new Set(features.filter((f) => !/_(lag|rolling_mean)_\d+$/.test(f)).map((f) => columns[f]!.length));
    expect(lengths.size).toBe(1);
    const eval_ = await run(jobOf(family, dataset, manifest, { type: 'EVAL' }), recorder());
    expect(eval_.referenceColumns).toBeUndefined();
  }, 120_000);

  it('derives forecasting lags and rolling means per series from units sold', async () => {
    const manifest = patched(seededManifest('FORECASTING'), (m) => {
      m.monitoring.drift.features = ['units_sold', 'units_sold_lag_7', 'units_sold_rolling_mean_28', 'promo_flag', 'weather_alerts'];
    });
    const hooks = recorder();
    const output = await runForecastingJob(jobOf('FORECASTING', FORECASTING_DATASET_NAME, manifest), hooks);
    const columns = output.referenceColumns!;
    expect(hooks.logs).toContain('WARN drift feature weather_alerts is not in the data set: no reference profile is captured for it');
    const data = generateForecastingDataset({ seed: 7, size: 'SMALL' });
    const units = columns.units_sold as number[];
    const series = data.series.length;
    const perSeries = units.length / series;
    // The training window ends before the holdout; it starts at day 0 for the SMALL data set.
    expect(units.slice(0, perSeries)).toEqual(Array.from(data.columns.units_sold.subarray(0, perSeries)));
    expect(columns.units_sold_lag_7).toHaveLength(units.length - 7 * series);
    expect((columns.units_sold_lag_7 as number[])[0]).toBe(data.columns.units_sold[0]);
    const firstMean = Array.from(data.columns.units_sold.subarray(0, 28)).reduce((s, v) => s + v, 0) / 28;
    expect((columns.units_sold_rolling_mean_28 as number[])[0]).toBeCloseTo(firstMean, 9);
    expect(new Set(columns.promo_flag as string[])).toEqual(new Set(['true', 'false']));
  }, 120_000);
});
