import type { CategoricalDrift, NumericDrift } from '../../ml/stats/index.js';
import { DriftMethod, type DriftHistogram, type FeatureDrift, PsiLevel, ReferenceProfileKind } from './monitoring.types.js';

/**
 * How drift is judged (pure): the method and threshold per feature, Evidently's defaults unless the
 * manifest's `monitoring.drift.feature_methods` says otherwise, PSI levels, and data set drift.
 */

/** Reference sizes up to this use statistical tests (KS, chi-square); larger ones use distances (Evidently's rule). */
export const SMALL_REFERENCE_ROWS = 1_000;
/** The data set drifts when at least this share of its features drift. */
export const DATASET_DRIFT_SHARE = 0.5;
export const DEFAULT_P_VALUE = 0.05;
export const DEFAULT_DISTANCE = 0.1;
export const DEFAULT_PSI = { moderate: 0.1, significant: 0.25 } as const;

export interface MethodChoice {
  method: DriftMethod;
  threshold: number;
}

export interface DriftPolicy {
  psiModerate: number;
  psiSignificant: number;
  /** `monitoring.drift.feature_methods`: a method and threshold per feature. */
  featureMethods: Record<string, MethodChoice>;
  /** `monitoring.drift.retrain_on_drift`: queue a TRAIN run (trigger DRIFT) when the data set drifts. */
  retrainOnDrift: boolean;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);
const positive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;
const METHODS = new Set<string>(Object.values(DriftMethod));

/** The drift policy of a resolved manifest (missing or malformed entries fall back to the defaults). */
export function driftPolicyOf(manifest: Json): DriftPolicy {
  const monitoring = isObject(manifest.monitoring) ? manifest.monitoring : {};
  const drift = isObject(monitoring.drift) ? monitoring.drift : {};
  const thresholds = isObject(drift.thresholds) ? drift.thresholds : {};
  const featureMethods: Record<string, MethodChoice> = {};
  if (isObject(drift.feature_methods)) {
    for (const [feature, entry] of Object.entries(drift.feature_methods)) {
      if (isObject(entry) && typeof entry.method === 'string' && METHODS.has(entry.method) && positive(entry.threshold)) {
        featureMethods[feature] = { method: entry.method as DriftMethod, threshold: entry.threshold };
      }
    }
  }
  return {
    psiModerate: positive(thresholds.psi_moderate) ? thresholds.psi_moderate : DEFAULT_PSI.moderate,
    psiSignificant: positive(thresholds.psi_significant) ? thresholds.psi_significant : DEFAULT_PSI.significant,
    featureMethods,
    retrainOnDrift: drift.retrain_on_drift === true,
  };
}

/** The methods that apply to a kind of feature. */
export const APPLICABLE: Record<ReferenceProfileKind, readonly DriftMethod[]> = {
  [ReferenceProfileKind.NUMERIC]: [DriftMethod.KS, DriftMethod.WASSERSTEIN, DriftMethod.PSI, DriftMethod.JENSEN_SHANNON],
  [ReferenceProfileKind.CATEGORICAL]: [DriftMethod.CHI_SQUARE, DriftMethod.PSI, DriftMethod.JENSEN_SHANNON],
};

/**
 * Evidently's default for a feature: numeric ≤ 1,000 reference rows → KS (p < 0.05), else normed
 * Wasserstein (≥ 0.1); categorical ≤ 1,000 → chi-square (p < 0.05), else Jensen–Shannon (≥ 0.1).
 */
export function defaultMethod(kind: ReferenceProfileKind, referenceRows: number): MethodChoice {
  const small = referenceRows <= SMALL_REFERENCE_ROWS;
  if (kind === ReferenceProfileKind.NUMERIC) return small ? { method: DriftMethod.KS, threshold: DEFAULT_P_VALUE } : { method: DriftMethod.WASSERSTEIN, threshold: DEFAULT_DISTANCE };
  return small ? { method: DriftMethod.CHI_SQUARE, threshold: DEFAULT_P_VALUE } : { method: DriftMethod.JENSEN_SHANNON, threshold: DEFAULT_DISTANCE };
}

/** The manifest's choice for the feature when there is one, else the default; null when the manifest names a method that does not apply to the kind. */
export function chooseMethod(policy: DriftPolicy, feature: string, kind: ReferenceProfileKind, referenceRows: number): MethodChoice | null {
  const override = Object.hasOwn(policy.featureMethods, feature) ? policy.featureMethods[feature] : undefined;
  if (!override) return defaultMethod(kind, referenceRows);
  return APPLICABLE[kind].includes(override.method) ? override : null;
}

export function psiLevel(psi: number, policy: Pick<DriftPolicy, 'psiModerate' | 'psiSignificant'>): PsiLevel {
  if (psi >= policy.psiSignificant) return PsiLevel.SIGNIFICANT;
  if (psi >= policy.psiModerate) return PsiLevel.MODERATE;
  return PsiLevel.NONE;
}

interface Measured {
  psi: number;
  jensenShannon: number;
  ks?: { statistic: number; pValue: number };
  wassersteinNormed?: number;
  chiSquare?: { statistic: number; pValue: number };
}

/**
 * Score, p-value and verdict of a method. Tests (KS, chi-square) drift when p < threshold, the
 * threshold being the p-value level; a CHI_SQUARE threshold ≥ 1 cannot be a p-value level and is read
 * as the critical value of the statistic (drift when statistic ≥ threshold), the way the seeded
 * manifests state it. Distances (PSI, normed Wasserstein, Jensen–Shannon) drift when ≥ threshold, as
 * Evidently compares them.
 */
export function judge(choice: MethodChoice, measured: Measured): { score: number; pValue: number | null; drifted: boolean } {
  const { method, threshold } = choice;
  switch (method) {
    case DriftMethod.KS: {
      const ks = measured.ks!;
      return { score: ks.statistic, pValue: ks.pValue, drifted: ks.pValue < threshold };
    }
    case DriftMethod.CHI_SQUARE: {
      const chi = measured.chiSquare!;
      return { score: chi.statistic, pValue: chi.pValue, drifted: threshold >= 1 ? chi.statistic >= threshold : chi.pValue < threshold };
    }
    case DriftMethod.WASSERSTEIN:
      return { score: measured.wassersteinNormed!, pValue: null, drifted: measured.wassersteinNormed! >= threshold };
    case DriftMethod.JENSEN_SHANNON:
      return { score: measured.jensenShannon, pValue: null, drifted: measured.jensenShannon >= threshold };
    case DriftMethod.PSI:
      return { score: measured.psi, pValue: null, drifted: measured.psi >= threshold };
  }
}

const formatEdge = (value: number) => (Number.isInteger(value) ? String(value) : Number(value.toPrecision(4)).toString());

/** Bin edges of a numeric drift: the stats' inner cuts, closed by the smallest and largest value of both samples. */
export function binEdges(bins: NumericDrift['bins'], low: number, high: number): number[] {
  return [Math.min(low, bins.cuts[0] ?? low), ...bins.cuts, Math.max(high, bins.cuts.at(-1) ?? high)];
}

/** Labels of right-closed bins between `edges`: `[a, b]` for the first, `(a, b]` for the others. */
export function binLabels(edges: readonly number[]): string[] {
  return edges.slice(0, -1).map((a, i) => `${i === 0 ? '[' : '('}${formatEdge(a)}, ${formatEdge(edges[i + 1]!)}]`);
}

export function numericHistogram(bins: NumericDrift['bins'], low: number, high: number): DriftHistogram {
  const edges = binEdges(bins, low, high);
  return { edges, labels: binLabels(edges), reference: [...bins.reference], current: [...bins.current] };
}

export function categoricalHistogram(categories: CategoricalDrift['categories']): DriftHistogram {
  return { edges: null, labels: categories.map((c) => c.value), reference: categories.map((c) => c.reference), current: categories.map((c) => c.current) };
}

export interface NumericInput {
  feature: string;
  choice: MethodChoice;
  referenceRows: number;
  currentRows: number;
  stats: NumericDrift;
  /** Smallest and largest value of both samples (outer histogram edges). */
  low: number;
  high: number;
}

export function numericFeatureDrift(input: NumericInput, policy: DriftPolicy): FeatureDrift {
  const { stats } = input;
  const verdict = judge(input.choice, { psi: stats.psi, jensenShannon: stats.jensenShannon, ks: stats.ks, wassersteinNormed: stats.wassersteinNormed });
  return {
    feature: input.feature,
    method: input.choice.method,
    threshold: input.choice.threshold,
    ...verdict,
    kind: ReferenceProfileKind.NUMERIC,
    psi: stats.psi,
    psiLevel: psiLevel(stats.psi, policy),
    ksStatistic: stats.ks.statistic,
    ksPValue: stats.ks.pValue,
    wasserstein: stats.wasserstein,
    wassersteinNormed: stats.wassersteinNormed,
    jensenShannon: stats.jensenShannon,
    chiSquare: null,
    chiSquarePValue: null,
    referenceRows: input.referenceRows,
    currentRows: input.currentRows,
    histogram: numericHistogram(stats.bins, input.low, input.high),
  };
}

export interface CategoricalInput {
  feature: string;
  choice: MethodChoice;
  referenceRows: number;
  currentRows: number;
  stats: CategoricalDrift;
}

export function categoricalFeatureDrift(input: CategoricalInput, policy: DriftPolicy): FeatureDrift {
  const { stats } = input;
  const chiSquare = { statistic: stats.chiSquare.statistic, pValue: stats.chiSquare.pValue };
  const verdict = judge(input.choice, { psi: stats.psi, jensenShannon: stats.jensenShannon, chiSquare });
  return {
    feature: input.feature,
    method: input.choice.method,
    threshold: input.choice.threshold,
    ...verdict,
    kind: ReferenceProfileKind.CATEGORICAL,
    psi: stats.psi,
    psiLevel: psiLevel(stats.psi, policy),
    ksStatistic: null,
    ksPValue: null,
    wasserstein: null,
    wassersteinNormed: null,
    jensenShannon: stats.jensenShannon,
    chiSquare: chiSquare.statistic,
    chiSquarePValue: chiSquare.pValue,
    referenceRows: input.referenceRows,
    currentRows: input.currentRows,
    histogram: categoricalHistogram(stats.categories),
  };
}

/** Share of drifted features and whether the data set drifts (share ≥ 0.5; never without features). */
export function datasetDrift(drift: readonly Pick<FeatureDrift, 'drifted'>[]): { share: number; drifted: boolean } {
  if (drift.length === 0) return { share: 0, drifted: false };
  const share = drift.filter((d) => d.drifted).length / drift.length;
  return { share, drifted: share >= DATASET_DRIFT_SHARE };
}
