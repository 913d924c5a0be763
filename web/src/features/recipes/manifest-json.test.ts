import { describe, expect, it } from 'vitest';
import { deepMerge, getPointer, locateProblem, pathSegments, recipeActions, scanJson } from './manifest-json';

const text = `{
  "metadata": { "name": "Forecasting Baseline", "tags": ["a", "b"] },
  "monitoring": { "drift": { "method": "PSI" } }
}`;

describe('scanJson', () => {
  it('parses like JSON.parse and remembers where each value is', () => {
    const result = scanJson(text);
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toEqual(JSON.parse(text));
    const span = result.spans.get(JSON.stringify(['metadata', 'tags', 1]))!;
    expect(text.slice(span.from, span.to)).toBe('"b"');
    const method = result.spans.get(JSON.stringify(['monitoring', 'drift', 'method']))!;
    expect(text.slice(method.keyFrom, method.keyTo)).toBe('"method"');
  });

  it('reports a syntax error with its position', () => {
    const broken = '{\n  "a": 1,\n  "b": \n}';
    const result = scanJson(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe('Unexpected "}"');
    expect(broken.slice(result.from, result.to)).toBe('}');
  });

  it('rejects a trailing comma and text after the document', () => {
    expect(scanJson('{"a": 1,}').ok).toBe(false);
    expect(scanJson('{} x').ok).toBe(false);
    expect(scanJson('"a\\nb"')).toMatchObject({ ok: true, value: 'a\nb' });
  });
});

describe('problem paths', () => {
  it('reads the API paths, with or without the input prefix, with array indexes', () => {
    expect(pathSegments('manifest.monitoring.drift.thresholds.psi_moderate')).toEqual(['monitoring', 'drift', 'thresholds', 'psi_moderate']);
    expect(pathSegments('input.manifest.pipeline.stages[2].name')).toEqual(['pipeline', 'stages', 2, 'name']);
    expect(pathSegments('manifest')).toEqual([]);
  });

  it('underlines the key of an existing property, and the nearest parent of a missing one', () => {
    const result = scanJson(text);
    if (!result.ok) throw new Error('parse');
    const name = locateProblem(result.spans, pathSegments('manifest.metadata.name'));
    expect(name.exact).toBe(true);
    expect(text.slice(name.from, name.to)).toBe('"name"');
    const missing = locateProblem(result.spans, pathSegments('manifest.metadata.owner'));
    expect(missing.exact).toBe(false);
    expect(text.slice(missing.from, missing.to)).toBe('"metadata"');
    const top = locateProblem(result.spans, pathSegments('manifest.requirements'));
    expect(text.slice(top.from, top.to)).toBe('{');
  });
});

describe('deepMerge', () => {
  it('merges objects and replaces arrays and scalars, as the API resolves an overlay', () => {
    const parent = { a: { x: 1, y: [1, 2] }, b: 'keep', c: { d: 1 } };
    const overlay = { a: { y: [3], z: true }, c: 5 };
    expect(deepMerge(parent, overlay)).toEqual({ a: { x: 1, y: [3], z: true }, b: 'keep', c: 5 });
    expect(deepMerge(parent, {})).toEqual(parent);
  });
});

describe('getPointer', () => {
  it('follows RFC 6901 pointers, escapes included', () => {
    const doc = { a: [{ 'b/c': 1, 'd~e': 2 }] };
    expect(getPointer(doc, '/a/0/b~1c')).toBe(1);
    expect(getPointer(doc, '/a/0/d~0e')).toBe(2);
    expect(getPointer(doc, '')).toBe(doc);
    expect(getPointer(doc, '/nope/1')).toBeUndefined();
  });
});

describe('recipeActions', () => {
  it('offers only the transitions the lifecycle allows', () => {
    expect(recipeActions('DRAFT', 'BASELINE')).toEqual(['approve', 'clone', 'edit']);
    expect(recipeActions('APPROVED', 'INDUSTRY')).toEqual(['archive', 'clone', 'edit']);
    expect(recipeActions('ARCHIVED', 'BASELINE')).toEqual(['restore']);
    expect(recipeActions('APPROVED', 'CLIENT')).toEqual(['archive', 'edit']);
  });
});
