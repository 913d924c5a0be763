import { Matrix, solve } from 'ml-matrix';

/**
 * Ridge-penalised logistic regression fitted by Newton–Raphson (IRLS). Chosen over the
 * `ml-logistic-regression` package, which runs a fixed number of plain gradient steps (50,000 by
 * default) without an intercept or a convergence test: Newton converges in under ten iterations here.
 * The intercept is not penalised.
 */
export interface LogisticFit {
  /** [intercept, ...weights]. */
  coefficients: number[];
  iterations: number;
  /** Mean log-loss after each iteration. */
  losses: number[];
  converged: boolean;
}

export interface LogisticOptions {
  l2: number;
  maxIterations: number;
  tolerance: number;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** `x` is row-major (n × d), `y` holds 0/1. */
export function fitLogistic(x: Float64Array, y: Float64Array, d: number, options: LogisticOptions): LogisticFit {
  const n = y.length;
  const k = d + 1;
  const beta = new Float64Array(k);
  const losses: number[] = [];
  let converged = false;
  let iterations = 0;
  const p = new Float64Array(n);
  while (iterations < options.maxIterations) {
    iterations += 1;
    const gradient = new Float64Array(k);
    const hessian = new Float64Array(k * k);
    for (let i = 0; i < n; i++) {
      let z = beta[0]!;
      const row = i * d;
      for (let j = 0; j < d; j++) z += beta[j + 1]! * x[row + j]!;
      const pi = sigmoid(z);
      p[i] = pi;
      const w = Math.max(pi * (1 - pi), 1e-9);
      const r = y[i]! - pi;
      gradient[0] = gradient[0]! + r;
      hessian[0] = hessian[0]! + w;
      for (let a = 0; a < d; a++) {
        const xa = x[row + a]!;
        gradient[a + 1] = gradient[a + 1]! + r * xa;
        const wxa = w * xa;
        hessian[a + 1] = hessian[a + 1]! + wxa;
        const base = (a + 1) * k;
        for (let b = 0; b <= a; b++) hessian[base + b + 1] = hessian[base + b + 1]! + wxa * x[row + b]!;
      }
    }
    for (let a = 1; a < k; a++) {
      gradient[a] = gradient[a]! - options.l2 * beta[a]!;
      hessian[a * k + a] = hessian[a * k + a]! + options.l2;
      hessian[a * k] = hessian[a]!;
      for (let b = 1; b < a; b++) hessian[b * k + a] = hessian[a * k + b]!;
    }
    const rows: number[][] = [];
    for (let a = 0; a < k; a++) rows.push(Array.from(hessian.subarray(a * k, a * k + k)));
    const step = solve(new Matrix(rows), Matrix.columnVector(Array.from(gradient))).to1DArray();
    let largest = 0;
    for (let a = 0; a < k; a++) {
      beta[a] = beta[a]! + step[a]!;
      largest = Math.max(largest, Math.abs(step[a]!));
    }
    losses.push(logLoss(x, y, d, beta));
    if (largest < options.tolerance) {
      converged = true;
      break;
    }
  }
  return { coefficients: Array.from(beta), iterations, losses, converged };
}

export function predictLogistic(x: Float64Array, n: number, d: number, coefficients: readonly number[]): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = coefficients[0]!;
    for (let j = 0; j < d; j++) z += coefficients[j + 1]! * x[i * d + j]!;
    out[i] = sigmoid(z);
  }
  return out;
}

function logLoss(x: Float64Array, y: Float64Array, d: number, beta: Float64Array): number {
  const p = predictLogistic(x, y.length, d, Array.from(beta));
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const pi = Math.min(Math.max(p[i]!, 1e-12), 1 - 1e-12);
    sum -= y[i]! * Math.log(pi) + (1 - y[i]!) * Math.log(1 - pi);
  }
  return sum / Math.max(y.length, 1);
}
