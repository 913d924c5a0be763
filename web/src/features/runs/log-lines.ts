/** Merges log lines by sequence number: ordered, each line once (the newest copy wins). */
export function mergeLogLines<T extends { seq: number }>(current: readonly T[], incoming: readonly T[]): readonly T[] {
  if (incoming.length === 0) return current;
  const last = current.length ? current[current.length - 1]!.seq : 0;
  // The common case while tailing: lines strictly after the last one, in order.
  if (incoming.every((line, i) => line.seq > (i === 0 ? last : incoming[i - 1]!.seq))) return [...current, ...incoming];
  const bySeq = new Map<number, T>();
  for (const line of current) bySeq.set(line.seq, line);
  for (const line of incoming) bySeq.set(line.seq, line);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
