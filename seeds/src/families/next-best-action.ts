import { CHI_SQUARE_CRITICAL_05 } from '../stats.js';
import type { FamilyDefinition } from '../spec.js';
import { round } from '../util.js';
import { PLATFORM_TEAM, PEOPLE } from './people.js';

const ACTIONS = ['discount_10', 'free_shipping', 'loyalty_points', 'content_email', 'no_action'] as const;
const CHANNELS = ['email', 'push', 'sms', 'web'] as const;

export const nextBestAction: FamilyDefinition = {
  family: 'NEXT_BEST_ACTION',
  slug: 'next-best-action',
  pack: {
    key: 'nba-standard',
    name: 'Next Best Action Standard Evaluation',
    description:
      'Uplift and targeting gates for action recommendation, measured on a randomised control group. uplift is ' +
      'the absolute gain in 14-day conversion for treated customers (0.04 = +4 points); precision_at_10 is the ' +
      'share of the top decile by uplift score that converts incrementally; incremental_revenue is USD per 1,000 ' +
      'treated customers; action_distribution is the normalised entropy of recommended actions (1 = all actions ' +
      'used evenly, 0 = a single action), guarding against collapse onto one offer.',
    tags: ['next-best-action', 'uplift', 'standard', 'marketing'],
    author: PEOPLE.priya,
    createdDaysAgo: 94,
    rules: [
      { key: 'uplift', direction: 'HIGHER_IS_BETTER', promote: 0.04, warn: 0.025, fail: 0.01, required: true },
      { key: 'precision_at_10', direction: 'HIGHER_IS_BETTER', promote: 0.3, warn: 0.22, fail: 0.15, required: true },
      { key: 'qini_coefficient', direction: 'HIGHER_IS_BETTER', promote: 0.25, warn: 0.15, fail: 0.05, required: true },
      { key: 'incremental_revenue', direction: 'HIGHER_IS_BETTER', promote: 1500, warn: 900, fail: 300, required: false },
      { key: 'action_distribution', direction: 'HIGHER_IS_BETTER', promote: 0.75, warn: 0.6, fail: 0.4, required: false },
    ],
  },
  recipe: {
    key: 'nba-baseline',
    name: 'Next Best Action Baseline',
    description:
      'Per-customer choice among five retention actions using a two-model (T-learner) uplift estimator on LightGBM, ' +
      'served in real time with epsilon-greedy exploration and weekly frequency caps.',
    tags: ['next-best-action', 'uplift', 'retention', 'baseline', 'realtime'],
    owner: PLATFORM_TEAM,
    author: PEOPLE.priya,
    createdDaysAgo: 90,
    changeNote: 'Initial baseline: two-model uplift on LightGBM with randomised control evaluation.',
    manifest: {
      requirements: {
        feature_sets: ['customer_profile', 'engagement_events', 'offer_history', 'transactions'],
        grain: { entity: ['customer_id'], time_column: 'decision_date', frequency: 'daily' },
        label: 'converted_within_14d',
        treatment_column: 'treated',
        min_history_days: 180,
      },
      pipeline: {
        quality: {
          checks: ['schema', 'not_null', 'treatment_balance', 'label_leakage', 'duplicate_keys'],
          min_treated_rows: 5_000,
          max_propensity_imbalance: 0.1,
        },
        feature_prep: {
          encoders: { channel_preference: 'one_hot', last_offer_type: 'one_hot' },
          rfm_windows_days: [30, 90],
          scale: 'standard',
        },
        training: {
          algorithm: 'two_model_uplift',
          base_learner: 'lightgbm',
          actions: [...ACTIONS],
          learning_rate: 0.05,
          num_leaves: 31,
          n_estimators: 300,
          early_stopping_rounds: 30,
        },
        evaluation: { holdout: 'randomized_control', control_fraction: 0.1, top_k_percent: 10, gate: 'block_on_fail' },
        deployment: {
          approval: 'manual',
          exploration: { policy: 'epsilon_greedy', epsilon: 0.05 },
          frequency_cap_per_week: 2,
        },
      },
      validation: { strategy: 'randomized_holdout', holdout_fraction: 0.2, control_fraction: 0.1, stratify_by: 'last_offer_type' },
      lineage: {
        input_features: [
          'tenure_months',
          'recency_days',
          'frequency_90d',
          'monetary_90d',
          'channel_preference',
          'last_offer_type',
          'email_open_rate_30d',
          'churn_risk_score',
        ],
        output_features: ['recommended_action', 'uplift_score', 'expected_incremental_revenue'],
        upstream_tables: ['crm.customers', 'events.engagement', 'marketing.offer_history', 'sales.orders'],
      },
      deployment: {
        mode: 'realtime',
        schedule: '*/15 * * * *',
        endpoint: 'https://nba.api.example.com/v1/decide',
        p99_latency_ms: 80,
        replicas: 3,
      },
    },
    syntheticExample: {
      description: 'Customers with RFM features, channel preference, last offer, treatment flag and 14-day conversion.',
      primaryKey: ['customer_id', 'decision_date'],
      columns: [
        { name: 'customer_id', type: 'string', description: 'Customer identifier' },
        { name: 'decision_date', type: 'date', description: 'Day the action was chosen' },
        { name: 'tenure_months', type: 'integer', description: 'Months since first order' },
        { name: 'recency_days', type: 'integer', description: 'Days since last order' },
        { name: 'frequency_90d', type: 'integer', description: 'Orders in the last 90 days' },
        { name: 'monetary_90d', type: 'number', description: 'Spend in the last 90 days, USD' },
        { name: 'channel_preference', type: 'string', description: 'Most-engaged channel' },
        { name: 'last_offer_type', type: 'string', description: 'Previous action received' },
        { name: 'treated', type: 'boolean', description: 'Received an action (false = control group)' },
        { name: 'converted_within_14d', type: 'boolean', description: 'Label: ordered within 14 days' },
      ],
      rows: 6,
      row: (rng, i, day) => ({
        customer_id: `C-${(781_204 + i * 4_219).toString()}`,
        decision_date: day(20 - i),
        tenure_months: rng.int(2, 84),
        recency_days: rng.int(1, 120),
        frequency_90d: rng.int(0, 9),
        monetary_90d: round(rng.range(0, 640), 2),
        channel_preference: CHANNELS[i % CHANNELS.length],
        last_offer_type: ACTIONS[(i + 2) % ACTIONS.length],
        treated: i % 5 !== 4,
        converted_within_14d: rng.range(0, 1) < 0.3,
      }),
      exampleRun: {
        type: 'TRAIN',
        durationSeconds: 1_980,
        rowsUsed: 4_800_000,
        notes: 'Treated/control models trained per action; top decile uplift 2.4× the average.',
      },
    },
  },
  primaryMetric: 'qini_coefficient',
  referenceMetrics: { uplift: 0.046, precision_at_10: 0.33, qini_coefficient: 0.28, incremental_revenue: 1720, action_distribution: 0.78 },
  driftFeatures: [
    { feature: 'recency_days', method: 'PSI', threshold: 0.25 },
    { feature: 'frequency_90d', method: 'PSI', threshold: 0.25 },
    { feature: 'monetary_90d', method: 'PSI', threshold: 0.25 },
    { feature: 'churn_risk_score', method: 'KS', threshold: 0.1 },
    { feature: 'channel_preference', method: 'JENSEN_SHANNON', threshold: 0.1 },
    { feature: 'last_offer_type', method: 'CHI_SQUARE', threshold: CHI_SQUARE_CRITICAL_05[4] as number, categories: 5 },
  ],
  freshnessLimitHours: 6,
  driftSampleSize: 5_000,
  params: {
    TRAIN: {
      algorithm: 'two_model_uplift',
      base_learner: 'lightgbm',
      learning_rate: '0.05',
      num_leaves: '31',
      n_estimators: '300',
      early_stopping_rounds: '30',
    },
    EVAL: { holdout: 'randomized_control', control_fraction: '0.1', top_k_percent: '10', bootstrap_samples: '200' },
    BACKTEST: { strategy: 'campaign_replay', windows: '8', window_days: '14' },
  },
  history: {
    train: {
      points: 30,
      stepSize: 10,
      losses: [
        { key: 'loss_treatment', from: 0.693, to: 0.412 },
        { key: 'loss_control', from: 0.693, to: 0.438 },
      ],
      validation: { metric: 'qini_coefficient', start: 0.05 },
    },
    eval: { points: 14, metrics: ['uplift', 'qini_coefficient'] },
    backtest: { windows: 8, metrics: ['qini_coefficient', 'uplift'], extra: {} },
  },
  modelArtifact: { name: 'uplift_models.tar.gz', framework: 'lightgbm 4.5', format: 'lightgbm_text', sizeBytes: [6_000_000, 11_000_000] },
  logs: {
    rowsLoaded: 4_800_000,
    featurePrep: 'Encoded channel_preference and last_offer_type; built RFM windows [30, 90] days',
    training: 'Training two_model_uplift: treatment and control LightGBM models for 5 actions',
    evaluating: 'Evaluating on the randomised 10% control group (200 bootstrap samples)',
    backtesting: 'Replaying 8 historical campaigns of 14 days',
  },
  models: [
    {
      key: 'retention-next-best-offer',
      name: 'Retention Next Best Offer',
      status: 'PRODUCTION',
      owner: PEOPLE.sofia,
      description: 'Chooses one of five retention actions per at-risk customer, served to the CRM in real time.',
      createdDaysAgo: 72,
      runs: [
        {
          type: 'TRAIN',
          status: 'SUCCEEDED',
          trigger: 'MANUAL',
          daysAgo: 50.2,
          durationMinutes: 33,
          metrics: { uplift: 0.048, precision_at_10: 0.34, qini_coefficient: 0.29, incremental_revenue: 1810, action_distribution: 0.77 },
        },
        {
          type: 'EVAL',
          status: 'SUCCEEDED',
          trigger: 'SCHEDULED',
          daysAgo: 20.1,
          durationMinutes: 18,
          metrics: { uplift: 0.041, precision_at_10: 0.27, qini_coefficient: 0.14, incremental_revenue: 1240, action_distribution: 0.55 },
        },
        {
          type: 'TRAIN',
          status: 'FAILED',
          trigger: 'DRIFT',
          daysAgo: 6.4,
          durationMinutes: 35,
          failure: {
            atFraction: 0.08,
            warning: "Treatment/control ratio 0.04 for action 'loyalty_points' is below 0.08",
            error:
              "InsufficientTreatmentDataError: only 3,412 treated rows for action 'loyalty_points' after filtering " +
              '(min_treated_rows=5000); offer_history for the last 7 days looks incomplete',
          },
        },
        {
          type: 'EVAL',
          status: 'FAILED',
          trigger: 'API',
          daysAgo: 1.8,
          durationMinutes: 18,
          failure: {
            atFraction: 0.3,
            warning: 'Feature store p99 latency 12.4 s (limit 2 s) for feature view customer_engagement_v3',
            error:
              'FeatureStoreTimeout: online feature store did not answer within 30000 ms for feature view ' +
              'customer_engagement_v3 (3 retries exhausted)',
          },
        },
      ],
      monitoring: {
        snapshots: 5,
        everyHours: 144,
        latestHoursAgo: 3,
        evaluated: 3,
        rowCount: 215_000,
        degradationExponent: 0.8,
        performance: {
          uplift: [0.047, 0.021],
          precision_at_10: [0.335, 0.228],
          qini_coefficient: [0.28, 0.13],
          incremental_revenue: [1760, 930],
          action_distribution: [0.77, 0.45],
        },
        drift: {
          recency_days: [0.05, 0.31],
          frequency_90d: [0.04, 0.18],
          monetary_90d: [0.03, 0.27],
          churn_risk_score: [0.02, 0.085],
          channel_preference: [0.02, 0.12],
          last_offer_type: [2.5, 31],
        },
        freshness: { typicalLagHours: [0.5, 2.5] },
      },
    },
  ],
};
