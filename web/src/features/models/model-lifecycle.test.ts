import { describe, expect, it } from 'vitest';
import { modelTransitions } from './model-lifecycle';

describe('modelTransitions', () => {
  it('offers the lifecycle moves of each status, and none from RETIRED', () => {
    expect(modelTransitions('DRAFT').map((t) => t.to)).toEqual(['STAGING']);
    expect(modelTransitions('STAGING').map((t) => t.to)).toEqual(['PRODUCTION', 'DRAFT']);
    expect(modelTransitions('PRODUCTION').map((t) => t.to)).toEqual(['RETIRED']);
    expect(modelTransitions('RETIRED')).toEqual([]);
  });

  it('asks before retiring', () => {
    expect(modelTransitions('PRODUCTION')[0]?.confirm).toMatch(/cannot come back/);
  });
});
