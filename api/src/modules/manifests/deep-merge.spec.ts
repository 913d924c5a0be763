import { describe, expect, it } from 'vitest';
import { deepMerge } from './deep-merge.js';

describe('deepMerge', () => {
  it('merges objects key by key, at every depth', () => {
    const base = { a: 1, nested: { keep: true, inner: { x: 1, y: 2 } } };
    expect(deepMerge(base, { b: 2, nested: { inner: { y: 3, z: 4 } } })).toEqual({ a: 1, b: 2, nested: { keep: true, inner: { x: 1, y: 3, z: 4 } } });
  });

  it('replaces arrays, scalars and null instead of merging them', () => {
    const base = { list: [1, 2, 3], n: 1, s: 'a', o: { k: 1 }, gone: { k: 1 } };
    expect(deepMerge(base, { list: [9], n: 'one', s: { now: 'object' }, o: [1], gone: null })).toEqual({ list: [9], n: 'one', s: { now: 'object' }, o: [1], gone: null });
  });

  it('returns the base unchanged for an empty overlay and never mutates its inputs', () => {
    const base = { a: { b: [1] } };
    const overlay = { a: { c: 2 } };
    expect(deepMerge(base, {})).toEqual(base);
    const merged = deepMerge(base, overlay);
    expect(base).toEqual({ a: { b: [1] } });
    expect(overlay).toEqual({ a: { c: 2 } });
    expect(merged.a).not.toBe(base.a);
  });

  it('keeps a `__proto__` key as data instead of changing the prototype', () => {
    const merged = deepMerge({}, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(merged)).toEqual(['__proto__']);
  });
});
