export { runForecastingJob } from './forecasting-job.js';
export { forecastMetrics, FORECAST_METRIC_KEYS, type ForecastMetrics } from './forecasting-metrics.js';
