export { runPricingJob } from './pricing-job.js';
export { PRICING_METRIC_KEYS, type PricingMetrics } from './pricing-metrics.js';
