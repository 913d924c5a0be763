import { type Problem, ValidationFailedError } from '../../platform/errors.js';
import { EvaluationStatus, MetricDirection } from '../evaluation/evaluation.enums.js';
import type { MetricRule } from '../evaluation/metric-rule.types.js';
import { RecipeFamily } from '../recipes/recipe.enums.js';
import type { PromotionCriterionInput, PromotionPolicyInput } from './arena.inputs.js';
import type { CriterionOutcome, PromotionCriterion, PromotionDecision, PromotionPolicy } from './promotion-policy.types.js';

/** The default margin: "at least 5% better". */
export const DEFAULT_MIN_IMPROVEMENT = 0.05;
/** Tolerance of the margin comparison, so that 10 → 9.5 counts as exactly 5% better despite floating point. */
const EPSILON = 1e-9;
const MAX_CRITERIA = 100;

const { LOWER_IS_BETTER, HIGHER_IS_BETTER } = MetricDirection;

function byMargin(metric: string, direction: MetricDirection): PromotionCriterion {
  return { metric, direction, minRelativeImprovement: DEFAULT_MIN_IMPROVEMENT, notWorse: false };
}

/**
 * The family's default policy (SPEC.md "Models and the arena"): forecasting needs MAE and MAPE each
 * ≥5% lower and coverage_80 not lower; the other families need each required metric of the pack
 * versions attached to the champion's recipe ≥5% better. The latest evaluation must not be FAIL.
 */
export function defaultPolicy(family: RecipeFamily, attachedRules: MetricRule[]): PromotionPolicy {
  if (family === RecipeFamily.FORECASTING) {
    return {
      criteria: [byMargin('MAE', LOWER_IS_BETTER), byMargin('MAPE', LOWER_IS_BETTER), { metric: 'coverage_80', direction: HIGHER_IS_BETTER, minRelativeImprovement: null, notWorse: true }],
      requireNotFail: true,
    };
  }
  const required = new Map<string, MetricRule>();
  for (const rule of attachedRules) if (rule.required && !required.has(rule.key)) required.set(rule.key, rule);
  return { criteria: [...required.values()].map((rule) => byMargin(rule.key, rule.direction)), requireNotFail: true };
}

function criterionProblems(c: PromotionCriterionInput, path: string, seen: Map<string, number>, index: number): Problem[] {
  const problems: Problem[] = [];
  const metric = c.metric.trim();
  if (metric.length < 1 || metric.length > 200) problems.push({ path: `${path}.metric`, message: 'must be 1 to 200 characters' });
  else if (seen.has(metric)) problems.push({ path: `${path}.metric`, message: `${metric} is already criterion ${seen.get(metric)}` });
  seen.set(metric, index);
  const min = c.minRelativeImprovement;
  if (min !== null && min !== undefined) {
    if (!Number.isFinite(min) || min < 0) problems.push({ path: `${path}.minRelativeImprovement`, message: 'must be a number ≥ 0 (0.05 = at least 5% better)' });
    if (c.notWorse) problems.push({ path: `${path}.notWorse`, message: 'give either minRelativeImprovement or notWorse, not both' });
  } else if (!c.notWorse) {
    problems.push({ path, message: 'give minRelativeImprovement (e.g. 0.05) or notWorse: true' });
  }
  return problems;
}

/** Checks a policy as a whole (every problem, with its path under `path`) and returns it normalized. */
export function validatePolicy(input: PromotionPolicyInput, path: string): PromotionPolicy {
  const seen = new Map<string, number>();
  const problems = input.criteria.flatMap((c, i) => criterionProblems(c, `${path}.criteria[${i}]`, seen, i));
  if (input.criteria.length > MAX_CRITERIA) problems.push({ path: `${path}.criteria`, message: `at most ${MAX_CRITERIA} criteria` });
  if (problems.length) throw new ValidationFailedError(problems);
  return {
    criteria: input.criteria.map((c) => ({ metric: c.metric.trim(), direction: c.direction, minRelativeImprovement: c.minRelativeImprovement ?? null, notWorse: c.notWorse })),
    requireNotFail: input.requireNotFail,
  };
}

/** A model's latest SUCCEEDED run: its final metrics and the worst status of its evaluation results. */
export interface Standing {
  runId: string | null;
  metrics: Map<string, number>;
  latestStatus: EvaluationStatus | null;
}

const num = (v: number) => String(Number(v.toPrecision(6)));
const pct = (v: number) => `${Number((Math.abs(v) * 100).toFixed(2))}%`;

/** Improvement of `challenger` over `champion` relative to the champion, in the metric direction (null when the champion is 0). */
function relativeImprovement(direction: MetricDirection, champion: number, challenger: number): number | null {
  if (champion === 0) return null;
  const gain = direction === LOWER_IS_BETTER ? champion - challenger : challenger - champion;
  return gain / Math.abs(champion);
}

function judge(criterion: PromotionCriterion, champion: Standing, challenger: Standing): { outcome: CriterionOutcome; reason: string } {
  const { metric, direction, minRelativeImprovement: min } = criterion;
  const championValue = champion.metrics.get(metric) ?? null;
  const challengerValue = challenger.metrics.get(metric) ?? null;
  // A margin is relative to the champion: when the champion's value is 0, the metric must simply not be worse.
  const needsMargin = min !== null && championValue !== 0;
  const required = needsMargin ? `≥${pct(min)} better` : 'not worse';
  const outcome: CriterionOutcome = { metric, direction, championValue, challengerValue, relativeImprovement: null, required, met: false };
  if (championValue === null || challengerValue === null) {
    const who = [challengerValue === null && 'challenger', championValue === null && 'champion'].filter(Boolean).join(' and ');
    return { outcome, reason: `${metric}: missing in the latest succeeded run of the ${who} (required ${required}): not met` };
  }
  const relative = relativeImprovement(direction, championValue, challengerValue);
  outcome.relativeImprovement = relative;
  const notWorse = direction === LOWER_IS_BETTER ? challengerValue <= championValue : challengerValue >= championValue;
  outcome.met = needsMargin ? relative! >= min - EPSILON : notWorse;
  const change = relative === null ? (championValue === challengerValue ? 'no change' : notWorse ? 'better' : 'worse') : relative === 0 ? 'no change' : `${pct(relative)} ${relative > 0 ? 'better' : 'worse'}`;
  const zero = min !== null && !needsMargin ? ', champion value is 0' : '';
  return { outcome, reason: `${metric}: ${num(challengerValue)} vs champion ${num(championValue)}, ${change} (required ${required}${zero}): ${outcome.met ? 'met' : 'not met'}` };
}

/** Applies a policy to the champion's and the challenger's standings, explaining every criterion. */
export function decidePromotion(policy: PromotionPolicy, champion: Standing, challenger: Standing): PromotionDecision {
  const judged = policy.criteria.map((c) => judge(c, champion, challenger));
  const unmet = judged.filter((j) => !j.outcome.met).length;
  const status = challenger.latestStatus;
  const failed = policy.requireNotFail && status === EvaluationStatus.FAIL;
  const statusReason = policy.requireNotFail
    ? `Latest evaluation of the challenger: ${status ?? 'none'} (required not FAIL): ${failed ? 'not met' : 'met'}`
    : `Latest evaluation of the challenger: ${status ?? 'none'} (not required by the policy)`;
  const blockers = [
    challenger.runId === null && 'the challenger has no succeeded run',
    unmet > 0 && `${unmet} of ${judged.length} criteria not met`,
    failed && 'its latest evaluation is FAIL',
  ].filter((b): b is string => Boolean(b));
  const promote = blockers.length === 0;
  return {
    promote,
    reasons: [promote ? 'Promote: every criterion of the policy is met' : `Do not promote: ${blockers.join('; ')}`, ...judged.map((j) => j.reason), statusReason],
    criteria: judged.map((j) => j.outcome),
    challengerLatestStatus: status,
    championRunId: champion.runId,
    challengerRunId: challenger.runId,
  };
}

/** The reasons of the criteria (and status check) that are not met, for refusals. */
export function unmetReasons(decision: PromotionDecision): string[] {
  const unmet = decision.reasons.slice(1).filter((r) => r.endsWith('not met'));
  return unmet.length ? unmet : decision.reasons.slice(0, 1);
}
