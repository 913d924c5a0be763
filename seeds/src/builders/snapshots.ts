import { chiSquarePValue, ksPValue } from '../stats.js';
import type { DriftFeature, FamilyDefinition, MonitoringPlan } from '../spec.js';
import type { DriftMethod, SeedSnapshot } from '../types.js';
import { type Rng, hoursBefore, lerp, round, roundMetric } from '../util.js';

type DriftRow = SeedSnapshot['drift'][number];

const SCORE_DECIMALS: Readonly<Record<DriftMethod, number>> = {
  PSI: 4,
  KS: 4,
  WASSERSTEIN: 3,
  JENSEN_SHANNON: 4,
  CHI_SQUARE: 2,
};

/** Drift grows faster towards the end of the window. */
const DRIFT_GROWTH_EXPONENT = 1.5;

function pValue(feature: DriftFeature, score: number, referenceSize: number, currentSize: number): number | null {
  switch (feature.method) {
    case 'KS':
      return Number(ksPValue(score, referenceSize, currentSize).toPrecision(4));
    case 'CHI_SQUARE':
      if (!feature.categories) throw new Error(`${feature.feature}: chi-square needs categories`);
      return Number(chiSquarePValue(score, feature.categories - 1).toPrecision(4));
    default:
      return null;
  }
}

function driftRows(def: FamilyDefinition, plan: MonitoringPlan, t: number, rowCount: number, rng: Rng): DriftRow[] {
  return def.driftFeatures.map((feature) => {
    const trajectory = plan.drift[feature.feature];
    if (!trajectory) throw new Error(`${def.slug}: no drift trajectory for ${feature.feature}`);
    const raw = lerp(trajectory[0], trajectory[1], t ** DRIFT_GROWTH_EXPONENT);
    const score = round(rng.jitter(raw, 0.05), SCORE_DECIMALS[feature.method]);
    return {
      feature: feature.feature,
      method: feature.method,
      score,
      pValue: pValue(feature, score, def.driftSampleSize, Math.min(rowCount, def.driftSampleSize)),
      threshold: feature.threshold,
      drifted: score >= feature.threshold,
    };
  });
}

function lagHours(plan: MonitoringPlan, fromNewest: number, rng: Rng): number {
  const trailing = plan.freshness.trailingLagHours ?? [];
  const override = trailing[trailing.length - 1 - fromNewest];
  const [min, max] = plan.freshness.typicalLagHours;
  return round(override ?? rng.range(min, max), 1);
}

/**
 * Monitoring snapshots, oldest first, ending `latestHoursAgo` before now.
 * Performance degrades and drift grows over the window; every other
 * snapshot counting back from the newest is marked for evaluation.
 */
export function buildSnapshots(def: FamilyDefinition, plan: MonitoringPlan, now: Date, rng: Rng): SeedSnapshot[] {
  const n = plan.snapshots;
  if (plan.evaluated > Math.ceil(n / 2)) throw new Error(`${def.slug}: cannot evaluate ${plan.evaluated} of ${n} snapshots`);

  return Array.from({ length: n }, (_, i) => {
    const fromNewest = n - 1 - i;
    const t = n === 1 ? 1 : i / (n - 1);
    const recordedAt = hoursBefore(now, plan.latestHoursAgo + fromNewest * plan.everyHours);
    const rowCount = Math.round(rng.jitter(plan.rowCount * (1 + 0.015 * t), 0.02));

    const performance = def.pack.rules.map((rule) => {
      const trajectory = plan.performance[rule.key];
      if (!trajectory) throw new Error(`${def.slug}: no performance trajectory for ${rule.key}`);
      const value = rng.jitter(lerp(trajectory[0], trajectory[1], t ** plan.degradationExponent), 0.01);
      return { key: rule.key, value: roundMetric(value, def.metricDecimals?.[rule.key]) };
    });

    const lag = lagHours(plan, fromNewest, rng);
    return {
      recordedAt,
      performance,
      rowCount,
      drift: driftRows(def, plan, t, rowCount, rng),
      freshness: { lastDataAt: hoursBefore(recordedAt, lag), lagHours: lag, limitHours: def.freshnessLimitHours },
      evaluate: fromNewest % 2 === 0 && fromNewest / 2 < plan.evaluated,
    };
  });
}
