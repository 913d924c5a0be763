/**
 * Data reduction for long time series, done on the server before the data reaches the browser.
 *
 * `minMaxDecimate` is M4 aggregation: the time range is cut into `buckets` equal slices and each
 * slice keeps its first, lowest, highest and last point (in time order). Drawn as a line no wider
 * than `buckets` pixels, the result is indistinguishable from the full series: every peak and every
 * trough is a real point and stays where it was. Only what happens inside one slice is summarised.
 */
export type TimePoint = readonly [number, number];

export function minMaxDecimate(points: readonly TimePoint[], buckets: number): TimePoint[] {
  if (buckets < 1 || points.length <= buckets * 4) return [...points];
  const t0 = points[0]![0];
  const span = points[points.length - 1]![0] - t0;
  if (!(span > 0)) return [...points];
  const out: TimePoint[] = [];
  let bucket = -1;
  let first = 0;
  let min = 0;
  let max = 0;
  let last = 0;
  const flush = () => {
    // Up to four distinct indexes, kept in time order.
    const keep = [...new Set([first, min, max, last])].sort((a, b) => a - b);
    for (const i of keep) out.push(points[i]!);
  };
  for (let i = 0; i < points.length; i++) {
    const [t, v] = points[i]!;
    const b = Math.min(buckets - 1, Math.floor(((t - t0) / span) * buckets));
    if (b !== bucket) {
      if (bucket >= 0) flush();
      bucket = b;
      first = min = max = last = i;
      continue;
    }
    if (v < points[min]![1]) min = i;
    if (v > points[max]![1]) max = i;
    last = i;
  }
  if (bucket >= 0) flush();
  return out;
}
