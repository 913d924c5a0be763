import { Matrix, solve } from 'ml-matrix';

/**
 * Known-ahead event regressors (promotions, holidays) for the smoothing learners, which cannot use
 * covariates themselves. Per series, one least-squares fit of
 *
 *   y_t = β₀ + β₁ t + Σ_k δ_k (t − κ_k)₊ + Σ_{d=1}^{m−1} ω_d [t mod m = d] + Σ_r λ_r x_{r,t} + ε_t
 *
 * (a piecewise-linear level with knots κ_k every KNOT_SPACING days, a seasonal dummy per phase, one
 * lift λ_r per event column) gives each event's additive lift in units. The learner then smooths
 * y_t − Σ_r λ_r x_{r,t} and adds Σ_r λ_r x_{r,T+h} back to its forecasts (the event calendar of the
 * forecast window is known in advance). An event column without events in the window gets λ = 0.
 */
const KNOT_SPACING = 91;

export function estimateEventLifts(y: ArrayLike<number>, n: number, m: number, events: ArrayLike<number>[]): number[] {
  const active = events.map((x) => {
    let count = 0;
    for (let t = 0; t < n; t++) count += x[t]!;
    return count > 0 && count < n;
  });
  if (!active.some(Boolean)) return events.map(() => 0);
  const knots: number[] = [];
  for (let k = KNOT_SPACING; k < n - KNOT_SPACING / 2; k += KNOT_SPACING) knots.push(k);
  const eventColumns = events.filter((_, r) => active[r]);
  const p = 2 + knots.length + (m - 1) + eventColumns.length;
  // Normal equations X'X β = X'y, accumulated row by row over each row's non-zero columns only
  // (no n × p matrix is built).
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const index = new Int32Array(p);
  const value = new Float64Array(p);
  const firstDummy = 1 + knots.length; // column of phase d is firstDummy + d (d = 1 … m−1)
  const firstEvent = 1 + knots.length + m;
  for (let t = 0; t < n; t++) {
    let nz = 0;
    index[nz] = 0;
    value[nz++] = 1;
    index[nz] = 1;
    value[nz++] = t / n;
    for (let k = 0; k < knots.length && t > knots[k]!; k++) {
      index[nz] = 2 + k;
      value[nz++] = (t - knots[k]!) / n;
    }
    const phase = t % m;
    if (phase > 0) {
      index[nz] = firstDummy + phase;
      value[nz++] = 1;
    }
    for (let r = 0; r < eventColumns.length; r++) {
      if (eventColumns[r]![t]! === 0) continue;
      index[nz] = firstEvent + r;
      value[nz++] = eventColumns[r]![t]!;
    }
    const yt = y[t]!;
    for (let a = 0; a < nz; a++) {
      const i = index[a]!;
      const vi = value[a]!;
      xty[i]! += vi * yt;
      for (let b = a; b < nz; b++) xtx[i * p + index[b]!]! += vi * value[b]!;
    }
  }
  const a = new Matrix(p, p);
  for (let i = 0; i < p; i++)
    for (let j = i; j < p; j++) {
      // A tiny ridge keeps the system solvable when a column is (nearly) constant.
      const v = xtx[i * p + j]! + (i === j ? 1e-9 * n : 0);
      a.set(i, j, v);
      a.set(j, i, v);
    }
  const beta = solve(a, Matrix.columnVector(Array.from(xty))).to1DArray();
  let next = 1 + knots.length + m;
  return events.map((_, r) => (active[r] ? beta[next++]! : 0));
}
