import { describe, expect, it } from 'vitest';
import { expectClose, loadStatsFixture } from '../../../test/fixtures/stats/load.js';
import { chiSquareHomogeneity, jensenShannonDistance, populationStabilityIndex, wassersteinDistance } from './distances.js';

const fixture = loadStatsFixture<{ cases: { name: string; cases: any[] }[] }>('distances.json');
const group = (name: string) => fixture.cases.find((c) => c.name === name)!.cases;

describe('wassersteinDistance against scipy.stats.wasserstein_distance', () => {
  for (const c of group('wasserstein')) {
    it(c.name, () => {
      expectClose(wassersteinDistance(Float64Array.from(c.a), Float64Array.from(c.b)), c.expected, 'wasserstein');
    });
  }

  it('is symmetric, translation-equivariant for a shift, and 0 for identical samples', () => {
    const a = Float64Array.from([1, 2, 3, 4]);
    expect(wassersteinDistance(a, a.slice())).toBe(0);
    expectClose(wassersteinDistance(a, a.map((x) => x + 2.5)), 2.5, 'shift');
    expect(wassersteinDistance(a, Float64Array.from([0, 9]))).toBe(wassersteinDistance(Float64Array.from([0, 9]), a));
  });

  it('refuses empty samples and NaN', () => {
    expect(() => wassersteinDistance(new Float64Array(0), Float64Array.from([1]))).toThrow(/empty/);
    expect(() => wassersteinDistance(Float64Array.from([1]), Float64Array.from([NaN]))).toThrow(/non-finite/);
  });
});

describe('jensenShannonDistance against scipy.spatial.distance.jensenshannon', () => {
  for (const c of group('jensenshannon')) {
    it(c.name, () => expectClose(jensenShannonDistance(c.p, c.q), c.expected, 'JS distance', 1e-9, 1e-15));
  }

  it('refuses different lengths, negative entries and all-zero vectors', () => {
    expect(() => jensenShannonDistance([0.5, 0.5], [1])).toThrow(/length/);
    expect(() => jensenShannonDistance([0.5, -0.5], [0.5, 0.5])).toThrow(/non-negative/);
    expect(() => jensenShannonDistance([0, 0], [0.5, 0.5])).toThrow(/positive sum/);
    expect(() => jensenShannonDistance([NaN, 1], [0.5, 0.5])).toThrow(/finite/);
  });
});

describe('populationStabilityIndex', () => {
  for (const c of group('psi')) {
    it(c.name, () => expectClose(populationStabilityIndex(c.reference, c.current, c.epsilon), c.expected, 'PSI', 1e-9, 1e-15));
  }

  it('defaults epsilon to 1e-4 for empty bins', () => {
    const withDefault = populationStabilityIndex([0.5, 0.5, 0], [0.4, 0.4, 0.2]);
    expect(withDefault).toBe(populationStabilityIndex([0.5, 0.5, 0], [0.4, 0.4, 0.2], 1e-4));
    expectClose(withDefault, 2 * (-0.1 * Math.log(0.4 / 0.5)) + (0.2 - 1e-4) * Math.log(0.2 / 1e-4), 'PSI');
  });

  it('refuses mismatched or invalid input', () => {
    expect(() => populationStabilityIndex([1], [0.5, 0.5])).toThrow(/length/);
    expect(() => populationStabilityIndex([1], [NaN])).toThrow(/finite/);
    expect(() => populationStabilityIndex([1], [1], 0)).toThrow(/epsilon/);
  });
});

describe('chiSquareHomogeneity against scipy.stats.chi2_contingency(correction=False)', () => {
  for (const c of group('chi2')) {
    it(c.name, () => {
      const r = chiSquareHomogeneity(c.reference, c.current);
      expect(r.dof).toBe(c.expected.dof);
      expectClose(r.statistic, c.expected.statistic, 'statistic', 1e-9, 1e-12);
      expectClose(r.pValue, c.expected.pValue, 'p-value');
    });
  }

  it('refuses a side without observations and invalid counts', () => {
    expect(() => chiSquareHomogeneity([0, 0], [1, 2])).toThrow(/reference counts are all zero/);
    expect(() => chiSquareHomogeneity([1, 2], [0, 0])).toThrow(/current counts are all zero/);
    expect(() => chiSquareHomogeneity([1, -2], [1, 2])).toThrow(/non-negative/);
    expect(() => chiSquareHomogeneity([1, 2, 3], [1, 2])).toThrow(/length/);
  });
});
