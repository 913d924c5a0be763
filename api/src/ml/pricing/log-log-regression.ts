import { inverse, Matrix } from 'ml-matrix';

/**
 * Log-log demand regression for one segment, with a fixed effect (own intercept) per series:
 *
 *   y_iw = a_i + e · log p_iw + Σ_j β_j x_j,iw + u_iw        y = log(units) or log(1 + units)
 *
 * estimated "within": y and every x are demeaned per series, then ridge regression on standardised
 * columns z_j = x̃_j / sd_j:  b = (ZᵀZ + αI)⁻¹ Zᵀỹ,  β_j = b_j / sd_j. ZᵀZ has N (rows) on its
 * diagonal, so a small α (the recipe's 0.5) barely shrinks. Before fitting, each control is screened
 * in order: it is dropped when it has no variation within series, or when the columns already kept
 * explain more than MAX_R2 of it (R²_j = 1 − (G_jj − G_jS G_SS⁻¹ G_Sj) / G_jj on the within Gram
 * matrix G): e.g. price_ratio_to_competitor ≈ 1 + log p − log competitor. The elasticity e (column 0,
 * never dropped) is clipped into the recipe's bounds. Series intercepts a_i = ȳ_i − x̄_iᵀβ; the
 * retransformation to units uses Duan's smearing factor S = mean(exp(residual)).
 */
export const MAX_R2 = 0.95;

export interface RegressionInput {
  /** Series id of each row. */
  series: Int32Array;
  y: Float64Array;
  /** Columns: [log price, ...controls]. */
  x: Float64Array[];
  names: string[];
}

export interface RegressionOptions {
  alpha: number;
  bounds: [number, number];
}

export interface RegressionFit {
  /** Coefficient per input column (0 for a dropped column); coefficients[0] is the clipped elasticity. */
  coefficients: number[];
  dropped: Array<{ name: string; reason: string }>;
  elasticity: number;
  rawElasticity: number;
  elasticityStdError: number;
  clipped: boolean;
  smear: number;
  residualSd: number;
  rows: number;
  /** Intercept a_i per series id present in the segment. */
  intercepts: Map<number, number>;
}

/** Per-series means of each column: key series id → [ȳ, x̄_0, x̄_1, …]. */
function seriesMeans(input: RegressionInput): Map<number, number[]> {
  const sums = new Map<number, number[]>();
  const k = input.x.length;
  for (let r = 0; r < input.y.length; r++) {
    const s = input.series[r]!;
    let acc = sums.get(s);
    if (!acc) sums.set(s, (acc = new Array<number>(k + 2).fill(0)));
    acc[0]! += input.y[r]!;
    for (let j = 0; j < k; j++) acc[j + 1]! += input.x[j]![r]!;
    acc[k + 1]! += 1;
  }
  const means = new Map<number, number[]>();
  for (const [s, acc] of sums) means.set(s, acc.slice(0, k + 1).map((v) => v / acc[k + 1]!));
  return means;
}

/** Intercepts a_i = mean_i(y − Σ β_j x_j) of the given rows. */
export function seriesIntercepts(input: RegressionInput, coefficients: number[]): Map<number, number> {
  const sums = new Map<number, [number, number]>();
  for (let r = 0; r < input.y.length; r++) {
    let v = input.y[r]!;
    for (let j = 0; j < coefficients.length; j++) v -= coefficients[j]! * input.x[j]![r]!;
    const acc = sums.get(input.series[r]!) ?? [0, 0];
    acc[0] += v;
    acc[1] += 1;
    sums.set(input.series[r]!, acc);
  }
  return new Map([...sums].map(([s, [sum, n]]) => [s, sum / n]));
}

export function fitLogLog(input: RegressionInput, options: RegressionOptions): RegressionFit {
  const n = input.y.length;
  const k = input.x.length;
  const means = seriesMeans(input);
  // Within (demeaned) Gram matrix G = X̃ᵀX̃ and X̃ᵀỹ.
  const g = new Matrix(k, k);
  const xty = new Float64Array(k);
  const row = new Float64Array(k);
  for (let r = 0; r < n; r++) {
    const m = means.get(input.series[r]!)!;
    const yr = input.y[r]! - m[0]!;
    for (let j = 0; j < k; j++) row[j] = input.x[j]![r]! - m[j + 1]!;
    for (let i = 0; i < k; i++) {
      xty[i]! += row[i]! * yr;
      for (let j = i; j < k; j++) g.set(i, j, g.get(i, j) + row[i]! * row[j]!);
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) g.set(i, j, g.get(j, i));

  const kept: number[] = [0];
  const dropped: RegressionFit['dropped'] = [];
  for (let j = 1; j < k; j++) {
    const gjj = g.get(j, j);
    if (gjj <= 1e-10 * n) {
      dropped.push({ name: input.names[j]!, reason: 'no variation within series' });
      continue;
    }
    const gss = g.selection(kept, kept);
    const gsj = g.selection(kept, [j]);
    const explained = gsj.transpose().mmul(inverse(gss, true)).mmul(gsj).get(0, 0);
    const r2 = explained / gjj;
    if (r2 > MAX_R2) {
      dropped.push({ name: input.names[j]!, reason: `collinear with ${kept.map((i) => input.names[i]).join(', ')} (R² ${r2.toFixed(3)})` });
      continue;
    }
    kept.push(j);
  }

  const sd = kept.map((j) => Math.sqrt(g.get(j, j) / n));
  const ztz = new Matrix(kept.length, kept.length);
  kept.forEach((a, i) => kept.forEach((b, j) => ztz.set(i, j, g.get(a, b) / (sd[i]! * sd[j]!) + (i === j ? options.alpha : 0))));
  const zty = Matrix.columnVector(kept.map((j, i) => xty[j]! / sd[i]!));
  const ztzInv = inverse(ztz, true);
  const b = ztzInv.mmul(zty).to1DArray();
  const coefficients = new Array<number>(k).fill(0);
  kept.forEach((j, i) => (coefficients[j] = b[i]! / sd[i]!));

  const rawElasticity = coefficients[0]!;
  const elasticity = Math.min(options.bounds[1], Math.max(options.bounds[0], rawElasticity));
  coefficients[0] = elasticity;
  const intercepts = seriesIntercepts(input, coefficients);

  let sse = 0;
  let smear = 0;
  for (let r = 0; r < n; r++) {
    let fit = intercepts.get(input.series[r]!)!;
    for (let j = 0; j < k; j++) fit += coefficients[j]! * input.x[j]![r]!;
    const residual = input.y[r]! - fit;
    sse += residual * residual;
    smear += Math.exp(residual);
  }
  const dof = Math.max(1, n - means.size - kept.length);
  const residualSd = Math.sqrt(sse / dof);
  return {
    coefficients,
    dropped,
    elasticity,
    rawElasticity,
    elasticityStdError: (residualSd * Math.sqrt(ztzInv.get(0, 0))) / sd[0]!,
    clipped: elasticity !== rawElasticity,
    smear: smear / n,
    residualSd,
    rows: n,
    intercepts,
  };
}
