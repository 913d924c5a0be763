export { runNextBestActionJob } from './nba-job.js';
export { evaluatePolicy, normalisedEntropy, precisionAtTop, qiniCoefficient, qiniCurve } from './uplift-metrics.js';
