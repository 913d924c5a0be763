import { describe, expect, it } from 'vitest';
import { mergeLogLines } from './log-lines';

const l = (seq: number, message = `line ${seq}`) => ({ seq, message });

describe('mergeLogLines', () => {
  it('appends lines that follow the last one', () => {
    expect(mergeLogLines([l(1), l(2)], [l(3), l(4)]).map((x) => x.seq)).toEqual([1, 2, 3, 4]);
  });

  it('shows a line only once when the gap fetch and the live stream both deliver it', () => {
    const afterLive = mergeLogLines([l(1), l(2)], [l(3)]);
    const afterGapFill = mergeLogLines(afterLive, [l(2), l(3), l(4)]);
    expect(afterGapFill.map((x) => x.seq)).toEqual([1, 2, 3, 4]);
  });

  it('puts a late line in its place', () => {
    expect(mergeLogLines([l(1), l(3)], [l(2)]).map((x) => x.seq)).toEqual([1, 2, 3]);
  });

  it('returns the same array when nothing arrives', () => {
    const current = [l(1)];
    expect(mergeLogLines(current, [])).toBe(current);
  });
});
