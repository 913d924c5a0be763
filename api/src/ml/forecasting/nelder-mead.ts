/**
 * Nelder–Mead simplex minimisation (standard coefficients: reflection 1, expansion 2, contraction ½,
 * shrink ½). Small, derivative-free, deterministic: enough for the 3–4 smoothing parameters of
 * Holt-Winters.
 */
export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
}

export function minimize(f: (x: number[]) => number, x0: number[], options: { maxIter: number; step?: number; tolerance?: number }): MinimizeResult {
  const dims = x0.length;
  const step = options.step ?? 1;
  const tolerance = options.tolerance ?? 1e-6;
  let simplex = [x0.slice()];
  for (let i = 0; i < dims; i++) {
    const x = x0.slice();
    x[i]! += step;
    simplex.push(x);
  }
  let values = simplex.map(f);
  const centroidOf = (order: number[]) => {
    const c = new Array<number>(dims).fill(0);
    for (let k = 0; k < dims; k++) for (let i = 0; i < dims; i++) c[i]! += simplex[order[k]!]![i]! / dims;
    return c;
  };
  const along = (c: number[], x: number[], t: number) => c.map((ci, i) => ci + t * (x[i]! - ci));
  let iterations = 0;
  for (; iterations < options.maxIter; iterations++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    const best = order[0]!;
    const worst = order[dims]!;
    const secondWorst = order[dims - 1]!;
    if (Math.abs(values[worst]! - values[best]!) <= tolerance * (Math.abs(values[best]!) + tolerance)) break;
    const c = centroidOf(order);
    const reflected = along(c, simplex[worst]!, -1);
    const fr = f(reflected);
    if (fr < values[best]!) {
      const expanded = along(c, simplex[worst]!, -2);
      const fe = f(expanded);
      if (fe < fr) [simplex[worst], values[worst]] = [expanded, fe];
      else [simplex[worst], values[worst]] = [reflected, fr];
    } else if (fr < values[secondWorst]!) {
      [simplex[worst], values[worst]] = [reflected, fr];
    } else {
      const outside = fr < values[worst]!;
      const contracted = along(c, outside ? reflected : simplex[worst]!, 0.5);
      const fc = f(contracted);
      if (fc < (outside ? fr : values[worst]!)) [simplex[worst], values[worst]] = [contracted, fc];
      else {
        const xb = simplex[best]!;
        simplex = simplex.map((x, i) => (i === best ? x : along(xb, x, 0.5)));
        values = simplex.map((x, i) => (i === best ? values[i]! : f(x)));
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= dims; i++) if (values[i]! < values[best]!) best = i;
  return { x: simplex[best]!, value: values[best]!, iterations };
}
