/**
 * Seasonal naive: every future day repeats the last observed day of the same season phase.
 *
 *   ŷ_{T+h} = y_{T+h−m(k+1)},  k = ⌊(h−1)/m⌋
 *   σ_h = σ √(k + 1),  σ² = mean over t ≥ m of (y_t − y_{t−m})²   (FPP §5.5)
 */
export interface SeasonalNaiveFit {
  /** The last m observations, rotated so that lastSeason[0] is repeated on the first forecast day. */
  lastSeason: number[];
  sigma: number;
  fitRmse: number;
}

export function fitSeasonalNaive(y: ArrayLike<number>, n: number, m: number): SeasonalNaiveFit {
  let sse = 0;
  for (let t = m; t < n; t++) sse += (y[t]! - y[t - m]!) ** 2;
  const sigma = Math.sqrt(sse / Math.max(1, n - m));
  const lastSeason = Array.from({ length: m }, (_, j) => y[n - m + j]!);
  return { lastSeason, sigma, fitRmse: sigma };
}

export function forecastSeasonalNaive(fit: Pick<SeasonalNaiveFit, 'lastSeason' | 'sigma'>, horizon: number): { mean: Float64Array; sd: Float64Array } {
  const m = fit.lastSeason.length;
  const mean = new Float64Array(horizon);
  const sd = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    mean[h - 1] = fit.lastSeason[(h - 1) % m]!;
    sd[h - 1] = fit.sigma * Math.sqrt(Math.floor((h - 1) / m) + 1);
  }
  return { mean, sd };
}
