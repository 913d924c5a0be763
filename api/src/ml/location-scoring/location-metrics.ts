/**
 * The location-scoring-standard pack's metrics on scored sites with known first-year revenue:
 * - rank_correlation: Spearman's ρ between predicted and actual revenue (tied values share their mean rank).
 * - calibration: expected calibration error of the predicted revenue: sites are cut into `bins`
 *   equal-count bands by predicted revenue; the error is Σ (band share) × |mean predicted − mean actual|,
 *   divided by the mean actual revenue (0.05 = bands are off by 5% of the average store on average);
 *   the job uses fewer bands when a set is small, so that each band holds at least 15 sites.
 * - hit_rate_at_10: share of the top 10% of sites by score whose actual revenue reaches the revenue
 *   target (by default the 80th percentile of the training sites' revenue).
 * - lift_top_decile: mean actual revenue of the top 10% by score over the mean actual revenue of all.
 * - geographic_coverage: share of the target regions (regions of the scored sites) with at least
 *   `min_sites_per_region` training sites, i.e. where the model has enough local data to score.
 */

/** Average ranks (ties share their mean rank), 1-based. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n < 2) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(averageRanks(a), averageRanks(b));
}

/** Indices of the top `percent`% by score (at least one; ties broken by index). */
export function topIndices(score: ArrayLike<number>, percent: number): number[] {
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
  return order.slice(0, Math.max(1, Math.round((score.length * percent) / 100)));
}

export function calibrationError(predicted: ArrayLike<number>, actual: ArrayLike<number>, bins: number): number {
  const n = predicted.length;
  if (n === 0) return 0;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => predicted[a]! - predicted[b]! || a - b);
  let meanActual = 0;
  for (let i = 0; i < n; i++) meanActual += actual[i]!;
  meanActual /= n;
  let error = 0;
  const bands = Math.max(1, Math.min(bins, n));
  for (let b = 0; b < bands; b++) {
    const from = Math.floor((b * n) / bands);
    const to = Math.floor(((b + 1) * n) / bands);
    if (to <= from) continue;
    let p = 0;
    let a = 0;
    for (let k = from; k < to; k++) {
      p += predicted[order[k]!]!;
      a += actual[order[k]!]!;
    }
    error += Math.abs(p - a) / n;
  }
  return meanActual !== 0 ? error / Math.abs(meanActual) : 0;
}

export function hitRate(score: ArrayLike<number>, actual: ArrayLike<number>, percent: number, target: number): number {
  if (score.length === 0) return 0;
  const top = topIndices(score, percent);
  return top.filter((i) => actual[i]! >= target).length / top.length;
}

export function liftAtTop(score: ArrayLike<number>, actual: ArrayLike<number>, percent: number): number {
  const n = actual.length;
  if (n === 0) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i]!;
  mean /= n;
  const top = topIndices(score, percent);
  const topMean = top.reduce((s, i) => s + actual[i]!, 0) / top.length;
  return mean !== 0 ? topMean / mean : 0;
}

/** Covered and total target regions: a region of `scoredRegions` is covered when `trainingRegions` holds it ≥ `minSites` times. */
export function regionCoverage(scoredRegions: readonly string[], trainingRegions: readonly string[], minSites: number): { covered: number; total: number } {
  const training = new Map<string, number>();
  for (const region of trainingRegions) training.set(region, (training.get(region) ?? 0) + 1);
  const targets = new Set(scoredRegions);
  let covered = 0;
  for (const region of targets) if ((training.get(region) ?? 0) >= minSites) covered += 1;
  return { covered, total: targets.size };
}

/** The `q`-quantile (0–1) by linear interpolation between order statistics. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (position - lo);
}

export interface LocationMetrics {
  rank_correlation: number;
  calibration: number;
  hit_rate_at_10: number;
  lift_top_decile: number;
  geographic_coverage: number;
}
