import { PRICING_COLUMNS, type PricingDataset } from '@modelyard/seeds';
import { JobInputError, type JobInput } from '../types.js';
import { formatCount, pickNumber, pickString, section, stringList, type Json } from '../common/manifest-reader.js';
import type { Guardrails, Objective } from './price-recommender.js';

/**
 * What a pricing run reads from its manifest and params (run params win over the manifest), the
 * features a log-log model can use, and the checks of the data set against `requirements`.
 *
 * Manifest paths read: requirements.{label, grain, min_history_days, min_price_changes_per_sku},
 * pipeline.quality.{min_rows, min_price_variation_cv} (warnings only),
 * pipeline.feature_prep.transforms.units_sold (log | log1p), pipeline.training.{algorithm,
 * regularization, alpha, elasticity_bounds, hierarchical_pooling | segment_by, objective},
 * deployment.guardrails or pipeline.deployment.guardrails.{max_price_change_pct, min_margin_pct,
 * min_price, max_price, price_endings}, evaluation.validation.{holdout_weeks, windows, window_weeks,
 * step_weeks, min_train_weeks}, lineage.input_features.
 */
export type SegmentBy = 'category_id' | 'price_zone' | 'none';

/** How an input feature enters the regression: the price term, a numeric control, or absorbed by the series' fixed effect. */
export type FeatureRole = { role: 'price' } | { role: 'control'; value: (data: PricingDataset, row: number) => number } | { role: 'absorbed' };

const col = (name: keyof PricingDataset['columns'], transform: 'log' | 'raw' = 'raw') =>
  transform === 'log' ? (d: PricingDataset, r: number) => Math.log(d.columns[name][r]!) : (d: PricingDataset, r: number) => d.columns[name][r]!;
const weekOfYear = (d: PricingDataset, r: number) => {
  const date = new Date(`${d.weeks[r % d.weeks.length]}T00:00:00Z`);
  return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / (7 * 86_400_000)) + 1;
};

/** Every feature the pricing data set provides (columns and what is derived from them). */
export const PRICING_FEATURES: Record<string, FeatureRole> = {
  log_price: { role: 'price' },
  price: { role: 'price' },
  log_competitor_price: { role: 'control', value: col('competitor_price', 'log') },
  competitor_price: { role: 'control', value: col('competitor_price', 'log') },
  price_ratio_to_competitor: { role: 'control', value: (d, r) => d.columns.price[r]! / d.columns.competitor_price[r]! },
  discount_depth: { role: 'control', value: col('discount_depth') },
  inventory_weeks_of_cover: { role: 'control', value: col('inventory_weeks_of_cover') },
  seasonality_index: { role: 'control', value: col('seasonality_index', 'log') },
  days_since_last_price_change: { role: 'control', value: col('days_since_last_price_change') },
  list_price: { role: 'control', value: col('list_price', 'log') },
  log_list_price: { role: 'control', value: col('list_price', 'log') },
  unit_cost: { role: 'control', value: col('unit_cost', 'log') },
  week_of_year: { role: 'control', value: weekOfYear },
  month: { role: 'control', value: (d, r) => Number(d.weeks[r % d.weeks.length]!.slice(5, 7)) },
  category_id: { role: 'absorbed' },
  price_zone: { role: 'absorbed' },
  sku_id: { role: 'absorbed' },
  week_start: { role: 'absorbed' },
};

export interface PricingConfig {
  segmentBy: SegmentBy;
  alpha: number;
  bounds: [number, number];
  objective: Objective;
  labelTransform: 'log' | 'log1p';
  features: string[];
  /** Numeric controls, in manifest order (each may still be dropped as collinear). */
  controls: string[];
  absorbed: string[];
  holdoutWeeks: number;
  backtest: { windows: number; windowWeeks: number; stepWeeks: number; minTrainWeeks: number };
  guardrails: Guardrails;
  requirements: { minHistoryDays: number; minPriceChangesPerSku: number; minRows: number; minPriceVariationCv: number };
  ignoredParams: string[];
}

const ALGORITHMS = new Set(['log_log_regression', 'log_log', 'loglog', 'log_log_ridge']);
const READ_PARAMS = new Set(['algorithm', 'regularization', 'alpha', 'elasticity_bounds', 'pooling', 'segment_by', 'objective', 'holdout_weeks', 'weeks', 'windows', 'window_weeks', 'step_weeks', 'min_train_weeks', 'strategy']);

function parseBounds(where: string, value: unknown): [number, number] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new JobInputError(`${where} must be a [min, max] pair (got "${value}")`);
    }
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || parsed.some((v) => typeof v !== 'number' || !Number.isFinite(v))) throw new JobInputError(`${where} must be a [min, max] pair of numbers`);
  const [lo, hi] = parsed as [number, number];
  if (!(lo < hi) || hi >= 0) throw new JobInputError(`${where} must satisfy min < max < 0 (own-price elasticities are negative); got [${lo}, ${hi}]`);
  return [lo, hi];
}

export function readPricingConfig(input: JobInput): PricingConfig {
  const manifest = input.manifest as Json;
  const params = input.params;
  const training = { ...section(manifest, 'training'), ...section(manifest, 'pipeline.training') };
  const validation = { ...section(manifest, 'validation'), ...section(manifest, 'evaluation.validation') };
  const guardrails = { ...section(manifest, 'pipeline.deployment.guardrails'), ...section(manifest, 'deployment.guardrails') };
  const requirements = section(manifest, 'requirements');
  const p = (key: string): [string, unknown] => [`params.${key}`, params[key]];
  const t = (key: string): [string, unknown] => [`pipeline.training.${key}`, training[key]];
  const v = (key: string): [string, unknown] => [`evaluation.validation.${key}`, validation[key]];
  const gr = (key: string): [string, unknown] => [`deployment.guardrails.${key}`, guardrails[key]];

  const algorithm = pickString([p('algorithm'), t('algorithm')], 'log_log_regression');
  if (!ALGORITHMS.has(algorithm)) throw new JobInputError(`training.algorithm "${algorithm}" is not supported for PRICING (supported: log_log_regression)`);
  const regularization = pickString([p('regularization'), t('regularization')], 'ridge');
  if (regularization !== 'ridge' && regularization !== 'none') throw new JobInputError(`training.regularization "${regularization}" is not supported (ridge, none)`);
  const segmentBy = pickString([p('segment_by'), p('pooling'), t('segment_by'), t('hierarchical_pooling')], 'category_id');
  if (segmentBy !== 'category_id' && segmentBy !== 'price_zone' && segmentBy !== 'none') throw new JobInputError(`segment key "${segmentBy}" is not supported (category_id, price_zone, none)`);
  const objective = pickString([p('objective'), t('objective')], 'profit');
  if (objective !== 'profit' && objective !== 'revenue') throw new JobInputError(`objective "${objective}" is not supported (profit, revenue)`);
  const labelTransform = pickString([['pipeline.feature_prep.transforms.units_sold', section(manifest, 'pipeline.feature_prep.transforms').units_sold]], 'log');
  if (labelTransform !== 'log' && labelTransform !== 'log1p') throw new JobInputError(`feature_prep.transforms.units_sold "${labelTransform}" is not supported by a log-log model (log, log1p)`);

  const features = stringList('lineage.input_features', section(manifest, 'lineage').input_features) ?? ['log_price'];
  const label = pickString([['requirements.label', requirements.label]], 'units_sold');
  if (features.includes(label)) throw new JobInputError(`the label ${label} cannot also be an input feature`);
  const unknown = features.filter((f) => !(f in PRICING_FEATURES));
  if (unknown.length) {
    throw new JobInputError(
      `unknown input feature${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `"${f}"`).join(', ')}: the pricing-transactions data set provides ${Object.keys(PRICING_FEATURES).join(', ')}`,
    );
  }
  if (!features.some((f) => PRICING_FEATURES[f]!.role === 'price')) throw new JobInputError('log_log_regression needs log_price (or price) among lineage.input_features');
  const endings = guardrails.price_endings ?? params.price_endings;
  const priceEndings = endings === undefined ? [] : (Array.isArray(endings) ? endings : []).map(Number);
  if (endings !== undefined && (!Array.isArray(endings) || priceEndings.some((e) => !Number.isFinite(e) || e < 0 || e >= 1))) {
    throw new JobInputError('deployment.guardrails.price_endings must be a list of cent endings like [0.99, 0.49]');
  }
  const optional = (sources: Array<[string, unknown]>, rule: { min?: number; max?: number }) => {
    const value = pickNumber(sources, rule, Number.NaN);
    return Number.isNaN(value) ? null : value;
  };

  return {
    segmentBy,
    alpha: regularization === 'none' ? 0 : pickNumber([p('alpha'), t('alpha')], { min: 0 }, 0.5),
    bounds: parseBounds('params.elasticity_bounds', params.elasticity_bounds) ?? parseBounds('pipeline.training.elasticity_bounds', training.elasticity_bounds) ?? [-10, -0.01],
    objective,
    labelTransform,
    features,
    controls: features.filter((f) => PRICING_FEATURES[f]!.role === 'control'),
    absorbed: features.filter((f) => PRICING_FEATURES[f]!.role === 'absorbed'),
    holdoutWeeks: pickNumber([p('holdout_weeks'), p('weeks'), v('holdout_weeks')], { min: 1, max: 104, integer: true }, 8),
    backtest: {
      windows: pickNumber([p('windows'), v('windows')], { min: 1, max: 100, integer: true }, 12),
      windowWeeks: pickNumber([p('window_weeks'), v('window_weeks')], { min: 1, max: 52, integer: true }, 1),
      stepWeeks: pickNumber([p('step_weeks'), v('step_weeks')], { min: 1, max: 52, integer: true }, Number.NaN),
      minTrainWeeks: pickNumber([p('min_train_weeks'), v('min_train_weeks')], { min: 2, integer: true }, 16),
    },
    guardrails: {
      maxPriceChangePct: optional([gr('max_price_change_pct')], { min: 0, max: 1 }),
      minMarginPct: optional([gr('min_margin_pct')], { min: 0, max: 0.99 }),
      minPrice: optional([gr('min_price')], { min: 0 }),
      maxPrice: optional([gr('max_price')], { min: 0 }),
      priceEndings,
    },
    requirements: {
      minHistoryDays: pickNumber([['requirements.min_history_days', requirements.min_history_days]], { min: 0 }, 0),
      minPriceChangesPerSku: pickNumber([['requirements.min_price_changes_per_sku', requirements.min_price_changes_per_sku]], { min: 0 }, 0),
      minRows: pickNumber([['pipeline.quality.min_rows', section(manifest, 'pipeline.quality').min_rows]], { min: 0 }, 0),
      minPriceVariationCv: pickNumber([['pipeline.quality.min_price_variation_cv', section(manifest, 'pipeline.quality').min_price_variation_cv]], { min: 0 }, 0),
    },
    ignoredParams: Object.keys(params).filter((key) => !READ_PARAMS.has(key)),
  };
}

/** Throws JobInputError when the data set does not meet the manifest's requirements; returns warnings. */
export function checkPricingRequirements(input: JobInput, config: PricingConfig, data: PricingDataset): string[] {
  const requirements = section(input.manifest as Json, 'requirements');
  const label = requirements.label ?? 'units_sold';
  if (label !== 'units_sold') throw new JobInputError(`requirements.label "${String(label)}" is not in the ${data.name} data set (its label is units_sold)`);
  const grain = section(input.manifest as Json, 'requirements.grain');
  const entity = stringList('requirements.grain.entity', grain.entity);
  if (entity) {
    const missing = entity.filter((e) => !(PRICING_COLUMNS as readonly string[]).includes(e));
    if (missing.length) throw new JobInputError(`requirements.grain.entity ${missing.join(', ')} is not a column of ${data.name} (grain: sku_id × price_zone)`);
    if (entity.length !== 2 || !entity.includes('sku_id') || !entity.includes('price_zone')) {
      throw new JobInputError(`requirements.grain.entity [${entity.join(', ')}] differs from the data set's grain sku_id × price_zone (aggregation is not supported)`);
    }
  }
  if (grain.time_column !== undefined && grain.time_column !== 'week_start') throw new JobInputError(`requirements.grain.time_column "${String(grain.time_column)}" is not in ${data.name} (time column: week_start)`);
  if (grain.frequency !== undefined && grain.frequency !== 'weekly') throw new JobInputError(`requirements.grain.frequency "${String(grain.frequency)}" does not match ${data.name} (weekly)`);
  const weeks = data.weeks.length;
  if (weeks * 7 < config.requirements.minHistoryDays) {
    throw new JobInputError(`data set ${data.name} (${data.size}) has ${weeks * 7} days (${weeks} weeks) of history, below requirements.min_history_days ${config.requirements.minHistoryDays}`);
  }
  // Regular (list) price changes per SKU: the zones of a SKU change together, so count its first series.
  const changesBySku = new Map<string, number>();
  const lowCv: string[] = [];
  data.series.forEach((s, i) => {
    let changes = 0;
    let sum = 0;
    let sumSq = 0;
    for (let w = 0; w < weeks; w++) {
      const r = i * weeks + w;
      if (w > 0 && data.columns.list_price[r] !== data.columns.list_price[r - 1]) changes++;
      sum += data.columns.price[r]!;
      sumSq += data.columns.price[r]! ** 2;
    }
    changesBySku.set(s.skuId, Math.min(changes, changesBySku.get(s.skuId) ?? Infinity));
    const mean = sum / weeks;
    if (Math.sqrt(Math.max(0, sumSq / weeks - mean * mean)) / mean < config.requirements.minPriceVariationCv) lowCv.push(`${s.skuId}/${s.priceZone}`);
  });
  const few = [...changesBySku].filter(([, c]) => c < config.requirements.minPriceChangesPerSku);
  if (few.length) {
    throw new JobInputError(
      `${few.length} of ${changesBySku.size} SKUs have fewer than requirements.min_price_changes_per_sku ${config.requirements.minPriceChangesPerSku} price changes (e.g. ${few[0]![0]}: ${few[0]![1]})`,
    );
  }
  if (weeks - config.holdoutWeeks < 8) throw new JobInputError(`holdout of ${config.holdoutWeeks} weeks leaves ${weeks - config.holdoutWeeks} training weeks; need at least 8`);
  const warnings: string[] = [];
  if (data.rowCount < config.requirements.minRows) warnings.push(`${formatCount(data.rowCount)} rows, below pipeline.quality.min_rows ${formatCount(config.requirements.minRows)}`);
  if (lowCv.length) warnings.push(`${lowCv.length} series have a price coefficient of variation below min_price_variation_cv ${config.requirements.minPriceVariationCv}`);
  return warnings;
}
