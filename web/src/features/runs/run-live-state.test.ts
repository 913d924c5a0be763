import { describe, expect, it } from 'vitest';
import { isNotOlder } from './run-live-state';

const at = (status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'CANCELLED', seconds: number) => ({
  status,
  updatedAt: new Date(Date.UTC(2025, 0, 1, 12, 0, seconds)).toISOString(),
});

describe('isNotOlder', () => {
  it('lets a run move forward: queued → running → finished', () => {
    expect(isNotOlder(at('QUEUED', 0), at('RUNNING', 1))).toBe(true);
    expect(isNotOlder(at('RUNNING', 1), at('SUCCEEDED', 2))).toBe(true);
    expect(isNotOlder(at('QUEUED', 0), at('CANCELLED', 1))).toBe(true);
  });

  it('never moves a run back, whatever the clocks say', () => {
    expect(isNotOlder(at('SUCCEEDED', 2), at('RUNNING', 5))).toBe(false);
    expect(isNotOlder(at('RUNNING', 1), at('QUEUED', 3))).toBe(false);
  });

  it('within one status, keeps the later update (progress reported after the one shown)', () => {
    expect(isNotOlder(at('RUNNING', 3), at('RUNNING', 4))).toBe(true);
    expect(isNotOlder(at('RUNNING', 4), at('RUNNING', 3))).toBe(false);
    expect(isNotOlder(at('RUNNING', 4), at('RUNNING', 4))).toBe(true);
  });
});
