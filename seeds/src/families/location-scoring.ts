import { CHI_SQUARE_CRITICAL_05 } from '../stats.js';
import type { FamilyDefinition } from '../spec.js';
import { round } from '../util.js';
import { PLATFORM_TEAM, PEOPLE } from './people.js';

const REGION_TYPES = ['urban_core', 'urban', 'suburban', 'rural'] as const;
const H3_CELLS = ['882a100d2bfffff', '882a1072c9fffff', '882a10726bfffff', '882a100c61fffff', '882a1008a3fffff'] as const;

export const locationScoring: FamilyDefinition = {
  family: 'LOCATION_SCORING',
  slug: 'location-scoring',
  pack: {
    key: 'location-scoring-standard',
    name: 'Location Scoring Standard Evaluation',
    description:
      'Ranking and coverage gates for candidate-site scores, measured on stores opened after the training cut-off. ' +
      'rank_correlation is Spearman between score and first-year revenue; calibration is the expected calibration ' +
      'error of the predicted revenue band; hit_rate_at_10 is the share of the top 10% of scored sites that reach ' +
      'the revenue target; lift_top_decile is the top decile mean revenue over the overall mean; ' +
      'geographic_coverage is the share of target regions with enough training sites to score.',
    tags: ['location-scoring', 'standard', 'ranking', 'real-estate'],
    author: PEOPLE.priya,
    createdDaysAgo: 93,
    rules: [
      { key: 'rank_correlation', direction: 'HIGHER_IS_BETTER', promote: 0.7, warn: 0.6, fail: 0.45, required: true },
      { key: 'calibration', direction: 'LOWER_IS_BETTER', promote: 0.05, warn: 0.08, fail: 0.12, required: false },
      { key: 'hit_rate_at_10', direction: 'HIGHER_IS_BETTER', promote: 0.6, warn: 0.5, fail: 0.35, required: true },
      { key: 'lift_top_decile', direction: 'HIGHER_IS_BETTER', promote: 2.5, warn: 2, fail: 1.5, required: true },
      { key: 'geographic_coverage', direction: 'HIGHER_IS_BETTER', promote: 0.95, warn: 0.9, fail: 0.8, required: true },
    ],
  },
  recipe: {
    key: 'location-scoring-baseline',
    name: 'Location Scoring Baseline',
    description:
      'Scores candidate store sites (H3 resolution 8) 0–100 from demographics, foot traffic, competition and rent ' +
      'with gradient-boosted trees, validated with spatial block cross-validation.',
    tags: ['location-scoring', 'site-selection', 'geospatial', 'baseline'],
    owner: PLATFORM_TEAM,
    author: PEOPLE.priya,
    createdDaysAgo: 89,
    changeNote: 'Initial baseline: LightGBM on spatial features, spatial block CV, weekly batch scoring.',
    manifest: {
      requirements: {
        feature_sets: ['demographics', 'foot_traffic', 'competitor_locations', 'existing_store_performance', 'real_estate'],
        grain: { entity: ['site_id'], spatial_index: 'h3', h3_resolution: 8, time_column: 'snapshot_week', frequency: 'weekly' },
        label: 'first_year_revenue',
        min_history_days: 1_095,
        min_training_sites: 400,
      },
      pipeline: {
        quality: {
          checks: ['schema', 'not_null', 'geocode_valid', 'duplicate_sites', 'label_outliers'],
          max_null_fraction: 0.03,
          min_sites_per_region: 15,
        },
        feature_prep: {
          spatial_joins: [
            { source: 'foot_traffic', radius_m: 500, chunk_size: 250_000 },
            { source: 'demographics', radius_km: 3 },
            { source: 'competitor_locations', radius_km: 2 },
          ],
          log_transform: ['population_1km', 'median_income_3km', 'daytime_foot_traffic'],
          target_transform: 'log',
        },
        training: {
          algorithm: 'gradient_boosting',
          library: 'lightgbm',
          objective: 'huber',
          learning_rate: 0.03,
          num_leaves: 63,
          n_estimators: 800,
          min_child_samples: 20,
          monotone_constraints: { competitor_count_2km: -1, daytime_foot_traffic: 1 },
        },
        evaluation: { holdout: 'sites_opened_last_12_months', top_k_percent: 10, calibration_bins: 10, gate: 'block_on_fail' },
        deployment: { approval: 'manual', score_scale: [0, 100], explanations: 'shap_top_5' },
      },
      validation: { strategy: 'spatial_block_cv', folds: 5, block_size_km: 25, buffer_km: 5 },
      lineage: {
        input_features: [
          'population_1km',
          'median_income_3km',
          'daytime_foot_traffic',
          'competitor_count_2km',
          'distance_to_nearest_store_km',
          'rent_per_sqft',
          'transit_access_score',
          'region_type',
        ],
        output_features: ['site_score', 'predicted_revenue_band', 'score_percentile'],
        upstream_tables: ['geo.census_blocks', 'geo.foot_traffic_hourly', 'geo.competitor_pois', 'real_estate.listings', 'sales.store_revenue'],
      },
      deployment: {
        mode: 'batch',
        schedule: '0 6 * * 1',
        endpoint: 'warehouse://real_estate.site_scores',
        on_demand_endpoint: 'https://sites.api.example.com/v1/score',
      },
    },
    syntheticExample: {
      description: 'Candidate sites with catchment demographics, foot traffic, competition, rent and first-year revenue.',
      primaryKey: ['site_id'],
      columns: [
        { name: 'site_id', type: 'string', description: 'Candidate or existing site' },
        { name: 'h3_cell', type: 'string', description: 'H3 resolution-8 cell' },
        { name: 'region_type', type: 'string', description: 'urban_core | urban | suburban | rural' },
        { name: 'population_1km', type: 'integer', description: 'Residents within 1 km' },
        { name: 'median_income_3km', type: 'number', description: 'Median household income within 3 km, USD' },
        { name: 'daytime_foot_traffic', type: 'integer', description: 'Average daytime visitors per day within 500 m' },
        { name: 'competitor_count_2km', type: 'integer', description: 'Competing stores within 2 km' },
        { name: 'rent_per_sqft', type: 'number', description: 'Annual asking rent per square foot, USD' },
        { name: 'first_year_revenue', type: 'number', description: 'Label: first-year revenue, USD (opened sites only)' },
        { name: 'observed_at', type: 'date', description: 'Feature snapshot date' },
      ],
      rows: 5,
      row: (rng, i, day) => ({
        site_id: `SITE-${2_310 + i * 17}`,
        h3_cell: H3_CELLS[i % H3_CELLS.length],
        region_type: REGION_TYPES[i % REGION_TYPES.length],
        population_1km: rng.int(1_200, 24_000),
        median_income_3km: round(rng.range(38_000, 112_000), 0),
        daytime_foot_traffic: rng.int(800, 18_000),
        competitor_count_2km: rng.int(0, 7),
        rent_per_sqft: round(rng.range(14, 68), 2),
        first_year_revenue: i === 4 ? null : round(rng.range(0.9, 3.6) * 1_000_000, 0),
        observed_at: day(7),
      }),
      exampleRun: {
        type: 'TRAIN',
        durationSeconds: 3_420,
        rowsUsed: 41_000,
        notes: '612 opened sites as labels; 5-fold spatial block CV, 25 km blocks.',
      },
    },
  },
  primaryMetric: 'rank_correlation',
  referenceMetrics: { rank_correlation: 0.72, calibration: 0.045, hit_rate_at_10: 0.63, lift_top_decile: 2.7, geographic_coverage: 0.96 },
  driftFeatures: [
    { feature: 'population_1km', method: 'PSI', threshold: 0.25 },
    { feature: 'median_income_3km', method: 'PSI', threshold: 0.25 },
    { feature: 'daytime_foot_traffic', method: 'PSI', threshold: 0.25 },
    { feature: 'distance_to_nearest_store_km', method: 'WASSERSTEIN', threshold: 0.8 },
    { feature: 'region_type', method: 'CHI_SQUARE', threshold: CHI_SQUARE_CRITICAL_05[3] as number, categories: 4 },
  ],
  freshnessLimitHours: 168,
  driftSampleSize: 2_000,
  params: {
    TRAIN: {
      algorithm: 'gradient_boosting',
      library: 'lightgbm',
      objective: 'huber',
      learning_rate: '0.03',
      num_leaves: '63',
      n_estimators: '800',
      early_stopping_rounds: '50',
      cv: 'spatial_block_5fold',
    },
    EVAL: { holdout: 'sites_opened_last_12_months', top_k_percent: '10', calibration_bins: '10' },
    BACKTEST: { strategy: 'opening_cohorts', windows: '8', cohort: 'quarter' },
  },
  history: {
    train: {
      points: 40,
      stepSize: 20,
      losses: [
        { key: 'train_loss', from: 1.02, to: 0.281 },
        { key: 'valid_loss', from: 1.05, to: 0.392 },
      ],
      validation: { metric: 'rank_correlation', start: 0.31 },
    },
    eval: { points: 14, metrics: ['rank_correlation', 'hit_rate_at_10'] },
    backtest: { windows: 8, metrics: ['rank_correlation', 'hit_rate_at_10', 'lift_top_decile'], extra: {} },
  },
  modelArtifact: { name: 'booster.txt', framework: 'lightgbm 4.5', format: 'lightgbm_text', sizeBytes: [2_500_000, 5_500_000] },
  logs: {
    rowsLoaded: 41_000,
    featurePrep: 'Spatial joins: foot traffic 500 m, demographics 3 km, competitors 2 km for 41k candidate sites',
    training: 'Training gradient_boosting (LightGBM, huber, 63 leaves) with 5-fold spatial block CV',
    evaluating: 'Scoring sites opened in the last 12 months against first-year revenue',
    backtesting: 'Backtest over 8 quarterly opening cohorts',
  },
  models: [
    {
      key: 'store-site-scorer',
      name: 'Store Site Scorer',
      status: 'PRODUCTION',
      owner: PEOPLE.liam,
      description: 'Weekly 0–100 scores for 12.8k candidate sites used by the real-estate committee.',
      createdDaysAgo: 86,
      runs: [
        {
          type: 'TRAIN',
          status: 'SUCCEEDED',
          trigger: 'MANUAL',
          daysAgo: 58.3,
          durationMinutes: 57,
          metrics: { rank_correlation: 0.73, calibration: 0.043, hit_rate_at_10: 0.64, lift_top_decile: 2.78, geographic_coverage: 0.96 },
        },
        {
          type: 'EVAL',
          status: 'SUCCEEDED',
          trigger: 'SCHEDULED',
          daysAgo: 19.8,
          durationMinutes: 12,
          metrics: { rank_correlation: 0.64, calibration: 0.071, hit_rate_at_10: 0.48, lift_top_decile: 2.21, geographic_coverage: 0.94 },
        },
        {
          type: 'BACKTEST',
          status: 'SUCCEEDED',
          trigger: 'SCHEDULED',
          daysAgo: 6.2,
          durationMinutes: 41,
          windowTrend: 0.3,
          metrics: { rank_correlation: 0.52, calibration: 0.094, hit_rate_at_10: 0.33, lift_top_decile: 1.74, geographic_coverage: 0.93 },
        },
        {
          type: 'TRAIN',
          status: 'FAILED',
          trigger: 'DEGRADATION',
          daysAgo: 4.1,
          durationMinutes: 60,
          failure: {
            atFraction: 0.05,
            warning: 'Worker memory at 27.9 GiB of 30 GiB during the foot_traffic spatial join',
            error:
              'OutOfMemoryError: worker exceeded its 30.0 GiB limit building the 500 m foot_traffic spatial join ' +
              '(12.8M points × 41k sites); lower feature_prep.spatial_joins[0].chunk_size or use a larger worker',
          },
        },
        {
          type: 'EVAL',
          status: 'FAILED',
          trigger: 'API',
          daysAgo: 1.4,
          durationMinutes: 12,
          failure: {
            atFraction: 0.03,
            warning: "Column 'transit_score' in candidate_sites_v7 is not declared in lineage.input_features",
            error:
              "SchemaMismatchError: column 'transit_access_score' is missing from candidate_sites_v7 " +
              "(found 'transit_score'); the model expects every lineage.input_features column",
          },
        },
      ],
      monitoring: {
        snapshots: 5,
        everyHours: 168,
        latestHoursAgo: 9,
        evaluated: 2,
        rowCount: 12_800,
        degradationExponent: 1.2,
        performance: {
          rank_correlation: [0.71, 0.43],
          calibration: [0.045, 0.108],
          hit_rate_at_10: [0.63, 0.33],
          lift_top_decile: [2.7, 1.45],
          geographic_coverage: [0.96, 0.92],
        },
        drift: {
          population_1km: [0.02, 0.14],
          median_income_3km: [0.03, 0.27],
          daytime_foot_traffic: [0.06, 0.41],
          distance_to_nearest_store_km: [0.2, 0.95],
          region_type: [1.2, 11.6],
        },
        freshness: { typicalLagHours: [20, 60] },
      },
    },
    {
      key: 'store-site-scorer-v2',
      name: 'Store Site Scorer v2',
      status: 'STAGING',
      owner: PEOPLE.liam,
      description: 'Challenger with 15 km spatial CV blocks and a monotone foot-traffic constraint; in staging since its backtest.',
      createdDaysAgo: 29,
      runs: [
        {
          type: 'TRAIN',
          status: 'FAILED',
          trigger: 'MANUAL',
          daysAgo: 27.2,
          durationMinutes: 62,
          failure: {
            atFraction: 0.11,
            warning: "Spatial block fold 3 holds 9 sites of region_type 'rural'",
            error:
              "SpatialCVError: fold 3 of spatial_block_cv has 0 labelled sites of region_type 'rural' " +
              '(min_sites_per_region=15); reduce block_size_km or merge rural into suburban',
          },
        },
        {
          type: 'TRAIN',
          status: 'SUCCEEDED',
          trigger: 'MANUAL',
          daysAgo: 21.3,
          durationMinutes: 64,
          params: { block_size_km: '15' },
          metrics: { rank_correlation: 0.76, calibration: 0.039, hit_rate_at_10: 0.67, lift_top_decile: 2.95, geographic_coverage: 0.97 },
        },
        {
          type: 'BACKTEST',
          status: 'SUCCEEDED',
          trigger: 'MANUAL',
          daysAgo: 16.4,
          durationMinutes: 44,
          metrics: { rank_correlation: 0.74, calibration: 0.042, hit_rate_at_10: 0.65, lift_top_decile: 2.84, geographic_coverage: 0.97 },
        },
      ],
    },
  ],
};
