import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { getIntrospectionQuery, getOperationAST, parse, specifiedRules, validate, type GraphQLSchema, type ValidationRule } from 'graphql';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/modules/identity/identity.service.js';
import { createLimits, operationCost, QUERY_LIMITS } from '../src/platform/limits.js';
import { createSchema } from '../src/platform/schema.js';
import { startTestApi, type TestApi } from './harness.js';
import { subscribe } from './live-client.js';
import { benchOperations, dashboardOperations, playgroundOperations, readmeOperations } from './real-operations.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

const operations = () => [...dashboardOperations(), ...readmeOperations(), ...benchOperations(), ...playgroundOperations()];

describe('query limits against the real operations', () => {
  it('finds the dashboard’s, README’s and benches’ operations', () => {
    expect(dashboardOperations().length).toBeGreaterThan(50);
    expect(readmeOperations().length).toBeGreaterThanOrEqual(8);
    expect(benchOperations().map((o) => o.name)).toContain('bench: nested-query.bench.ts');
    expect(playgroundOperations().length).toBeGreaterThanOrEqual(4);
  });

  it('let every one of them through, with the same rules as HTTP and WebSocket', () => {
    const { validationRules } = createLimits({ production: true });
    const refused = operations()
      .map((op) => ({ name: op.name, errors: validate(schema, parse(op.query, { maxTokens: QUERY_LIMITS.maxTokens }), [...specifiedRules, ...validationRules]).map((e) => e.message) }))
      .filter((r) => r.errors.length);
    expect(refused).toEqual([]);
  });

  it('set the depth limit to the deepest real operation, no higher', () => {
    const depths = operations().map((op) => {
      let depth = 0;
      const measure = maxDepthRule({ n: Infinity, flattenFragments: true, onAccept: [(_ctx, { n }) => (depth = Math.max(depth, n))] }) as ValidationRule;
      validate(schema, parse(op.query), [measure]);
      return { name: op.name, depth };
    });
    const deepest = Math.max(...depths.map((d) => d.depth));
    // README's `models → edges → node → runs → edges → node → evaluationResults → metrics → thresholds → direction`.
    expect(depths.filter((d) => d.depth === deepest).map((d) => d.name)).toContain('README: ModelWithRuns');
    expect(QUERY_LIMITS.maxDepth).toBe(deepest);
  });

  it('let every one of them through the cost limit with their variables, page sizes up to 100 included', () => {
    const over = operations()
      .map((op) => {
        const document = parse(op.query);
        const variables = Object.fromEntries((getOperationAST(document)?.variableDefinitions ?? []).map((v) => [v.variable.name.value, 100]));
        return { name: op.name, cost: operationCost(schema, document, undefined, variables) };
      })
      .filter((r) => r.cost > QUERY_LIMITS.maxCost);
    expect(over).toEqual([]);
  });
});

describe('the cost of an operation with its variables', () => {
  const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), undefined, variables);

  it('multiplies by page sizes given as literals, variables, variable defaults and the schema’s defaults', () => {
    // models: 10 × (2 + edges: (2 + node: (2 + id: 1))) = 70
    expect(cost('{ models(first: 10) { edges { node { id } } } }')).toBe(70);
    expect(cost('query($n: Int!) { models(first: $n) { edges { node { id } } } }', { n: 10 })).toBe(70);
    expect(cost('query($n: Int = 10) { models(first: $n) { edges { node { id } } } }')).toBe(70);
    // `first: Int! = 20` in the schema.
    expect(cost('{ models { edges { node { id } } } }')).toBe(140);
  });

  it('counts fragments where they are spread, and introspection as nothing', () => {
    expect(cost('{ models(first: 10) { ...M } } fragment M on ModelConnection { edges { node { id } } }')).toBe(cost('{ models(first: 10) { edges { node { id } } } }'));
    expect(cost('{ __schema { types { name } } __typename }')).toBe(1);
  });
});

describe('production hardening', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ limits: { production: true } });
  });
  afterAll(() => api?.close());

  it('refuse introspection to callers who are not signed in, over HTTP and WebSocket', async () => {
    const ws = await api.newWorkspace('prod');
    for (const headers of [{}, { authorization: `Bearer ${await api.keyFor(ws)}` }] as Record<string, string>[]) {
      const res = await api.gqlWith(headers, getIntrospectionQuery());
      expect(res.status).toBe(400);
      expect(res.errors![0]!.message).toMatch(/^GraphQL introspection is only open to signed-in users in production/);
    }
    // Hidden in a fragment, or asking for one type.
    expect((await api.gqlWith({}, '{ ...Q } fragment Q on Query { __type(name: "Model") { name } }')).status).toBe(400);
    // __typename is not introspection: clients (Apollo Client adds it everywhere) keep working.
    expect((await api.gqlWith({}, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    // graphql-ws runs subscriptions only, which cannot select __schema.
    const sub = await subscribe(api.wsUrl, 'subscription { __schema { queryType { name } } }', {}, ws);
    expect(JSON.stringify(await sub.waitForError())).toMatch(/introspection/);
    await sub.close();
  });

  it('answer introspection to a signed-in user (the playground)', async () => {
    const email = `prod-${randomUUID()}@test.local`;
    const password = `pw-${randomUUID()}`;
    await createUser(api.orm.em.fork(), { email, name: 'Prod tester', password });
    const signIn = await api.gqlWith({}, 'mutation($input: SignInInput!) { signIn(input: $input) { token } }', { input: { email, password } });
    // In production the session cookie is Secure (HTTPS only) besides HttpOnly.
    expect(signIn.headers.get('set-cookie')).toMatch(/modelyard_session=.*; HttpOnly; Secure; SameSite=Lax/i);
    const res = await api.gqlWith({ authorization: `Bearer ${signIn.data!.signIn.token}` }, getIntrospectionQuery());
    expect(res.errors).toBeUndefined();
    expect((res.data as { __schema: { queryType: { name: string } } }).__schema.queryType.name).toBe('Query');
  });

  it('answer a misspelt field without suggesting the real one', async () => {
    const res = await api.gqlWith({}, '{ modls { totalCount } }');
    expect(res.status).toBe(400);
    expect(res.errors![0]!.message).toBe('Cannot query field "modls" on type "Query".');
  });

  it('keep suggestions in development', async () => {
    const dev = await startTestApi();
    try {
      const res = await dev.gqlWith({}, '{ modls { totalCount } }');
      expect(res.errors![0]!.message).toMatch(/Did you mean "models"/);
    } finally {
      await dev.close();
    }
  });
});
