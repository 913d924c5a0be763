/**
 * The nba-standard pack's metrics, measured on a randomised holdout (every customer's action was drawn
 * at random, so comparing the customers who happened to get the recommended action with those who
 * got the control action is an unbiased estimate of the policy's effect):
 * - uplift: for the customers the policy treats (recommendation ≠ control), conversion rate of those
 *   who received the recommended action minus conversion rate of those who received the control.
 * - precision_at_10: the same difference within the top `topPercent`% of customers by uplift score
 *   (the score is the best treatment action's predicted uplift): the share of the top decile that
 *   converts incrementally.
 * - qini_coefficient: area between the Qini curve and the random line, over the same area for the
 *   perfect ordering (scikit-uplift's `qini_auc_score` with negative effects); treatment = received the
 *   customer's best treatment action, control = received the control action.
 * - incremental_revenue: as uplift but on net revenue, in USD per 1,000 treated customers.
 * - action_distribution: normalised entropy of the recommended actions (1 = every action used evenly,
 *   0 = one action for everybody), over all the actions including the control.
 */
export interface Curve {
  x: number[];
  y: number[];
}

/** Qini curve (x = customers targeted, y = incremental conversions), as scikit-uplift's `qini_curve`. */
export function qiniCurve(outcome: ArrayLike<number>, score: ArrayLike<number>, treatment: ArrayLike<number>): Curve {
  const n = outcome.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
  const x = [0];
  const y = [0];
  let treated = 0;
  let treatedOutcome = 0;
  let controlOutcome = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (treatment[i]) {
      treated += 1;
      treatedOutcome += outcome[i]!;
    } else {
      controlOutcome += outcome[i]!;
    }
    const last = k === n - 1 || score[order[k + 1]!] !== score[i];
    if (!last) continue;
    const all = k + 1;
    const control = all - treated;
    x.push(all);
    y.push(treatedOutcome - (control > 0 ? (controlOutcome * treated) / control : 0));
  }
  return { x, y };
}

function area(curve: Curve): number {
  let sum = 0;
  for (let k = 1; k < curve.x.length; k++) sum += ((curve.x[k]! - curve.x[k - 1]!) * (curve.y[k]! + curve.y[k - 1]!)) / 2;
  return sum;
}

/** Normalised Qini coefficient; 0 when it is undefined (no treated or no control rows). */
export function qiniCoefficient(outcome: ArrayLike<number>, score: ArrayLike<number>, treatment: ArrayLike<number>): number {
  const n = outcome.length;
  if (n === 0) return 0;
  const actual = qiniCurve(outcome, score, treatment);
  const perfectScore = Array.from({ length: n }, (_, i) => (treatment[i] ? outcome[i]! : -outcome[i]!));
  const perfect = qiniCurve(outcome, perfectScore, treatment);
  const end = perfect.y[perfect.y.length - 1]!;
  const baseline = (n * end) / 2;
  const denominator = area(perfect) - baseline;
  return denominator !== 0 ? (area(actual) - baseline) / denominator : 0;
}

/** Normalised entropy (0–1) of `labels` over `categories` possible values. */
export function normalisedEntropy(labels: readonly string[], categories: number): number {
  if (labels.length === 0 || categories < 2) return 0;
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / labels.length;
    entropy -= p * Math.log(p);
  }
  return entropy / Math.log(categories);
}

/** Mean of `values` over `rows`, or undefined when there are none. */
function meanOver(values: ArrayLike<number>, rows: readonly number[]): number | undefined {
  if (rows.length === 0) return undefined;
  let sum = 0;
  for (const r of rows) sum += values[r]!;
  return sum / rows.length;
}

/** Mean outcome of the `matched` rows minus that of the `control` rows (0 when either group is empty). */
export function differenceInMeans(values: ArrayLike<number>, matched: readonly number[], control: readonly number[]): number {
  const a = meanOver(values, matched);
  const b = meanOver(values, control);
  return a === undefined || b === undefined ? 0 : a - b;
}

export interface PolicyEvaluationInput {
  /** Per row: the action actually (randomly) received. */
  actual: readonly string[];
  /** Per row: the policy's recommendation (may be the control). */
  recommended: readonly string[];
  /** Per row: the treatment action with the highest predicted uplift, and that uplift (the score). */
  bestTreatment: readonly string[];
  score: ArrayLike<number>;
  converted: ArrayLike<number>;
  revenue: ArrayLike<number>;
  controlAction: string;
  actionCount: number;
  /** Top share for precision@k, in percent (10 for the pack's `precision_at_10`). */
  topPercent: number;
}

export interface NbaMetrics {
  uplift: number;
  precision_at_10: number;
  qini_coefficient: number;
  incremental_revenue: number;
  action_distribution: number;
}

/** Conversion gain in the top `topPercent`% by score: best-treatment rows minus control rows. */
export function precisionAtTop(input: PolicyEvaluationInput, topPercent: number): number {
  const n = input.actual.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => input.score[b]! - input.score[a]! || a - b);
  const top = order.slice(0, Math.max(1, Math.round((n * topPercent) / 100)));
  const matched = top.filter((r) => input.actual[r] === input.bestTreatment[r]);
  const control = top.filter((r) => input.actual[r] === input.controlAction);
  return differenceInMeans(input.converted, matched, control);
}

export function evaluatePolicy(input: PolicyEvaluationInput): NbaMetrics {
  const n = input.actual.length;
  const treatedMatched: number[] = [];
  const treatedControl: number[] = [];
  const qiniRows: number[] = [];
  for (let r = 0; r < n; r++) {
    if (input.recommended[r] !== input.controlAction) {
      if (input.actual[r] === input.recommended[r]) treatedMatched.push(r);
      else if (input.actual[r] === input.controlAction) treatedControl.push(r);
    }
    if (input.actual[r] === input.bestTreatment[r] || input.actual[r] === input.controlAction) qiniRows.push(r);
  }
  const qini = qiniCoefficient(
    qiniRows.map((r) => input.converted[r]!),
    qiniRows.map((r) => input.score[r]!),
    qiniRows.map((r) => (input.actual[r] === input.controlAction ? 0 : 1)),
  );
  return {
    uplift: differenceInMeans(input.converted, treatedMatched, treatedControl),
    precision_at_10: precisionAtTop(input, 10),
    qini_coefficient: qini,
    incremental_revenue: 1000 * differenceInMeans(input.revenue, treatedMatched, treatedControl),
    action_distribution: normalisedEntropy(input.recommended, input.actionCount),
  };
}
