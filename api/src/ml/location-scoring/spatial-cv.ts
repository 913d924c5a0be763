/**
 * Spatial block cross-validation: sites are grouped into square blocks of `blockSizeKm`; the blocks
 * are shuffled (seeded) and dealt round-robin to the folds. For each fold, the training sites are
 * those outside its blocks and farther than `bufferKm` from every one of its blocks, so a test site's
 * close neighbours never leak into training.
 */
import { mulberry32 } from '../common/random.js';
export interface SpatialFold {
  /** Indices (into the coordinates) of the training and test sites. */
  train: number[];
  test: number[];
  /** Sites outside the fold's blocks dropped because they lie within the buffer. */
  buffered: number;
}


export function spatialFolds(
  x: readonly number[],
  y: readonly number[],
  folds: number,
  blockSizeKm: number,
  bufferKm: number,
  seed: number,
): { folds: SpatialFold[]; blocks: number } {
  const key = (bx: number, by: number): string => `${bx}:${by}`;
  const blockOf = x.map((xi, i) => [Math.floor(xi / blockSizeKm), Math.floor(y[i]! / blockSizeKm)] as const);
  const blocks = [...new Set(blockOf.map(([bx, by]) => key(bx, by)))].sort();
  const random = mulberry32(seed ^ 0x5bd1e995);
  for (let i = blocks.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [blocks[i], blocks[j]] = [blocks[j]!, blocks[i]!];
  }
  const foldOf = new Map(blocks.map((b, k) => [b, k % folds]));
  const reach = Math.ceil(bufferKm / blockSizeKm);
  const result: SpatialFold[] = Array.from({ length: folds }, () => ({ train: [], test: [], buffered: 0 }));
  for (let i = 0; i < x.length; i++) {
    const [bx, by] = blockOf[i]!;
    const own = foldOf.get(key(bx, by))!;
    result[own]!.test.push(i);
    for (let f = 0; f < folds; f++) {
      if (f === own) continue;
      let near = false;
      for (let dx = -reach; dx <= reach && !near && bufferKm > 0; dx++) {
        for (let dy = -reach; dy <= reach && !near; dy++) {
          if (foldOf.get(key(bx + dx, by + dy)) !== f) continue;
          const x0 = (bx + dx) * blockSizeKm;
          const y0 = (by + dy) * blockSizeKm;
          const ex = Math.max(x0 - x[i]!, 0, x[i]! - (x0 + blockSizeKm));
          const ey = Math.max(y0 - y[i]!, 0, y[i]! - (y0 + blockSizeKm));
          near = Math.hypot(ex, ey) < bufferKm;
        }
      }
      if (near) result[f]!.buffered += 1;
      else result[f]!.train.push(i);
    }
  }
  return { folds: result, blocks: blocks.length };
}
