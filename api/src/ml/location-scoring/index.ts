export { runLocationScoringJob } from './location-job.js';
export { averageRanks, calibrationError, hitRate, liftAtTop, regionCoverage, spearman } from './location-metrics.js';
