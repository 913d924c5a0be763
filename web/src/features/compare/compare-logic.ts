/**
 * Side-by-side comparison of runs: one row per key (param or metric), one value per run, with
 * the rows whose values differ marked, and for metrics the best and worst runs in the metric's
 * direction.
 */
export type Direction = 'LOWER_IS_BETTER' | 'HIGHER_IS_BETTER';

export interface CompareRow<V> {
  key: string;
  /** One value per run, in run order; null when the run has no such key. */
  values: Array<V | null>;
  /** Not every run has the same value (a missing value counts as different). */
  differs: boolean;
  /** Indexes of the runs with the best / worst value (metrics with a known direction). */
  best: number[];
  worst: number[];
}

export function compareRows<V extends string | number>(
  runs: ReadonlyArray<ReadonlyArray<{ key: string; value: V }>>,
  directions: Readonly<Record<string, Direction>> = {},
): Array<CompareRow<V>> {
  const keys: string[] = [];
  const maps = runs.map((entries) => {
    const map = new Map<string, V>();
    for (const { key, value } of entries) {
      if (!map.has(key) && !keys.includes(key)) keys.push(key);
      map.set(key, value);
    }
    return map;
  });
  return keys.map((key) => {
    const values = maps.map((map) => (map.has(key) ? (map.get(key) as V) : null));
    const present = values.filter((v): v is V => v !== null);
    const differs = present.length !== values.length || new Set(present).size > 1;
    let best: number[] = [];
    let worst: number[] = [];
    const direction = directions[key];
    if (direction && differs && present.length > 1 && present.every((v) => typeof v === 'number')) {
      const numbers = present as number[];
      const max = Math.max(...numbers);
      const min = Math.min(...numbers);
      if (max !== min) {
        const [good, bad] = direction === 'LOWER_IS_BETTER' ? [min, max] : [max, min];
        best = values.flatMap((v, i) => (v === good ? [i] : []));
        worst = values.flatMap((v, i) => (v === bad ? [i] : []));
      }
    }
    return { key, values, differs, best, worst };
  });
}

/** Metric keys present in any run's history, most common first (the overlay's choices). */
export function historyKeys(runs: ReadonlyArray<ReadonlyArray<{ key: string }>>): string[] {
  const counts = new Map<string, number>();
  for (const history of runs) {
    for (const key of new Set(history.map((p) => p.key))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
}
