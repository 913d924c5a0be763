/**
 * The shipped pricing data set: weekly units sold per SKU × price zone with own, list and competitor
 * prices, generated from a seed with a known price elasticity per segment (category).
 *
 * Ground truth, per series i (SKU × zone) of category c, week w:
 *
 *   log E*[units] = log base_i + e_c · log(price_w / refPrice_i) + κ_c · log(competitor_w / refPrice_i)
 *                   + log seasonality_index_w
 *   units_w       = round(exp(log E*[units] + ε_w)),  ε_w ~ N(0, σ_c²)
 *
 * so E[units_w] = E*[units] · exp(σ_c²/2) (see `pricingExpectedUnits`). Only `price`, `competitor_price`
 * and `seasonality_index` move demand: `discount_depth` acts only through the price it lowers, and
 * `inventory_weeks_of_cover` and `days_since_last_price_change` have no effect.
 *
 * - Prices: each SKU has a list price ending in .49 or .99 (×1.05 urban, ×0.95 rural); each zone
 *   changes it 5–8 times over the history by whole $0.50 steps (≈ 5–12 % each, within 0.8–1.25 × the
 *   reference price and a gross margin ≥ 28 %); ≈ 15 % of weeks carry a 10–30 % discount.
 * - Competitor prices: the reference price times an AR(1) ratio around 1 (σ ≈ 6 %), independent of
 *   own price moves.
 * - Seasonality: a yearly sinusoid per category, published as `seasonality_index`.
 * - Costs: `unit_cost` = costRatio × the SKU's first list price (0.40–0.70 of it, per category).
 *
 * Segment elasticities (CATEGORY_TRUTH) range from inelastic (dairy, household) to highly elastic
 * (beverages, frozen): a profit-maximising recommender within ±10 % raises the inelastic ones and cuts
 * the over-priced elastic ones. Rows are columnar, ordered by series then week: r = i × weeks + w.
 */
import { Rng } from '../util.js';

export const PRICING_DATASET_NAME = 'pricing-transactions';

/** Monday of the first week of every generated history; the data set never reads the clock. */
export const PRICING_START_DATE = '2023-07-03';

export const PRICING_COLUMNS = [
  'sku_id',
  'price_zone',
  'category_id',
  'week_start',
  'units_sold',
  'price',
  'list_price',
  'competitor_price',
  'discount_depth',
  'inventory_weeks_of_cover',
  'seasonality_index',
  'days_since_last_price_change',
  'unit_cost',
] as const;
export type PricingColumn = (typeof PRICING_COLUMNS)[number];

export interface PricingCategoryTruth {
  category: string;
  /** Own-price elasticity e_c (the segment's truth). */
  elasticity: number;
  /** Cross-price elasticity κ_c to the competitor's price. */
  crossElasticity: number;
  /** Unit cost as a fraction of the first list price: [min, max]. */
  costRatio: [number, number];
  /** Base weekly units at the reference prices: [min, max]. */
  baseUnits: [number, number];
  /** Weekly log-demand noise σ_c. */
  noiseSd: number;
  /** Amplitude of the yearly seasonality index. */
  seasonAmplitude: number;
}

/** The segments' truth (category_id is the segment). */
export const PRICING_CATEGORY_TRUTH: readonly PricingCategoryTruth[] = [
  { category: 'beverages', elasticity: -2.4, crossElasticity: 0.6, costRatio: [0.4, 0.5], baseUnits: [80, 300], noiseSd: 0.1, seasonAmplitude: 0.18 },
  { category: 'snacks', elasticity: -1.6, crossElasticity: 0.5, costRatio: [0.55, 0.65], baseUnits: [60, 240], noiseSd: 0.12, seasonAmplitude: 0.06 },
  { category: 'dairy', elasticity: -0.7, crossElasticity: 0.2, costRatio: [0.6, 0.7], baseUnits: [150, 500], noiseSd: 0.08, seasonAmplitude: 0.04 },
  { category: 'household', elasticity: -0.9, crossElasticity: 0.3, costRatio: [0.5, 0.6], baseUnits: [60, 220], noiseSd: 0.1, seasonAmplitude: 0.05 },
  { category: 'personal_care', elasticity: -1.3, crossElasticity: 0.4, costRatio: [0.45, 0.55], baseUnits: [40, 150], noiseSd: 0.12, seasonAmplitude: 0.05 },
  { category: 'frozen', elasticity: -2.8, crossElasticity: 0.7, costRatio: [0.4, 0.5], baseUnits: [60, 220], noiseSd: 0.1, seasonAmplitude: 0.12 },
];

const ZONES = [
  { id: 'urban_a', price: 1.05, volume: 1.3 },
  { id: 'suburban_b', price: 1, volume: 1 },
  { id: 'rural_c', price: 0.95, volume: 0.6 },
] as const;

const SIZES = {
  SMALL: { skusPerCategory: 8, weeks: 60 },
  DEFAULT: { skusPerCategory: 40, weeks: 104 },
} as const;

export interface PricingDatasetSpec {
  seed: number;
  size: 'SMALL' | 'DEFAULT';
}

export interface PricingSeries {
  skuId: string;
  priceZone: string;
  categoryId: string;
}

/** The known parameters of one series (see the module comment). */
export interface PricingSeriesTruth {
  baseUnits: number;
  refPrice: number;
  elasticity: number;
  crossElasticity: number;
  noiseSd: number;
  unitCost: number;
}

export interface PricingDataset {
  name: string;
  seed: number;
  size: 'SMALL' | 'DEFAULT';
  /** ISO Mondays, oldest first (the same for every series). */
  weeks: string[];
  series: PricingSeries[];
  rowCount: number;
  /** Columnar rows: r = seriesIndex × weeks.length + weekIndex; ids and week_start are implied by position. */
  columns: {
    units_sold: Float64Array;
    price: Float64Array;
    list_price: Float64Array;
    competitor_price: Float64Array;
    discount_depth: Float64Array;
    inventory_weeks_of_cover: Float64Array;
    seasonality_index: Float64Array;
    days_since_last_price_change: Float64Array;
    unit_cost: Float64Array;
  };
  truth: {
    categories: readonly PricingCategoryTruth[];
    series: PricingSeriesTruth[];
  };
}

function normal(rng: Rng): number {
  const u = 1 - rng.range(0, 1);
  const v = rng.range(0, 1);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** The price ending in .49 or .99 nearest to `price`. */
function toEnding(price: number): number {
  return Math.max(0.49, Math.round((price + 0.01) * 2) / 2 - 0.01);
}

/**
 * Ground-truth expected units of row r (series i, week w) had the shelf price been `price`, all else
 * as observed: E[units] = base_i (price/ref_i)^e (competitor_w/ref_i)^κ seasonality_w exp(σ²/2).
 */
export function pricingExpectedUnits(data: PricingDataset, row: number, price: number): number {
  const t = data.truth.series[Math.floor(row / data.weeks.length)] as PricingSeriesTruth;
  return (
    t.baseUnits *
    Math.pow(price / t.refPrice, t.elasticity) *
    Math.pow((data.columns.competitor_price[row] as number) / t.refPrice, t.crossElasticity) *
    (data.columns.seasonality_index[row] as number) *
    Math.exp((t.noiseSd * t.noiseSd) / 2)
  );
}

export function generatePricingDataset(spec: PricingDatasetSpec): PricingDataset {
  const size = SIZES[spec.size];
  const root = `${PRICING_DATASET_NAME}:${spec.seed}:${spec.size}`;
  const t0 = Date.parse(`${PRICING_START_DATE}T00:00:00Z`);
  const weeks = Array.from({ length: size.weeks }, (_, w) => new Date(t0 + w * 7 * 86_400_000).toISOString().slice(0, 10));
  const nWeeks = weeks.length;
  const seriesCount = PRICING_CATEGORY_TRUTH.length * size.skusPerCategory * ZONES.length;
  const rowCount = seriesCount * nWeeks;
  const col = () => new Float64Array(rowCount);
  const columns = {
    units_sold: col(),
    price: col(),
    list_price: col(),
    competitor_price: col(),
    discount_depth: col(),
    inventory_weeks_of_cover: col(),
    seasonality_index: col(),
    days_since_last_price_change: col(),
    unit_cost: col(),
  };
  const series: PricingSeries[] = [];
  const truths: PricingSeriesTruth[] = [];

  PRICING_CATEGORY_TRUTH.forEach((cat, c) => {
    const catRng = new Rng(`${root}:category:${cat.category}`);
    const phase = catRng.range(0, 52);
    const season = weeks.map((_, w) => Math.round((1 + cat.seasonAmplitude * Math.sin((2 * Math.PI * (w + phase)) / 52)) * 1000) / 1000);
    for (let k = 0; k < size.skusPerCategory; k++) {
      const skuId = `SKU-${40_000 + c * 1000 + k * 7}`;
      const skuRng = new Rng(`${root}:sku:${skuId}`);
      const firstList = toEnding(skuRng.range(2.49, 14.99));
      const unitCost = Math.round(firstList * skuRng.range(cat.costRatio[0], cat.costRatio[1]) * 100) / 100;
      const baseUnits = skuRng.range(cat.baseUnits[0], cat.baseUnits[1]);
      for (const zone of ZONES) {
        const i = series.length;
        const rng = new Rng(`${root}:series:${skuId}:${zone.id}`);
        const refPrice = toEnding(firstList * zone.price);
        const truth: PricingSeriesTruth = {
          baseUnits: baseUnits * zone.volume,
          refPrice,
          elasticity: cat.elasticity,
          crossElasticity: cat.crossElasticity,
          noiseSd: cat.noiseSd,
          unitCost: Math.round(unitCost * zone.price * 100) / 100,
        };
        // Zone list-price changes: 5–8 distinct weeks, each moving the list price by whole $0.50 steps of
        // the .49/.99 grid (≈ 5–12 %, at least one step), kept within 0.8–1.25 × the reference price and
        // at a gross margin of at least 28 % (a step that would leave that band goes the other way).
        const changes = new Map<number, number>();
        const nChanges = rng.int(5, 8);
        while (changes.size < nChanges) changes.set(rng.int(2, nWeeks - 2), rng.range(0.05, 0.12) * (rng.range(0, 1) < 0.5 ? -1 : 1));
        const lowest = Math.max(0.8 * refPrice, truth.unitCost / 0.72, 0.99);
        const listPath: number[] = [];
        let list = refPrice;
        for (let w = 0; w < nWeeks; w++) {
          const change = changes.get(w);
          if (change !== undefined) {
            const step = 0.5 * Math.max(1, Math.round((Math.abs(change) * refPrice) / 0.5)) * Math.sign(change);
            list = list + step < lowest || list + step > 1.25 * refPrice ? list - step : list + step;
            list = Math.round(list * 100) / 100;
          }
          listPath.push(list);
        }
        let ratio = 1;
        let lastPrice = Number.NaN;
        let sinceChange = 7 * skuRng.int(4, 20);
        for (let w = 0; w < nWeeks; w++) {
          const r = i * nWeeks + w;
          const list = listPath[w] as number;
          const discount = rng.range(0, 1) < 0.15 ? rng.pick([0.1, 0.15, 0.2, 0.25, 0.3]) : 0;
          const price = Math.round(list * (1 - discount) * 100) / 100;
          ratio = 1 + 0.7 * (ratio - 1) + 0.043 * normal(rng);
          const competitor = Math.round(refPrice * ratio * 100) / 100;
          sinceChange = price === lastPrice ? sinceChange + 7 : 0;
          lastPrice = price;
          columns.price[r] = price;
          columns.list_price[r] = list;
          columns.discount_depth[r] = discount;
          columns.competitor_price[r] = competitor;
          columns.seasonality_index[r] = season[w] as number;
          columns.inventory_weeks_of_cover[r] = Math.round(rng.range(1.5, 8) * 10) / 10;
          columns.days_since_last_price_change[r] = sinceChange;
          columns.unit_cost[r] = truth.unitCost;
          const logMean =
            Math.log(truth.baseUnits) +
            truth.elasticity * Math.log(price / refPrice) +
            truth.crossElasticity * Math.log(competitor / refPrice) +
            Math.log(season[w] as number);
          columns.units_sold[r] = Math.round(Math.exp(logMean + truth.noiseSd * normal(rng)));
        }
        series.push({ skuId, priceZone: zone.id, categoryId: cat.category });
        truths.push(truth);
      }
    }
  });

  return {
    name: PRICING_DATASET_NAME,
    seed: spec.seed,
    size: spec.size,
    weeks,
    series,
    rowCount,
    columns,
    truth: { categories: PRICING_CATEGORY_TRUTH, series: truths },
  };
}
