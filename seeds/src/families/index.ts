import type { FamilyDefinition } from '../spec.js';
import { forecasting } from './forecasting.js';
import { locationScoring } from './location-scoring.js';
import { nextBestAction } from './next-best-action.js';
import { pricing } from './pricing.js';

/** The four baseline families, in display order. */
export const FAMILIES: readonly FamilyDefinition[] = [forecasting, pricing, nextBestAction, locationScoring];
