import { describe, expect, it } from 'vitest';
import { guardrailBreaches, recommendPrice, type Guardrails } from './price-recommender.js';

const guardrails: Guardrails = { maxPriceChangePct: 0.1, minMarginPct: 0.18, minPrice: null, maxPrice: null, priceEndings: [0.99, 0.49] };

describe('price recommender', () => {
  it('cuts an elastic, low-cost item to the lowest admissible price ending', () => {
    // Unconstrained optimum c·e/(1 + e) = 4 × 1.5 = 6 lies below the ±10 % band [9, 11].
    expect(recommendPrice(10, 4, -3, guardrails, 'profit')).toBe(9.49);
  });
  it('raises an inelastic item to the highest admissible price ending', () => expect(recommendPrice(10, 4, -0.5, guardrails, 'profit')).toBe(10.99));
  it('respects the margin floor: cost 8.5 needs p ≥ 10.37', () => {
    const price = recommendPrice(10, 8.5, -6, guardrails, 'profit');
    expect(price).toBe(10.49);
    expect(guardrailBreaches(price, 10, 8.5, guardrails)).toEqual([]);
  });
  it('revenue objective lowers an elastic item even at a thin margin', () => expect(recommendPrice(10, 7, -2, guardrails, 'revenue')).toBe(9.49));
  it('keeps the current price when no candidate is admissible', () => {
    // Margin floor needs p ≥ 12.20 but +10 % allows at most 10.99: nothing qualifies.
    expect(recommendPrice(9.99, 10, -1, guardrails, 'profit')).toBe(9.99);
    expect(guardrailBreaches(9.99, 9.99, 10, guardrails)).toEqual(['min_margin_pct']);
  });
  it('lists every guardrail a price breaks', () => {
    expect(guardrailBreaches(12.5, 10, 4, guardrails)).toEqual(['max_price_change_pct', 'price_endings']);
    expect(guardrailBreaches(9.99, 10, 4, { ...guardrails, maxPrice: 9.5 })).toEqual(['max_price']);
  });
});
