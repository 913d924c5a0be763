import { describe, expect, it } from 'vitest';
import { fitForest, predictForest, type ForestOptions } from './random-forest.js';
import { spatialFolds } from './spatial-cv.js';

const options: ForestOptions = { trees: 30, maxDepth: 8, minLeaf: 3, maxFeatures: 1, sampleFraction: 1, maxBins: 32, seed: 11 };

function data(n: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i * 2] = i % 17;
    x[i * 2 + 1] = (i * 7) % 13;
    y[i] = (x[i * 2]! > 8 ? 10 : 0) + 0.1 * x[i * 2 + 1]!;
  }
  return { x, y };
}

describe('random forest', () => {
  it('learns a step function and ranks the informative feature first', async () => {
    const { x, y } = data(400);
    const fit = await fitForest(x, y, 2, options);
    const predicted = predictForest(fit.forest, Float64Array.of(3, 5, 12, 5), 2, 2);
    expect(predicted[0]).toBeCloseTo(0.5, 0);
    expect(predicted[1]).toBeCloseTo(10.5, 0);
    expect(fit.importance[0]).toBeGreaterThan(0.9);
    expect(fit.oob.filter((v) => !Number.isNaN(v)).length).toBeGreaterThan(380);
  });

  it('is deterministic for a seed and reports OOB error per batch', async () => {
    const { x, y } = data(200);
    const batches: number[] = [];
    const a = await fitForest(x, y, 2, options, async (trees) => void batches.push(trees));
    const b = await fitForest(x, y, 2, options);
    expect(b.forest).toEqual(a.forest);
    expect(batches).toEqual([10, 20, 30]);
    const c = await fitForest(x, y, 2, { ...options, seed: 12 });
    expect(c.forest).not.toEqual(a.forest);
  });
});

describe('spatial block folds', () => {
  it('puts every site in one test fold and keeps a buffer around it', () => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) (xs.push(i * 3.3), ys.push(j * 3.3));
    const { folds } = spatialFolds(xs, ys, 4, 20, 5, 1);
    const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(tested).toEqual(xs.map((_, i) => i));
    for (const fold of folds) {
      const testBlocks = new Set(fold.test.map((i) => `${Math.floor(xs[i]! / 20)}:${Math.floor(ys[i]! / 20)}`));
      let nearest = Infinity;
      for (const i of fold.train) {
        expect(testBlocks.has(`${Math.floor(xs[i]! / 20)}:${Math.floor(ys[i]! / 20)}`)).toBe(false);
        for (const t of fold.test) nearest = Math.min(nearest, Math.hypot(xs[i]! - xs[t]!, ys[i]! - ys[t]!));
      }
      expect(nearest).toBeGreaterThanOrEqual(5);
      expect(fold.buffered).toBeGreaterThan(0);
    }
  });
});
