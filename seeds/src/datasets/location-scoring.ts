/**
 * The location-scoring data set: stores opened over five years across regional markets, each with the
 * catchment features measured in the week it opened (`snapshot_week`) and its first-year revenue.
 *
 * Geography: markets (regions `R01`…) are placed on a 420 × 420 km plane; a site lies at distance r from
 * its market's centre and its `region_type` follows r / market radius (< 0.12 urban_core, < 0.35 urban,
 * < 0.75 suburban, else rural). `x_km`/`y_km` are plane coordinates (used for spatial blocks);
 * `latitude`/`longitude` are the same point projected around 40° N, 100° W.
 *
 * Ground truth (natural log of first-year revenue, USD):
 *   log(revenue) = log(1.5M) + 0.40·log(population_1km / 5000) + 0.60·log(daytime_foot_traffic / 4000)
 *     + 0.80·log(median_income_3km / 65000) − 0.12·min(competitor_count_2km, 8)
 *     − 0.35·[distance_to_nearest_store_km < 1.5] (cannibalisation) + 0.12·log(1 + distance_to_nearest_store_km)
 *     − 0.008·(rent_per_sqft − 30) + 0.004·(transit_access_score − 50)
 *     + region_type effect (urban_core +0.20, urban +0.10, suburban 0, rural −0.25)
 *     + 0.01·(years since the first opening) + market effect N(0, 0.08²) + noise N(0, 0.30²).
 */
import { Rng } from '../util.js';

export const LOCATION_SCORING_DATASET_NAME = 'location-sites';
export const LOCATION_REGION_TYPES = ['urban_core', 'urban', 'suburban', 'rural'] as const;

/** Sites per size: SMALL still meets `min_training_sites` (400) in every backtest window and `min_history_days` (1,095). */
export const LOCATION_SITES = { SMALL: 800, DEFAULT: 3_000 } as const;
export const LOCATION_MARKETS = { SMALL: 8, DEFAULT: 16 } as const;
export const LOCATION_FIRST_OPENING_DATE = '2020-07-06';
export const LOCATION_OPENING_DAYS = 1_820;

export interface LocationScoringSpec {
  seed: number;
  size: 'SMALL' | 'DEFAULT';
}

/** Columns, row-aligned. A type alias (not an interface) so it can be read as a `Record<string, …>`. */
export type LocationScoringColumns = {
  site_id: string[];
  /** Market the site belongs to (`R01`…). */
  region: string[];
  region_type: string[];
  x_km: number[];
  y_km: number[];
  latitude: number[];
  longitude: number[];
  /** ISO date the store opened (non-decreasing). */
  opening_date: string[];
  /** ISO Monday of the week the features were measured (the opening week). */
  snapshot_week: string[];
  population_1km: number[];
  median_income_3km: number[];
  daytime_foot_traffic: number[];
  competitor_count_2km: number[];
  distance_to_nearest_store_km: number[];
  rent_per_sqft: number[];
  transit_access_score: number[];
  /** Label, USD. */
  first_year_revenue: number[];
};

export interface LocationScoringTruth {
  /** Coefficients of the log-revenue model; see the module comment. */
  coefficients: Readonly<Record<string, number>>;
  regionTypeEffect: Readonly<Record<string, number>>;
  marketEffect: Readonly<Record<string, number>>;
  noiseSd: number;
  /** Log revenue without the noise, per site (the best any model can do). */
  expectedLogRevenue: number[];
  /** Spearman correlation between the noise-free revenue and the label: the ceiling of `rank_correlation`. */
  oracleRankCorrelation: number;
}

export interface LocationScoringDataset {
  name: string;
  seed: number;
  size: 'SMALL' | 'DEFAULT';
  rows: number;
  columns: LocationScoringColumns;
  truth: LocationScoringTruth;
}

const COEFFICIENTS = {
  intercept: Math.log(1_500_000),
  log_population: 0.4,
  log_foot_traffic: 0.6,
  log_income: 0.8,
  competitors: -0.12,
  cannibalisation: -0.35,
  log_distance: 0.12,
  rent: -0.008,
  transit: 0.004,
  per_year: 0.01,
};
const REGION_TYPE_EFFECT: Record<string, number> = { urban_core: 0.2, urban: 0.1, suburban: 0, rural: -0.25 };
const NOISE_SD = 0.3;
const MARKET_SD = 0.08;

function normal(rng: Rng): number {
  const u = Math.max(rng.range(0, 1), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.range(0, 1));
}

function poisson(rng: Rng, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.range(0, 1);
  while (p > limit && k < 50) {
    k += 1;
    p *= rng.range(0, 1);
  }
  return k;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Average ranks (ties share their mean rank), 1-based. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const result = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    for (let k = i; k <= j; k++) result[order[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return result;
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

interface Market {
  id: string;
  x: number;
  y: number;
  radius: number;
  income: number;
  weight: number;
}

/** Generates the data set: the same spec always gives the same rows. */
export function generateLocationScoringDataset(spec: LocationScoringSpec): LocationScoringDataset {
  const rows = LOCATION_SITES[spec.size];
  const rng = new Rng(`${LOCATION_SCORING_DATASET_NAME}:${spec.seed}:${spec.size}`);
  const markets: Market[] = [];
  const marketEffect: Record<string, number> = {};
  for (let m = 0; m < LOCATION_MARKETS[spec.size]; m++) {
    const id = `R${String(m + 1).padStart(2, '0')}`;
    const market = { id, x: rng.range(50, 370), y: rng.range(50, 370), radius: rng.range(35, 60), income: rng.range(50_000, 85_000), weight: rng.range(0.6, 1.4) };
    markets.push(market);
    marketEffect[id] = round(MARKET_SD * normal(rng), 4);
  }
  const totalWeight = markets.reduce((s, m) => s + m.weight, 0);

  const columns: LocationScoringColumns = {
    site_id: [],
    region: [],
    region_type: [],
    x_km: [],
    y_km: [],
    latitude: [],
    longitude: [],
    opening_date: [],
    snapshot_week: [],
    population_1km: [],
    median_income_3km: [],
    daytime_foot_traffic: [],
    competitor_count_2km: [],
    distance_to_nearest_store_km: [],
    rent_per_sqft: [],
    transit_access_score: [],
    first_year_revenue: [],
  };
  const expectedLogRevenue: number[] = [];
  const firstOpening = Date.parse(`${LOCATION_FIRST_OPENING_DATE}T00:00:00Z`);

  for (let i = 0; i < rows; i++) {
    let u = rng.range(0, totalWeight);
    let market = markets[markets.length - 1]!;
    for (const candidate of markets) {
      if (u < candidate.weight) {
        market = candidate;
        break;
      }
      u -= candidate.weight;
    }
    const relative = 1.15 * rng.range(0, 1) ** 0.9;
    const angle = rng.range(0, 2 * Math.PI);
    const x = market.x + relative * market.radius * Math.cos(angle);
    const y = market.y + relative * market.radius * Math.sin(angle);
    const regionType = relative < 0.12 ? 'urban_core' : relative < 0.35 ? 'urban' : relative < 0.75 ? 'suburban' : 'rural';
    const density = Math.exp(-2.5 * relative);
    const population = Math.round(300 + 25_000 * density * Math.exp(0.35 * normal(rng)));
    const suburbanBump = Math.exp(-(((relative - 0.5) / 0.25) ** 2));
    const income = Math.round(market.income * (1 + 0.25 * suburbanBump) * Math.exp(0.15 * normal(rng)));
    const foot = Math.round(200 + 0.6 * population * Math.exp(0.5 * normal(rng)));
    const competitors = poisson(rng, 0.5 + 6 * Math.exp(-2 * relative));
    const nearest = round(0.2 + (1 + 6 * relative) * -Math.log(Math.max(rng.range(0, 1), 1e-9)), 2);
    const rent = round(12 + 50 * Math.exp(-2 * relative) * Math.exp(0.2 * normal(rng)), 2);
    const transit = Math.round(Math.min(100, Math.max(0, 90 * Math.exp(-1.5 * relative) + 8 * normal(rng))));
    const dayOffset = Math.floor((i * LOCATION_OPENING_DAYS) / rows);
    const openingMs = firstOpening + dayOffset * DAY_MS;
    const weekday = (new Date(openingMs).getUTCDay() + 6) % 7;

    const logRevenue =
      COEFFICIENTS.intercept +
      COEFFICIENTS.log_population * Math.log(population / 5_000) +
      COEFFICIENTS.log_foot_traffic * Math.log(foot / 4_000) +
      COEFFICIENTS.log_income * Math.log(income / 65_000) +
      COEFFICIENTS.competitors * Math.min(competitors, 8) +
      COEFFICIENTS.cannibalisation * (nearest < 1.5 ? 1 : 0) +
      COEFFICIENTS.log_distance * Math.log(1 + nearest) +
      COEFFICIENTS.rent * (rent - 30) +
      COEFFICIENTS.transit * (transit - 50) +
      (REGION_TYPE_EFFECT[regionType] ?? 0) +
      COEFFICIENTS.per_year * (dayOffset / 365) +
      marketEffect[market.id]!;
    expectedLogRevenue.push(logRevenue);

    columns.site_id.push(`SITE-${String(10_000 + i)}`);
    columns.region.push(market.id);
    columns.region_type.push(regionType);
    columns.x_km.push(round(x, 3));
    columns.y_km.push(round(y, 3));
    columns.latitude.push(round(40 + (y - 210) / 111.32, 5));
    columns.longitude.push(round(-100 + (x - 210) / (111.32 * Math.cos((40 * Math.PI) / 180)), 5));
    columns.opening_date.push(isoDay(openingMs));
    columns.snapshot_week.push(isoDay(openingMs - weekday * DAY_MS));
    columns.population_1km.push(population);
    columns.median_income_3km.push(income);
    columns.daytime_foot_traffic.push(foot);
    columns.competitor_count_2km.push(competitors);
    columns.distance_to_nearest_store_km.push(nearest);
    columns.rent_per_sqft.push(rent);
    columns.transit_access_score.push(transit);
    columns.first_year_revenue.push(Math.round(Math.exp(logRevenue + NOISE_SD * normal(rng))));
  }

  return {
    name: LOCATION_SCORING_DATASET_NAME,
    seed: spec.seed,
    size: spec.size,
    rows,
    columns,
    truth: {
      coefficients: COEFFICIENTS,
      regionTypeEffect: REGION_TYPE_EFFECT,
      marketEffect,
      noiseSd: NOISE_SD,
      expectedLogRevenue,
      oracleRankCorrelation: pearson(ranks(expectedLogRevenue), ranks(columns.first_year_revenue)),
    },
  };
}
