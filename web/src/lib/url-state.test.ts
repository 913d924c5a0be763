import { describe, expect, it } from 'vitest';
import { cursorHrefs, hrefWith, parseCursorPage } from './url-state';

describe('hrefWith', () => {
  it('changes some parameters and keeps the rest', () => {
    expect(hrefWith('/models/m1', { window: '200', rstatus: 'FAILED' }, { rstatus: 'SUCCEEDED', rafter: null })).toBe(
      '/models/m1?window=200&rstatus=SUCCEEDED',
    );
    expect(hrefWith('/alerts', { status: 'OPEN' }, { status: '' })).toBe('/alerts');
  });
});

describe('cursor paging under a prefix', () => {
  it('walks forward and back without disturbing other parameters', () => {
    const params = { window: '200' };
    const first = parseCursorPage(params, 'r');
    expect(first).toEqual({ after: null, trail: [], index: 0 });
    const links1 = cursorHrefs('/m', params, first, { hasNextPage: true, endCursor: 'c1' }, 'r');
    expect(links1).toEqual({ first: '/m?window=200', previous: null, next: '/m?window=200&rafter=c1' });

    const p2 = { window: '200', rafter: 'c1' };
    const second = parseCursorPage(p2, 'r');
    expect(second.index).toBe(1);
    const links2 = cursorHrefs('/m', p2, second, { hasNextPage: true, endCursor: 'c2' }, 'r');
    expect(links2.next).toBe('/m?window=200&rafter=c2&rtrail=c1');
    expect(links2.previous).toBe('/m?window=200');

    const p3 = { window: '200', rafter: 'c2', rtrail: 'c1' };
    const links3 = cursorHrefs('/m', p3, parseCursorPage(p3, 'r'), { hasNextPage: false }, 'r');
    expect(links3.next).toBeNull();
    expect(links3.previous).toBe('/m?window=200&rafter=c1');
  });
});
