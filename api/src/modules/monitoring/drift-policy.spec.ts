import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { binEdges, chooseMethod, datasetDrift, defaultMethod, driftPolicyOf, judge, psiLevel } from './drift-policy.js';
import { DriftMethod, PsiLevel, ReferenceProfileKind } from './monitoring.types.js';

const { NUMERIC, CATEGORICAL } = ReferenceProfileKind;
const measured = { psi: 0.2, jensenShannon: 0.12, ks: { statistic: 0.3, pValue: 0.04 }, wassersteinNormed: 0.09, chiSquare: { statistic: 5, pValue: 0.025 } };

describe('driftPolicyOf', () => {
  it('falls back to the defaults without a monitoring section', () => {
    expect(driftPolicyOf({})).toEqual({ psiModerate: 0.1, psiSignificant: 0.25, featureMethods: {}, retrainOnDrift: false });
  });

  it('reads PSI thresholds, per-feature methods and retrain_on_drift, and ignores malformed entries', () => {
    const policy = driftPolicyOf({
      monitoring: {
        drift: {
          thresholds: { psi_moderate: 0.05, psi_significant: 0.3 },
          feature_methods: { price: { method: 'PSI', threshold: 0.2 }, bogus: { method: 'MAGIC', threshold: 1 }, negative: { method: 'KS', threshold: -1 } },
          retrain_on_drift: true,
        },
      },
    });
    expect(policy).toEqual({ psiModerate: 0.05, psiSignificant: 0.3, featureMethods: { price: { method: DriftMethod.PSI, threshold: 0.2 } }, retrainOnDrift: true });
  });
});

describe('method selection (Evidently defaults)', () => {
  it('uses tests up to 1,000 reference rows and distances above', () => {
    expect(defaultMethod(NUMERIC, 1)).toEqual({ method: DriftMethod.KS, threshold: 0.05 });
    expect(defaultMethod(NUMERIC, 1_000)).toEqual({ method: DriftMethod.KS, threshold: 0.05 });
    expect(defaultMethod(NUMERIC, 1_001)).toEqual({ method: DriftMethod.WASSERSTEIN, threshold: 0.1 });
    expect(defaultMethod(CATEGORICAL, 1_000)).toEqual({ method: DriftMethod.CHI_SQUARE, threshold: 0.05 });
    expect(defaultMethod(CATEGORICAL, 1_001)).toEqual({ method: DriftMethod.JENSEN_SHANNON, threshold: 0.1 });
  });

  it('takes the manifest’s method for a feature when it applies to its kind', () => {
    const policy = driftPolicyOf({ monitoring: { drift: { feature_methods: { a: { method: 'PSI', threshold: 0.2 }, b: { method: 'KS', threshold: 0.01 } } } } });
    expect(chooseMethod(policy, 'a', NUMERIC, 50_000)).toEqual({ method: DriftMethod.PSI, threshold: 0.2 });
    expect(chooseMethod(policy, 'a', CATEGORICAL, 50)).toEqual({ method: DriftMethod.PSI, threshold: 0.2 });
    expect(chooseMethod(policy, 'b', NUMERIC, 50_000)).toEqual({ method: DriftMethod.KS, threshold: 0.01 });
    expect(chooseMethod(policy, 'b', CATEGORICAL, 50)).toBeNull();
    expect(chooseMethod(policy, 'toString', NUMERIC, 50)).toEqual({ method: DriftMethod.KS, threshold: 0.05 });
  });
});

describe('judge', () => {
  it('tests drift when p < threshold, distances when the distance reaches it', () => {
    expect(judge({ method: DriftMethod.KS, threshold: 0.05 }, measured)).toEqual({ score: 0.3, pValue: 0.04, drifted: true });
    expect(judge({ method: DriftMethod.KS, threshold: 0.01 }, measured)).toEqual({ score: 0.3, pValue: 0.04, drifted: false });
    expect(judge({ method: DriftMethod.CHI_SQUARE, threshold: 0.05 }, measured)).toEqual({ score: 5, pValue: 0.025, drifted: true });
    expect(judge({ method: DriftMethod.WASSERSTEIN, threshold: 0.1 }, measured)).toEqual({ score: 0.09, pValue: null, drifted: false });
    expect(judge({ method: DriftMethod.WASSERSTEIN, threshold: 0.09 }, measured).drifted).toBe(true);
    expect(judge({ method: DriftMethod.JENSEN_SHANNON, threshold: 0.1 }, measured)).toEqual({ score: 0.12, pValue: null, drifted: true });
    expect(judge({ method: DriftMethod.PSI, threshold: 0.25 }, measured)).toEqual({ score: 0.2, pValue: null, drifted: false });
  });

  it('reads a chi-square threshold ≥ 1 as the critical value of the statistic', () => {
    expect(judge({ method: DriftMethod.CHI_SQUARE, threshold: 3.841 }, measured).drifted).toBe(true);
    expect(judge({ method: DriftMethod.CHI_SQUARE, threshold: 7.815 }, measured).drifted).toBe(false);
  });
});

describe('psiLevel and data set drift', () => {
  it('grades PSI at 0.1 and 0.25 unless the manifest moves them', () => {
    const policy = driftPolicyOf({});
    expect([0, 0.0999, 0.1, 0.2499, 0.25, 3].map((psi) => psiLevel(psi, policy))).toEqual([PsiLevel.NONE, PsiLevel.NONE, PsiLevel.MODERATE, PsiLevel.MODERATE, PsiLevel.SIGNIFICANT, PsiLevel.SIGNIFICANT]);
    expect(psiLevel(0.2, { psiModerate: 0.05, psiSignificant: 0.15 })).toBe(PsiLevel.SIGNIFICANT);
  });

  it('says the data set drifts when at least half of its features do', () => {
    const of = (...flags: boolean[]) => datasetDrift(flags.map((drifted) => ({ drifted })));
    expect(of()).toEqual({ share: 0, drifted: false });
    expect(of(true, false)).toEqual({ share: 0.5, drifted: true });
    expect(of(true, false, false)).toEqual({ share: 1 / 3, drifted: false });
    expect(of(true)).toEqual({ share: 1, drifted: true });
  });
});

describe('binEdges', () => {
  it('closes the inner cuts with the smallest and largest value of both samples', () => {
    expect(binEdges({ cuts: [1, 2], reference: [0.3, 0.3, 0.4], current: [0.2, 0.2, 0.6] }, 0, 5)).toEqual([0, 1, 2, 5]);
    expect(binEdges({ cuts: [3], reference: [1, 0], current: [0.5, 0.5] }, 3, 3)).toEqual([3, 3, 3]);
  });
});
