/**
 * The next-best-action data set: one row per customer decision, with a randomised action (uniform over
 * the five actions, `no_action` being the control arm), the 14-day conversion and the net revenue it
 * brought. The ground truth is a logistic model: a base conversion logit per customer plus, per action,
 * a treatment effect that is linear in the customer's features, so a per-action logistic regression
 * (a two-model / T-learner) is correctly specified and can recover it.
 *
 * Ground truth (logit scale; `sigmoid(base + effect[action])` is the conversion probability):
 * - base = −3.2 + 0.12·frequency_90d − 0.006·recency_days + 0.004·tenure_months + 0.9·email_open_rate_30d
 *   + 0.2·[channel_preference = web]
 * - discount_10:    −2.6 + 5.6·churn_risk_score                (at-risk customers respond to a discount)
 * - free_shipping:  −1.4 + 2.3·[web] + 1.6·[push]             (web and app shoppers value free shipping)
 * - loyalty_points: −1.6 + 0.055·tenure_months                (long-standing customers value points)
 * - content_email:  −2.0 + 4.6·email_open_rate_30d + 0.5·[email]
 * - no_action:      0
 * - every action: −0.5 when it repeats `last_offer_type` (offer fatigue).
 * Net revenue of a conversion: the order value (log-normal around the customer's average order value)
 * less the action's cost (discount_10: 10% of the order; free_shipping $7; loyalty_points $4;
 * content_email $0.05).
 */
import { Rng } from '../util.js';

export const NEXT_BEST_ACTION_DATASET_NAME = 'nba-customers';

export const NBA_ACTIONS = ['discount_10', 'free_shipping', 'loyalty_points', 'content_email', 'no_action'] as const;
export type NbaAction = (typeof NBA_ACTIONS)[number];
export const NBA_CONTROL_ACTION: NbaAction = 'no_action';
export const NBA_CHANNELS = ['email', 'push', 'sms', 'web'] as const;

/** Rows per size: SMALL still meets the manifest's `min_treated_rows` (5,000) and `min_history_days` (180). */
export const NBA_ROWS = { SMALL: 7_000, DEFAULT: 60_000 } as const;
/** Decision dates cover one year, oldest first. */
export const NBA_FIRST_DECISION_DATE = '2024-07-01';
export const NBA_DECISION_DAYS = 365;

export interface NextBestActionSpec {
  seed: number;
  size: 'SMALL' | 'DEFAULT';
}

/** Columns, row-aligned. A type alias (not an interface) so it can be read as a `Record<string, …>`. */
export type NextBestActionColumns = {
  customer_id: string[];
  /** ISO `YYYY-MM-DD`, non-decreasing. */
  decision_date: string[];
  tenure_months: number[];
  recency_days: number[];
  frequency_90d: number[];
  monetary_90d: number[];
  channel_preference: string[];
  last_offer_type: string[];
  email_open_rate_30d: number[];
  churn_risk_score: number[];
  /** The randomised action (uniform over `NBA_ACTIONS`). */
  action: string[];
  /** `action !== 'no_action'`. */
  treated: boolean[];
  converted_within_14d: boolean[];
  /** Net revenue within 14 days, USD (0 when not converted). */
  revenue_14d: number[];
};

export interface NextBestActionTruth {
  /** Logit coefficients; see the module comment. */
  base: Readonly<Record<string, number>>;
  effects: Readonly<Record<NbaAction, Readonly<Record<string, number>>>>;
  repeatOfferPenalty: number;
  actionCost: Readonly<Record<NbaAction, { fixed: number; shareOfOrder: number }>>;
  /** Mean over all rows of p(action) − p(no_action), per action. */
  averageUplift: Readonly<Record<NbaAction, number>>;
  /** The oracle policy (best action per row, `no_action` when no action helps). */
  oracle: {
    /** Mean conversion gain over the customers the oracle treats. */
    uplift: number;
    /** Share of rows per recommended action. */
    actionShare: Readonly<Record<NbaAction, number>>;
    /** Normalised entropy of `actionShare` (the pack's `action_distribution`). */
    actionEntropy: number;
  };
  /** Conversion rate of the control arm. */
  controlConversionRate: number;
}

export interface NextBestActionDataset {
  name: string;
  seed: number;
  size: 'SMALL' | 'DEFAULT';
  rows: number;
  columns: NextBestActionColumns;
  truth: NextBestActionTruth;
}

const BASE = { intercept: -3.2, frequency_90d: 0.12, recency_days: -0.006, tenure_months: 0.004, email_open_rate_30d: 0.9, channel_web: 0.2 };
const EFFECTS: Record<NbaAction, Record<string, number>> = {
  discount_10: { intercept: -2.6, churn_risk_score: 5.6 },
  free_shipping: { intercept: -1.4, channel_web: 2.3, channel_push: 1.6 },
  loyalty_points: { intercept: -1.6, tenure_months: 0.055 },
  content_email: { intercept: -2.0, email_open_rate_30d: 4.6, channel_email: 0.5 },
  no_action: {},
};
const REPEAT_OFFER_PENALTY = -0.5;
const ACTION_COST: Record<NbaAction, { fixed: number; shareOfOrder: number }> = {
  discount_10: { fixed: 0, shareOfOrder: 0.1 },
  free_shipping: { fixed: 7, shareOfOrder: 0 },
  loyalty_points: { fixed: 4, shareOfOrder: 0 },
  content_email: { fixed: 0.05, shareOfOrder: 0 },
  no_action: { fixed: 0, shareOfOrder: 0 },
};

/** The features the truth reads, for one customer. */
export interface NbaCustomer {
  tenure_months: number;
  recency_days: number;
  frequency_90d: number;
  email_open_rate_30d: number;
  churn_risk_score: number;
  channel_preference: string;
  last_offer_type: string;
}

/** The order of `vector()`: coefficients are turned into dense arrays once, so scoring a row allocates nothing. */
const TERMS = ['intercept', 'tenure_months', 'recency_days', 'frequency_90d', 'email_open_rate_30d', 'churn_risk_score', 'channel_web', 'channel_push', 'channel_email'];
const dense = (coefficients: Readonly<Record<string, number>>): Float64Array => Float64Array.from(TERMS, (term) => coefficients[term] ?? 0);
const BASE_DENSE = dense(BASE);
const EFFECTS_DENSE = Object.fromEntries(NBA_ACTIONS.map((a) => [a, dense(EFFECTS[a])])) as Record<NbaAction, Float64Array>;

function vector(c: NbaCustomer): Float64Array {
  return Float64Array.of(
    1,
    c.tenure_months,
    c.recency_days,
    c.frequency_90d,
    c.email_open_rate_30d,
    c.churn_risk_score,
    c.channel_preference === 'web' ? 1 : 0,
    c.channel_preference === 'push' ? 1 : 0,
    c.channel_preference === 'email' ? 1 : 0,
  );
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The true 14-day conversion probability of a customer under an action. */
export function nbaConversionProbability(customer: NbaCustomer, action: NbaAction): number {
  return probability(vector(customer), customer.last_offer_type, action);
}

function probability(x: Float64Array, lastOffer: string, action: NbaAction): number {
  let logit = dot(BASE_DENSE, x);
  if (action !== NBA_CONTROL_ACTION) {
    logit += dot(EFFECTS_DENSE[action], x);
    if (lastOffer === action) logit += REPEAT_OFFER_PENALTY;
  }
  return sigmoid(logit);
}

function normal(rng: Rng): number {
  const u = Math.max(rng.range(0, 1), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.range(0, 1));
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const CHANNEL_WEIGHTS: readonly [string, number][] = [
  ['email', 0.35],
  ['push', 0.2],
  ['sms', 0.15],
  ['web', 0.3],
];

function pickWeighted(rng: Rng, weights: readonly [string, number][]): string {
  let u = rng.range(0, 1);
  for (const [value, weight] of weights) {
    if (u < weight) return value;
    u -= weight;
  }
  return weights[weights.length - 1]![0];
}

const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Generates the data set: the same spec always gives the same rows. */
export function generateNextBestActionDataset(spec: NextBestActionSpec): NextBestActionDataset {
  const rows = NBA_ROWS[spec.size];
  const rng = new Rng(`${NEXT_BEST_ACTION_DATASET_NAME}:${spec.seed}:${spec.size}`);
  const columns: NextBestActionColumns = {
    customer_id: [],
    decision_date: [],
    tenure_months: [],
    recency_days: [],
    frequency_90d: [],
    monetary_90d: [],
    channel_preference: [],
    last_offer_type: [],
    email_open_rate_30d: [],
    churn_risk_score: [],
    action: [],
    treated: [],
    converted_within_14d: [],
    revenue_14d: [],
  };
  const upliftSum: Record<string, number> = {};
  const oracleCount: Record<string, number> = {};
  for (const action of NBA_ACTIONS) {
    upliftSum[action] = 0;
    oracleCount[action] = 0;
  }
  const dates = Array.from({ length: NBA_DECISION_DAYS }, (_, day) => addDays(NBA_FIRST_DECISION_DATE, day));
  let oracleGain = 0;
  let oracleTreated = 0;
  let controlRows = 0;
  let controlConversions = 0;

  for (let i = 0; i < rows; i++) {
    const channel = pickWeighted(rng, CHANNEL_WEIGHTS);
    const tenure = Math.min(120, 1 + Math.floor(-Math.log(Math.max(rng.range(0, 1), 1e-9)) * 30));
    const frequency = Math.min(20, Math.floor(-Math.log(Math.max(rng.range(0, 1), 1e-9)) * (1.5 + tenure / 40)));
    const recency = frequency > 0 ? 1 + Math.floor(rng.range(0, 1) * (90 / (1 + 0.5 * frequency))) : 91 + rng.int(0, 269);
    const orderValue = 55 * Math.exp(0.35 * normal(rng));
    const monetary = round(frequency * orderValue * rng.jitter(1, 0.15), 2);
    const openRate = round(channel === 'email' ? 0.25 + 0.5 * rng.range(0, 1) : 0.02 + 0.35 * rng.range(0, 1) ** 1.5, 3);
    const churnRisk = round(sigmoid(-1 + 0.012 * recency - 0.35 * frequency - 0.01 * tenure + 0.5 * normal(rng)), 3);
    const lastOffer = rng.pick(NBA_ACTIONS);
    const customer: NbaCustomer = {
      tenure_months: tenure,
      recency_days: recency,
      frequency_90d: frequency,
      email_open_rate_30d: openRate,
      churn_risk_score: churnRisk,
      channel_preference: channel,
      last_offer_type: lastOffer,
    };
    const x = vector(customer);
    const action = rng.pick(NBA_ACTIONS);
    const p = probability(x, lastOffer, action);
    const converted = rng.range(0, 1) < p;
    const order = orderValue * Math.exp(0.2 * normal(rng));
    const cost = ACTION_COST[action];
    const revenue = converted ? round(order * (1 - cost.shareOfOrder) - cost.fixed, 2) : 0;

    columns.customer_id.push(`C-${String(100_000 + i)}`);
    columns.decision_date.push(dates[Math.floor((i * NBA_DECISION_DAYS) / rows)]!);
    columns.tenure_months.push(tenure);
    columns.recency_days.push(recency);
    columns.frequency_90d.push(frequency);
    columns.monetary_90d.push(monetary);
    columns.channel_preference.push(channel);
    columns.last_offer_type.push(lastOffer);
    columns.email_open_rate_30d.push(openRate);
    columns.churn_risk_score.push(churnRisk);
    columns.action.push(action);
    columns.treated.push(action !== NBA_CONTROL_ACTION);
    columns.converted_within_14d.push(converted);
    columns.revenue_14d.push(revenue);

    const control = probability(x, lastOffer, NBA_CONTROL_ACTION);
    let best: NbaAction = NBA_CONTROL_ACTION;
    let bestGain = 0;
    for (const candidate of NBA_ACTIONS) {
      const gain = probability(x, lastOffer, candidate) - control;
      upliftSum[candidate]! += gain;
      if (gain > bestGain) {
        bestGain = gain;
        best = candidate;
      }
    }
    oracleCount[best]! += 1;
    if (best !== NBA_CONTROL_ACTION) {
      oracleGain += bestGain;
      oracleTreated += 1;
    }
    if (action === NBA_CONTROL_ACTION) {
      controlRows += 1;
      if (converted) controlConversions += 1;
    }
  }

  const share = (count: number): number => count / rows;
  const actionShare = Object.fromEntries(NBA_ACTIONS.map((a) => [a, share(oracleCount[a]!)])) as Record<NbaAction, number>;
  let entropy = 0;
  for (const value of Object.values(actionShare)) if (value > 0) entropy -= value * Math.log(value);
  return {
    name: NEXT_BEST_ACTION_DATASET_NAME,
    seed: spec.seed,
    size: spec.size,
    rows,
    columns,
    truth: {
      base: BASE,
      effects: EFFECTS,
      repeatOfferPenalty: REPEAT_OFFER_PENALTY,
      actionCost: ACTION_COST,
      averageUplift: Object.fromEntries(NBA_ACTIONS.map((a) => [a, upliftSum[a]! / rows])) as Record<NbaAction, number>,
      oracle: {
        uplift: oracleTreated > 0 ? oracleGain / oracleTreated : 0,
        actionShare,
        actionEntropy: entropy / Math.log(NBA_ACTIONS.length),
      },
      controlConversionRate: controlRows > 0 ? controlConversions / controlRows : 0,
    },
  };
}
