/**
 * The shipped forecasting data set: daily units sold per store × SKU, generated from a seed with a
 * known ground truth (the forecasting learners are tested against it).
 *
 * Ground truth, per series s (store × SKU) and day t (0-based from START_DATE):
 *
 *   level_t = level0 + trend·t + walk_t                       walk_t = walk_{t−1} + N(0, walkSd²)
 *   mean_t  = level_t + seasonal[dow(t)] + promoLift·promo_t + holidayLift·holiday_t
 *   units_t = max(0, round(mean_t + N(0, noiseSd²)))
 *
 * - level0 = storeScale × skuBase (≈ 50–260 units/day); trend moves the level by −10 % … +30 % over
 *   the history; walkSd = 0.4 % of level0 per day (a slowly wandering level).
 * - seasonal: an additive weekly profile in units (weekend peak, mid-week trough), summing to 0.
 * - promotions: planned 3–7-day events on ≈ 12 % of days (known ahead: `promo_flag` is a future-known
 *   regressor), each lifting demand by promoLift = 30–60 % of level0 units; the shelf price drops by
 *   15–30 % during a promotion (`price` is collinear with `promo_flag`, it has no effect of its own).
 * - holidays: fixed calendar dates (HOLIDAYS), lifting demand by 20–40 % of level0 units.
 * - noise: Gaussian, noiseSd = 8–13 % of level0 (homoscedastic within a series).
 * - temperature_c: a seasonal sinusoid per store plus noise; it has no effect on demand.
 *
 * `truth.mean` is mean_t for every row: forecasting with it gives the noise floor (what an oracle that
 * knows the level, the season and the events would score). Rows are columnar and ordered by series,
 * then date: row r = seriesIndex × days + dayIndex.
 */
import { Rng } from '../util.js';

export const FORECASTING_DATASET_NAME = 'forecasting-demand';

/** First day of every generated history (a Monday); the data set never reads the clock. */
export const FORECASTING_START_DATE = '2023-07-03';

/** Columns a row carries (besides the derived features a learner computes from them). */
export const FORECASTING_COLUMNS = ['store_id', 'sku_id', 'date', 'units_sold', 'price', 'promo_flag', 'holiday_flag', 'temperature_c'] as const;
export type ForecastingColumn = (typeof FORECASTING_COLUMNS)[number];

/** Month-day of the fixed holidays (every year of the history). */
const HOLIDAYS = ['01-01', '05-26', '07-04', '09-01', '11-27', '11-28', '12-24', '12-26', '12-31'];

/** Relative weekly profile, Monday first (sums to 0); each series jitters and scales it by its level. */
const WEEKLY_PROFILE = [-0.12, -0.15, -0.08, 0, 0.1, 0.22, 0.03];

const SIZES = {
  SMALL: { stores: 2, skus: 3, days: 735 },
  DEFAULT: { stores: 10, skus: 14, days: 735 },
} as const;

export interface ForecastingDatasetSpec {
  seed: number;
  size: 'SMALL' | 'DEFAULT';
}

export interface ForecastingSeries {
  storeId: string;
  skuId: string;
}

/** The known parameters of one series (see the module comment for the model). */
export interface ForecastingSeriesTruth {
  level0: number;
  trendPerDay: number;
  walkSd: number;
  /** Additive weekly effect in units, Monday first. */
  seasonal: number[];
  promoLift: number;
  holidayLift: number;
  noiseSd: number;
  basePrice: number;
}

export interface ForecastingTruth {
  series: ForecastingSeriesTruth[];
  /** mean_t of every row (noise-free demand), row order as the columns. */
  mean: Float64Array;
}

export interface ForecastingDataset {
  name: string;
  seed: number;
  size: 'SMALL' | 'DEFAULT';
  /** ISO dates of the history, oldest first (the same for every series). */
  dates: string[];
  series: ForecastingSeries[];
  rowCount: number;
  /** Columnar rows: row r = seriesIndex × dates.length + dayIndex. `store_id`, `sku_id` and `date` are implied by the row's position. */
  columns: {
    units_sold: Float64Array;
    price: Float64Array;
    promo_flag: Uint8Array;
    holiday_flag: Uint8Array;
    temperature_c: Float64Array;
  };
  truth: ForecastingTruth;
}

/** Standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  const u = 1 - rng.range(0, 1);
  const v = rng.range(0, 1);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function dayDates(start: string, days: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: days }, (_, d) => new Date(t0 + d * 86_400_000).toISOString().slice(0, 10));
}

export function generateForecastingDataset(spec: ForecastingDatasetSpec): ForecastingDataset {
  const size = SIZES[spec.size];
  const dates = dayDates(FORECASTING_START_DATE, size.days);
  const days = dates.length;
  const holiday = Uint8Array.from(dates, (date) => (HOLIDAYS.includes(date.slice(5)) ? 1 : 0));
  const root = `${FORECASTING_DATASET_NAME}:${spec.seed}:${spec.size}`;

  const skuRng = new Rng(`${root}:skus`);
  const skus = Array.from({ length: size.skus }, (_, k) => ({
    id: `SKU-${10_000 + 137 * k}`,
    base: skuRng.range(70, 200),
    price: Math.round(skuRng.range(1.99, 9.99) * 100) / 100,
  }));
  const storeRng = new Rng(`${root}:stores`);
  const stores = Array.from({ length: size.stores }, (_, k) => ({
    id: `ST-${String(101 + k).padStart(4, '0')}`,
    scale: storeRng.range(0.7, 1.3),
    tempMean: storeRng.range(8, 18),
    tempAmp: storeRng.range(6, 12),
  }));

  const seriesCount = stores.length * skus.length;
  const rowCount = seriesCount * days;
  const columns = {
    units_sold: new Float64Array(rowCount),
    price: new Float64Array(rowCount),
    promo_flag: new Uint8Array(rowCount),
    holiday_flag: new Uint8Array(rowCount),
    temperature_c: new Float64Array(rowCount),
  };
  const mean = new Float64Array(rowCount);
  const series: ForecastingSeries[] = [];
  const truths: ForecastingSeriesTruth[] = [];

  for (const store of stores) {
    // Temperature depends on the store only (the same for each of its SKUs).
    const tempRng = new Rng(`${root}:weather:${store.id}`);
    const temperature = dates.map((_, d) => Math.round((store.tempMean - store.tempAmp * Math.cos((2 * Math.PI * (d + 10)) / 365.25) + 2 * normal(tempRng)) * 10) / 10);
    for (const sku of skus) {
      const s = series.length;
      const rng = new Rng(`${root}:series:${store.id}:${sku.id}`);
      const level0 = store.scale * sku.base;
      const truth: ForecastingSeriesTruth = {
        level0,
        trendPerDay: (level0 * rng.range(-0.1, 0.3)) / days,
        walkSd: 0.004 * level0,
        seasonal: [],
        promoLift: level0 * rng.range(0.3, 0.6),
        holidayLift: level0 * rng.range(0.2, 0.4),
        noiseSd: level0 * rng.range(0.08, 0.13),
        basePrice: sku.price,
      };
      const profile = WEEKLY_PROFILE.map((p) => p * rng.range(0.8, 1.2));
      const profileMean = profile.reduce((a, b) => a + b, 0) / profile.length;
      truth.seasonal = profile.map((p) => (p - profileMean) * level0);

      // Promotion calendar: gaps of 15–50 days between 3–7-day events (≈ 12 % of days).
      const promo = new Uint8Array(days);
      const discount = new Float64Array(days);
      for (let d = rng.int(0, 30); d < days; ) {
        const length = rng.int(3, 7);
        const depth = rng.pick([0.15, 0.2, 0.25, 0.3]);
        for (let k = d; k < Math.min(days, d + length); k++) {
          promo[k] = 1;
          discount[k] = depth;
        }
        d += length + rng.int(15, 50);
      }

      let walk = 0;
      const offset = s * days;
      for (let d = 0; d < days; d++) {
        if (d > 0) walk += truth.walkSd * normal(rng);
        const dow = d % 7; // START_DATE is a Monday
        const mu =
          level0 + truth.trendPerDay * d + walk + (truth.seasonal[dow] as number) + truth.promoLift * (promo[d] as number) + truth.holidayLift * (holiday[d] as number);
        const r = offset + d;
        mean[r] = mu;
        columns.units_sold[r] = Math.max(0, Math.round(mu + truth.noiseSd * normal(rng)));
        columns.price[r] = Math.round(sku.price * (1 - (discount[d] as number)) * 100) / 100;
        columns.promo_flag[r] = promo[d] as number;
        columns.holiday_flag[r] = holiday[d] as number;
        columns.temperature_c[r] = temperature[d] as number;
      }
      series.push({ storeId: store.id, skuId: sku.id });
      truths.push(truth);
    }
  }

  return {
    name: FORECASTING_DATASET_NAME,
    seed: spec.seed,
    size: spec.size,
    dates,
    series,
    rowCount,
    columns,
    truth: { series: truths, mean },
  };
}
