import { describe, expect, it } from 'vitest';
import { minMaxDecimate, type TimePoint } from './decimate';

describe('minMaxDecimate', () => {
  it('leaves short series alone', () => {
    const points: TimePoint[] = [[0, 1], [1, 3], [2, 2]];
    expect(minMaxDecimate(points, 1)).toEqual(points);
  });

  it('keeps the first, lowest, highest and last point of every time slice, in time order', () => {
    // 20 points in 2 slices of 10.
    const values = [5, 7, 1, 6, 9, 4, 5, 5, 6, 3, /* second slice */ 2, 2, 8, 0, 4, 4, 12, 4, 4, 7];
    const points = values.map((v, t) => [t, v] as const);
    expect(minMaxDecimate(points, 2)).toEqual([
      [0, 5], [2, 1], [4, 9], [9, 3],
      [10, 2], [13, 0], [16, 12], [19, 7],
    ]);
  });

  it('keeps every extreme of 10,000 points in at most 4 points per slice', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => [i * 900_000, Math.sin(i / 37) + (i === 7777 ? 5 : 0)] as const);
    const reduced = minMaxDecimate(points, 300);
    expect(reduced.length).toBeLessThanOrEqual(1200);
    expect(reduced[0]).toEqual(points[0]);
    expect(reduced[reduced.length - 1]).toEqual(points[points.length - 1]);
    expect(reduced).toContainEqual(points[7777]);
    expect(Math.min(...reduced.map((p) => p[1]))).toBe(Math.min(...points.map((p) => p[1])));
    // Every kept point is a real one, in time order.
    for (let i = 1; i < reduced.length; i++) expect(reduced[i]![0]).toBeGreaterThan(reduced[i - 1]![0]);
  });
});
