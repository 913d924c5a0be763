import { CHI_SQUARE_CRITICAL_05 } from '../stats.js';
import type { FamilyDefinition } from '../spec.js';
import { round } from '../util.js';
import { PLATFORM_TEAM, PEOPLE } from './people.js';

const CATEGORIES = ['beverages', 'snacks', 'dairy', 'household', 'personal_care', 'frozen'] as const;
const ZONES = ['urban_a', 'suburban_b', 'rural_c'] as const;

export const pricing: FamilyDefinition = {
  family: 'PRICING',
  slug: 'pricing',
  pack: {
    key: 'pricing-standard',
    name: 'Pricing Standard Evaluation',
    description:
      'Commercial and statistical gates for price recommendations. revenue_lift and margin_impact are measured ' +
      'against geo-holdout control zones (0.03 = +3%, margin in percentage points); elasticity_accuracy is the ' +
      'share of SKUs whose estimated elasticity falls inside the holdout test interval; calibration is the mean ' +
      'absolute error of predicted vs. realised demand ratio; constraint_violations counts recommendations that ' +
      'break a guardrail (margin floor, max change, price endings).',
    tags: ['pricing', 'standard', 'guardrails', 'elasticity'],
    author: PEOPLE.priya,
    createdDaysAgo: 95,
    rules: [
      { key: 'revenue_lift', direction: 'HIGHER_IS_BETTER', promote: 0.03, warn: 0.015, fail: 0, required: true },
      { key: 'margin_impact', direction: 'HIGHER_IS_BETTER', promote: 0.015, warn: 0, fail: -0.02, required: true },
      { key: 'elasticity_accuracy', direction: 'HIGHER_IS_BETTER', promote: 0.85, warn: 0.75, fail: 0.6, required: true },
      { key: 'calibration', direction: 'LOWER_IS_BETTER', promote: 0.05, warn: 0.08, fail: 0.15, required: false },
      { key: 'constraint_violations', direction: 'LOWER_IS_BETTER', promote: 0, warn: 1, fail: 5, required: true },
    ],
  },
  metricDecimals: { constraint_violations: 0 },
  recipe: {
    key: 'pricing-baseline',
    name: 'Pricing Optimization Baseline',
    description:
      'Weekly SKU × price-zone elasticities from a ridge-regularised log-log demand model with category pooling, ' +
      'then guardrailed price recommendations (margin floor, ±10% max change, price endings).',
    tags: ['pricing', 'elasticity', 'optimization', 'baseline', 'retail'],
    owner: PLATFORM_TEAM,
    author: PEOPLE.priya,
    createdDaysAgo: 91,
    changeNote: 'Initial baseline: log-log ridge regression pooled by category, geo-holdout evaluation.',
    manifest: {
      requirements: {
        feature_sets: ['transactions', 'price_history', 'competitor_prices', 'inventory', 'product_catalog'],
        grain: { entity: ['sku_id', 'price_zone'], time_column: 'week_start', frequency: 'weekly' },
        label: 'units_sold',
        min_history_days: 365,
        min_price_changes_per_sku: 3,
      },
      pipeline: {
        quality: {
          checks: ['schema', 'not_null', 'positive_price', 'price_outliers', 'duplicate_keys'],
          max_null_fraction: 0.01,
          min_rows: 50_000,
          min_price_variation_cv: 0.02,
        },
        feature_prep: {
          transforms: { price: 'log', units_sold: 'log1p', competitor_price: 'log' },
          competitor_match: 'nearest_equivalent_sku',
          min_competitor_match_rate: 0.8,
          winsorize_quantile: 0.99,
        },
        training: {
          algorithm: 'log_log_regression',
          regularization: 'ridge',
          alpha: 0.5,
          hierarchical_pooling: 'category_id',
          elasticity_bounds: [-6, -0.1],
          solver: 'irls',
          max_iter: 50,
        },
        evaluation: { holdout: 'geo_holdout', counterfactual: 'doubly_robust', gate: 'block_on_fail' },
        deployment: {
          approval: 'manual',
          rollout: 'zone_by_zone',
          guardrails: { max_price_change_pct: 0.1, min_margin_pct: 0.18, price_endings: [0.99, 0.49] },
        },
      },
      validation: { strategy: 'time_holdout', holdout_weeks: 8, geo_holdout_fraction: 0.2 },
      lineage: {
        input_features: [
          'log_price',
          'log_competitor_price',
          'price_ratio_to_competitor',
          'discount_depth',
          'inventory_weeks_of_cover',
          'category_id',
          'seasonality_index',
          'days_since_last_price_change',
        ],
        output_features: ['own_price_elasticity', 'recommended_price', 'expected_units', 'expected_margin'],
        upstream_tables: ['sales.transactions', 'pricing.price_history', 'external.competitor_prices', 'supply.inventory_daily'],
      },
      deployment: {
        mode: 'batch',
        schedule: '30 2 * * *',
        endpoint: 'warehouse://pricing.recommendations_daily',
        timezone: 'UTC',
        publish_to: 'price_management_system',
      },
    },
    syntheticExample: {
      description: 'SKU-week rows across three price zones with own and competitor prices, discount and inventory cover.',
      primaryKey: ['sku_id', 'price_zone', 'week_start'],
      columns: [
        { name: 'sku_id', type: 'string', description: 'Stock-keeping unit' },
        { name: 'price_zone', type: 'string', description: 'Pricing zone' },
        { name: 'week_start', type: 'date', description: 'Monday of the sales week' },
        { name: 'category_id', type: 'string', description: 'Merchandise category' },
        { name: 'price', type: 'number', description: 'Average shelf price in USD' },
        { name: 'competitor_price', type: 'number', description: 'Matched competitor price in USD' },
        { name: 'discount_depth', type: 'number', description: 'Promotional discount as a fraction of list price' },
        { name: 'inventory_weeks_of_cover', type: 'number', description: 'On-hand stock / average weekly sales' },
        { name: 'units_sold', type: 'integer', description: 'Label: units sold in the week' },
      ],
      rows: 6,
      row: (rng, i, day) => {
        const price = round(rng.range(1.99, 14.99), 2);
        return {
          sku_id: `SKU-${40_100 + i * 37}`,
          price_zone: ZONES[i % ZONES.length],
          week_start: day(7 * (6 - i)),
          category_id: CATEGORIES[i % CATEGORIES.length],
          price,
          competitor_price: round(price * rng.range(0.9, 1.12), 2),
          discount_depth: i % 3 === 0 ? round(rng.range(0.1, 0.25), 2) : 0,
          inventory_weeks_of_cover: round(rng.range(1.5, 8), 1),
          units_sold: rng.int(80, 900),
        };
      },
      exampleRun: {
        type: 'TRAIN',
        durationSeconds: 1_260,
        rowsUsed: 2_150_000,
        notes: 'Median own-price elasticity −1.8; 3% of SKUs clipped at the elasticity bounds.',
      },
    },
  },
  primaryMetric: 'revenue_lift',
  referenceMetrics: { revenue_lift: 0.034, margin_impact: 0.018, elasticity_accuracy: 0.87, calibration: 0.042, constraint_violations: 0 },
  driftFeatures: [
    { feature: 'log_price', method: 'PSI', threshold: 0.25 },
    { feature: 'price_ratio_to_competitor', method: 'PSI', threshold: 0.25 },
    { feature: 'discount_depth', method: 'PSI', threshold: 0.25 },
    { feature: 'inventory_weeks_of_cover', method: 'KS', threshold: 0.1 },
    { feature: 'category_id', method: 'CHI_SQUARE', threshold: CHI_SQUARE_CRITICAL_05[5] as number, categories: 6 },
  ],
  freshnessLimitHours: 26,
  driftSampleSize: 2_000,
  params: {
    TRAIN: {
      algorithm: 'log_log_regression',
      regularization: 'ridge',
      alpha: '0.5',
      solver: 'irls',
      max_iter: '50',
      pooling: 'category_id',
      elasticity_bounds: '[-6.0, -0.1]',
    },
    EVAL: { holdout: 'geo_holdout', holdout_fraction: '0.2', counterfactual: 'doubly_robust', weeks: '8' },
    BACKTEST: { strategy: 'walk_forward', windows: '10', window_weeks: '4' },
  },
  history: {
    train: {
      points: 25,
      stepSize: 1,
      losses: [{ key: 'loss', from: 2.41, to: 0.618 }],
      validation: { metric: 'elasticity_accuracy', start: 0.58 },
    },
    eval: { points: 21, metrics: ['revenue_lift', 'margin_impact'] },
    backtest: { windows: 10, metrics: ['revenue_lift', 'elasticity_accuracy'], extra: {} },
  },
  modelArtifact: { name: 'elasticity_model.json', framework: 'scikit-learn 1.5', format: 'json', sizeBytes: [1_200_000, 3_400_000] },
  logs: {
    rowsLoaded: 2_150_000,
    featurePrep: 'Log-transformed price and units; matched competitor prices for 91.4% of SKU-weeks',
    training: 'Fitting log_log_regression (ridge penalty, IRLS solver) pooled by category_id',
    evaluating: 'Evaluating recommendations against 20% geo-holdout control zones (doubly robust)',
    backtesting: 'Walk-forward backtest: 10 windows of 4 weeks',
  },
  models: [
    {
      key: 'markdown-price-optimizer',
      name: 'Markdown Price Optimizer',
      status: 'PRODUCTION',
      owner: PEOPLE.daniel,
      description: 'Daily guardrailed price and markdown recommendations for 18k SKU-zone pairs.',
      createdDaysAgo: 78,
      runs: [
        {
          type: 'TRAIN',
          status: 'SUCCEEDED',
          trigger: 'MANUAL',
          daysAgo: 55.4,
          durationMinutes: 21,
          metrics: { revenue_lift: 0.036, margin_impact: 0.019, elasticity_accuracy: 0.88, calibration: 0.041, constraint_violations: 0 },
        },
        {
          type: 'BACKTEST',
          status: 'FAILED',
          trigger: 'SCHEDULED',
          daysAgo: 30.2,
          durationMinutes: 48,
          failure: {
            atFraction: 0.46,
            warning: 'Competitor match rate fell to 62% in window 5/10',
            error:
              'CompetitorPriceJoinError: competitor_prices has no observation for 38% of SKU-weeks in window 5/10 ' +
              '(min_competitor_match_rate 0.8)',
          },
        },
      ],
      monitoring: {
        snapshots: 9,
        everyHours: 72,
        latestHoursAgo: 5,
        evaluated: 5,
        rowCount: 18_400,
        degradationExponent: 1.2,
        performance: {
          revenue_lift: [0.036, -0.004],
          margin_impact: [0.019, -0.024],
          elasticity_accuracy: [0.885, 0.67],
          calibration: [0.04, 0.12],
          constraint_violations: [0, 6],
        },
        drift: {
          log_price: [0.03, 0.29],
          price_ratio_to_competitor: [0.05, 0.38],
          discount_depth: [0.02, 0.17],
          inventory_weeks_of_cover: [0.02, 0.12],
          category_id: [4.1, 9.2],
        },
        freshness: { typicalLagHours: [3, 8], trailingLagHours: [14.5, 21.8, 58.3] },
      },
    },
    {
      key: 'dynamic-price-elasticity-v2',
      name: 'Dynamic Price Elasticity v2',
      status: 'DRAFT',
      owner: PEOPLE.jonas,
      description: 'Candidate with a looser ridge penalty for fast-moving categories; its recommendations still break margin guardrails.',
      createdDaysAgo: 16,
      runs: [
        {
          type: 'TRAIN',
          status: 'FAILED',
          trigger: 'MANUAL',
          daysAgo: 14.1,
          durationMinutes: 26,
          params: { alpha: '0.05' },
          failure: {
            atFraction: 0.53,
            warning: "Design matrix condition number 3.2e+09 for category 'beverages' at IRLS iteration 13",
            error:
              "SingularMatrixError: IRLS iteration 14 produced a singular design matrix for category 'beverages' " +
              '(collinear log_competitor_price and price_ratio_to_competitor); raise alpha or drop one feature',
          },
        },
        {
          type: 'TRAIN',
          status: 'SUCCEEDED',
          trigger: 'MANUAL',
          daysAgo: 9.3,
          durationMinutes: 24,
          params: { alpha: '0.2', dropped_features: 'log_competitor_price' },
          metrics: { revenue_lift: 0.047, margin_impact: -0.006, elasticity_accuracy: 0.81, calibration: 0.066, constraint_violations: 7 },
        },
      ],
    },
  ],
};
