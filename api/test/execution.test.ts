import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../src/platform/schema.js';
import { ok, startTestApi, type TestApi } from './harness.js';

let api: TestApi;
let ws: string;
beforeAll(async () => {
  api = await startTestApi();
  ws = await api.newWorkspace('exec');
});
afterAll(() => api?.close());

describe('execution over HTTP', () => {
  it('answers introspection with the whole schema (what playgrounds and codegen read)', async () => {
    const { data } = await api.gql(getIntrospectionQuery({ specifiedByUrl: true, inputValueDeprecation: true }), {}, ws);
    const client = buildClientSchema(data as never);
    expect(printSchema(lexicographicSortSchema(client))).toBe(printSchema(lexicographicSortSchema(await createSchema())));
  });

  it('returns the other fields when one fails, with the error at its path', async () => {
    const res = await api.gql(`query { missing: model(id: "00000000-0000-4000-8000-000000000000") { id } library: recipes { totalCount } __typename }`, {}, ws);
    expect(res.data).toEqual({ missing: null, library: { totalCount: 0 }, __typename: 'Query' });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['missing'], locations: [{ line: 1, column: 9 }], extensions: { code: 'NOT_FOUND' } });
  });

  it('applies input defaults given through variables, fragments, aliases and directives', async () => {
    const query = `query($order: RecipeOrder, $withCount: Boolean!) {
      byName: recipes(orderBy: $order) { ...Page }
      again: recipes(first: 1) { totalCount @include(if: $withCount) }
    }
    fragment Page on RecipeConnection { pageInfo { hasNextPage } edges { cursor } }`;
    const data = ok(await api.gql(query, { order: { field: 'NAME' }, withCount: false }, ws));
    expect(data).toEqual({ byName: { pageInfo: { hasNextPage: false }, edges: [] }, again: {} });
  });

  it('rejects bad variables with a clear message', async () => {
    const res = await api.gql(`query($first: Int!) { recipes(first: $first) { totalCount } }`, { first: 'ten' }, ws);
    expect(res.status).toBe(400);
    expect(res.errors![0]!.message).toMatch(/\$first.*Int/);
  });

  it('refuses a page size beyond the limit', async () => {
    const res = await api.gql(`{ recipes(first: 5000) { totalCount } }`, {}, ws);
    expect(res.errors![0]!.extensions!.code).toMatch(/VALIDATION_FAILED|BAD_USER_INPUT/);
  });
});

describe('query limits', () => {
  const deep = (levels: number) => `{ models { edges { node { ${'recipe { models { '.repeat(levels)}id${' } }'.repeat(levels)} } } } }`;

  it('refuse queries nested too deep, with a clear message, over HTTP and WebSocket', async () => {
    const res = await api.gql(deep(6), {}, ws);
    expect(res.status).toBe(400);
    expect(res.errors![0]!.message).toMatch(/depth/i);
    const { subscribe } = await import('./live-client.js');
    const sub = await subscribe(api.wsUrl, `subscription { runUpdated { run { model { ${'recipe { models { '.repeat(6)}id${' } }'.repeat(6)} } } } }`, {}, ws);
    const error = await sub.waitForError();
    await sub.close();
    expect(JSON.stringify(error)).toMatch(/depth/i);
  });

  it('refuse too many aliases', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: workspace { id }`).join(' ');
    const res = await api.gql(`{ ${aliases} }`, {}, ws);
    expect(res.status).toBe(400);
    expect(res.errors![0]!.message).toMatch(/alias/i);
  });

  it('let the README’s nested query through', async () => {
    const res = await api.gql(`{ models(first: 1, filter: { family: FORECASTING }) { edges { node { name status latestEvaluation { status summary } runs(first: 10) { totalCount edges { node { type status metrics { key value } evaluationResults { status summary pack { name } metrics { key actual status thresholds { direction promote warn fail } } } } } } } } } }`, {}, ws);
    expect(res.errors).toBeUndefined();
  });
});
