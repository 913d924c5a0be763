/**
 * Pricing metrics. Demand is simulated against the ground-truth demand curve q_i,w(p) (the data set's
 * expected units of series i in week w at shelf price p); p0_i is the current regular price, p*_i the
 * recommended one, c_i the unit cost.
 *
 *   revenue_lift          = Σ_{i,w} p*_i q_i,w(p*_i) / Σ_{i,w} p0_i q_i,w(p0_i) − 1
 *   margin_impact         = M(p*) − M(p0),  M(p) = Σ (p_i − c_i) q_i,w(p_i) / Σ p_i q_i,w(p_i)
 *                           (gross-margin rate, in points: 0.015 = +1.5 pp)
 *   profit_lift           = Σ (p*_i − c_i) q_i,w(p*_i) / Σ (p0_i − c_i) q_i,w(p0_i) − 1
 *   elasticity_accuracy   = 1 − mean_i min(1, |ê_i − e_i| / |e_i|)   (per series: its segment's estimate)
 *   calibration           = mean over (segment, week) of |Σ û / Σ u − 1|   (predicted vs realised units)
 *   constraint_violations = #recommendations breaking a guardrail
 */
export const PRICING_METRIC_KEYS = ['revenue_lift', 'margin_impact', 'elasticity_accuracy', 'calibration', 'constraint_violations', 'profit_lift'] as const;
export type PricingMetricKey = (typeof PRICING_METRIC_KEYS)[number];
export type PricingMetrics = Record<PricingMetricKey, number>;

/** One series' outcome under the current and the recommended price, summed over the evaluated weeks. */
export interface SimulatedOutcome {
  cost: number;
  currentPrice: number;
  recommendedPrice: number;
  /** Σ_w q_i,w(p0) and Σ_w q_i,w(p*): expected units under each price. */
  currentUnits: number;
  recommendedUnits: number;
}

export function revenueLift(outcomes: SimulatedOutcome[]): number {
  let now = 0;
  let rec = 0;
  for (const o of outcomes) {
    now += o.currentPrice * o.currentUnits;
    rec += o.recommendedPrice * o.recommendedUnits;
  }
  return now > 0 ? rec / now - 1 : 0;
}

export function marginImpact(outcomes: SimulatedOutcome[]): number {
  let revNow = 0;
  let revRec = 0;
  let marNow = 0;
  let marRec = 0;
  for (const o of outcomes) {
    revNow += o.currentPrice * o.currentUnits;
    revRec += o.recommendedPrice * o.recommendedUnits;
    marNow += (o.currentPrice - o.cost) * o.currentUnits;
    marRec += (o.recommendedPrice - o.cost) * o.recommendedUnits;
  }
  return revNow > 0 && revRec > 0 ? marRec / revRec - marNow / revNow : 0;
}

export function profitLift(outcomes: SimulatedOutcome[]): number {
  let now = 0;
  let rec = 0;
  for (const o of outcomes) {
    now += (o.currentPrice - o.cost) * o.currentUnits;
    rec += (o.recommendedPrice - o.cost) * o.recommendedUnits;
  }
  return now > 0 ? rec / now - 1 : 0;
}

export function elasticityAccuracy(estimated: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (estimated.length === 0) return 0;
  let error = 0;
  for (let i = 0; i < estimated.length; i++) error += Math.min(1, Math.abs(estimated[i]! - truth[i]!) / Math.abs(truth[i]!));
  return 1 - error / estimated.length;
}

/** `groups[k]` = the rows (indices into predicted/actual) of one segment-week. Groups without units are skipped. */
export function calibration(predicted: ArrayLike<number>, actual: ArrayLike<number>, groups: number[][]): number {
  let sum = 0;
  let count = 0;
  for (const rows of groups) {
    let p = 0;
    let a = 0;
    for (const r of rows) {
      p += predicted[r]!;
      a += actual[r]!;
    }
    if (a <= 0) continue;
    sum += Math.abs(p / a - 1);
    count++;
  }
  return count ? sum / count : 0;
}

export function roundPricingMetrics(metrics: PricingMetrics): PricingMetrics {
  const out = { ...metrics };
  for (const key of PRICING_METRIC_KEYS) out[key] = key === 'constraint_violations' ? Math.round(metrics[key]) : Math.round(metrics[key] * 10_000) / 10_000;
  return out;
}
