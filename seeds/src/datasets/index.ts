// The shipped data sets, one per family, generated from a seed with a known ground truth
// (the worker's learners are tested against it). Each family module exports its generator.
export * from './next-best-action.js';
export * from './forecasting.js';
export * from './pricing.js';
export * from './location-scoring.js';
