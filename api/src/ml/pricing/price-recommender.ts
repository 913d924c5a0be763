/**
 * Guardrailed price recommendation for one series from its estimated own-price elasticity ê.
 *
 * With demand q(p) ∝ p^ê (everything else fixed), expected profit is π(p) ∝ (p − c) p^ê and revenue
 * R(p) ∝ p^{1+ê}. The recommender evaluates every admissible candidate and keeps the best for the
 * objective (ties: the price nearest the current one). Admissible: within ±max_price_change_pct of the
 * current regular price p0, a gross margin (p − c)/p ≥ min_margin_pct, inside [min_price, max_price]
 * when set, and ending in one of price_endings (e.g. .99, .49; any cent when none are set). When no
 * candidate is admissible the current price is kept (and counted as a violation if it breaks one).
 */
export interface Guardrails {
  maxPriceChangePct: number | null;
  minMarginPct: number | null;
  minPrice: number | null;
  maxPrice: number | null;
  /** Cent endings as fractions, e.g. [0.99, 0.49]; empty: any cent. */
  priceEndings: number[];
}

export type Objective = 'profit' | 'revenue';

const EPS = 1e-9;

const cents = (price: number) => Math.round(price * 100);

function endsWell(price: number, endings: number[]): boolean {
  if (!endings.length) return true;
  const c = ((cents(price) % 100) + 100) % 100;
  return endings.some((e) => Math.round(e * 100) % 100 === c);
}

/** The guardrails a price breaks (empty when admissible). */
export function guardrailBreaches(price: number, currentPrice: number, cost: number, g: Guardrails): string[] {
  const breaches: string[] = [];
  if (g.maxPriceChangePct !== null && Math.abs(price / currentPrice - 1) > g.maxPriceChangePct + EPS) breaches.push('max_price_change_pct');
  if (g.minMarginPct !== null && (price - cost) / price < g.minMarginPct - EPS) breaches.push('min_margin_pct');
  if (g.minPrice !== null && price < g.minPrice - EPS) breaches.push('min_price');
  if (g.maxPrice !== null && price > g.maxPrice + EPS) breaches.push('max_price');
  if (!endsWell(price, g.priceEndings)) breaches.push('price_endings');
  return breaches;
}

export function recommendPrice(currentPrice: number, cost: number, elasticity: number, g: Guardrails, objective: Objective): number {
  const change = g.maxPriceChangePct ?? 0.5;
  let low = currentPrice * (1 - change);
  let high = currentPrice * (1 + change);
  if (g.minMarginPct !== null && g.minMarginPct < 1) low = Math.max(low, cost / (1 - g.minMarginPct));
  if (g.minPrice !== null) low = Math.max(low, g.minPrice);
  if (g.maxPrice !== null) high = Math.min(high, g.maxPrice);
  const value = (p: number) => (objective === 'profit' ? (p - cost) * Math.pow(p, elasticity) : Math.pow(p, 1 + elasticity));
  let best = Number.NaN;
  let bestValue = -Infinity;
  for (let c = Math.ceil(low * 100 - EPS); c <= Math.floor(high * 100 + EPS); c++) {
    const p = c / 100;
    if (!endsWell(p, g.priceEndings) || guardrailBreaches(p, currentPrice, cost, g).length) continue;
    const v = value(p);
    if (v > bestValue + 1e-12 || (Math.abs(v - bestValue) <= 1e-12 && Math.abs(p - currentPrice) < Math.abs(best - currentPrice))) {
      best = p;
      bestValue = v;
    }
  }
  return Number.isNaN(best) ? currentPrice : best;
}
