import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { QUERY_LIMITS } from '../src/platform/limits.js';
import { WS_CLOSE_TOO_MANY } from '../src/platform/rate-limit.js';
import { startTestApi, type TestApi } from './harness.js';
import { subscribe } from './live-client.js';

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
}

/** A raw POST: the body as given, with the headers given (content-type JSON unless told). */
async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  let json: Answer['body'] = null;
  try {
    json = JSON.parse(text) as Answer['body'];
  } catch {
    // not JSON: the assertions on `body` say so
  }
  return { status: res.status, headers: res.headers, body: json };
}

const query = (url: string, text: string, headers: Record<string, string> = {}) => post(url, JSON.stringify({ query: text }), headers);

/** Refused by the client's mistake: a 4xx with a GraphQL-shaped JSON error, never a 500 or an HTML page. */
function expectRefused(answer: Answer, status: number, message: RegExp) {
  expect({ status: answer.status, message: answer.body?.errors?.[0]?.message }).toEqual({ status, message: expect.stringMatching(message) });
}

/** `models → edges → node → runs → edges → node` then `model → runs → edges → node` repeated: depth 6 + 4 × repeats + 1. */
const nested = (repeats: number) =>
  `{ models(first: 1) { edges { node { runs(first: 1) { edges { node { ${'model { runs(first: 1) { edges { node { '.repeat(repeats)}id${' } } } }'.repeat(repeats)} } } } } } } }`;

describe('abusive queries over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ limits: { maxBodyBytes: 1024 * 1024 } });
  });
  afterAll(() => api?.close());

  it('refuse a query deeper than the deepest real one, naming the limit', async () => {
    // depth 11 = QUERY_LIMITS.maxDepth + 1
    const tooDeep = `{ models(first: 1) { edges { node { runs(first: 1) { edges { node { evaluationResults { metrics { thresholds { direction } } } model { runs(first: 1) { edges { node { id } } } } } } } } } } }`;
    expectRefused(await query(api.url, tooDeep), 400, new RegExp(`^Query depth limit of ${QUERY_LIMITS.maxDepth} exceeded, found 11\\.$`));
    expectRefused(await query(api.url, nested(5)), 400, /depth limit/);
    // Fragments do not hide depth.
    const viaFragments = `{ models(first: 1) { ...M } } fragment M on ModelConnection { edges { node { runs(first: 1) { ...R } } } } fragment R on RunConnection { edges { node { model { runs(first: 1) { ...R2 } } } } } fragment R2 on RunConnection { edges { node { id } } }`;
    expectRefused(await query(api.url, viaFragments), 400, /depth limit of 10 exceeded, found 11/);
  });

  it('refuse a query that would return too much (cost), naming the limit', async () => {
    const wide = `{ models(first: 1000) { edges { node { runs(first: 1000) { edges { node { id status } } } } } } }`;
    expectRefused(await query(api.url, wide), 400, new RegExp(`^Query Cost limit of ${QUERY_LIMITS.maxCost} exceeded, found \\d+\\.$`));
  });

  it('refuse a query whose page sizes, given as variables, would return too much', async () => {
    const nestedPages = `query($n: Int!) { models(first: $n) { edges { node { runs(first: $n) { edges { node { id status } } } } } } }`;
    const answer = await post(api.url, JSON.stringify({ query: nestedPages, variables: { n: 1000 } }));
    expectRefused(answer, 400, /^Query Cost limit of 50000 exceeded, found \d+ \(page sizes from variables included\)\.$/);
    expect(answer.body!.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    // The same operation with small pages is not refused for its cost.
    const small = await post(api.url, JSON.stringify({ query: nestedPages, variables: { n: 10 } }));
    expect(JSON.stringify(small.body)).not.toMatch(/Cost limit/);
  });

  it('refuse 100 aliases', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: __typename b${i}: workspaces { id }`).join(' ');
    expectRefused(await query(api.url, `{ ${aliases} }`), 400, /^Aliases limit of 20 exceeded, found 100\.$/);
  });

  it('refuse a directive-heavy query', async () => {
    const directives = Array.from({ length: 60 }, () => '@include(if: true)').join(' ');
    expectRefused(await query(api.url, `{ __typename ${directives} }`), 400, /^Directives limit of 20 exceeded, found 60\.$/);
  });

  it('refuse a query of more tokens than the parser takes', async () => {
    const long = `{ ${Array.from({ length: 11_000 }, () => '__typename').join(' ')} }`;
    expectRefused(await query(api.url, long), 400, /^Syntax Error: Document contains more tha[nt] 10000 tokens/);
  });

  it('refuse malformed queries and malformed JSON with 400', async () => {
    expectRefused(await query(api.url, '{ models { edges '), 400, /Syntax Error: Expected Name, found <EOF>/);
    expectRefused(await query(api.url, 'query { ... }'), 400, /Syntax Error/);
    expectRefused(await post(api.url, '{"query": "{ __typename }"'), 400, /./);
    expectRefused(await post(api.url, '"just a string"'), 400, /./);
    expectRefused(await post(api.url, JSON.stringify({ query: 42 })), 400, /queries must be strings/);
  });

  it('refuse batched requests (a JSON array) with 400', async () => {
    const batch = JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expectRefused(await post(api.url, batch), 400, /batching/i);
    const huge = JSON.stringify(Array.from({ length: 10_000 }, () => ({ query: '{ __typename }' })));
    expectRefused(await post(api.url, huge), 400, /batching/i);
  });

  it('refuse a body over the size limit with 413 and a JSON error, then serve the next request', async () => {
    const big = JSON.stringify({ query: 'mutation($v: [Float!]!) { __typename }', variables: { v: Array.from({ length: 200_000 }, (_, i) => i / 7) } });
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const answer = await post(api.url, big);
    expectRefused(answer, 413, /^Request body too large: at most 1048576 bytes$/);
    expect(answer.body!.errors![0]!.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((await query(api.url, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuse cross-site simple requests (CSRF prevention) but not the dashboard’s JSON POSTs', async () => {
    const get = await fetch(`${api.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
    const form = await post(api.url, 'query={ __typename }', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    // What Apollo Client (the dashboard) and GraphiQL (the playground) send.
    expect((await query(api.url, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('abusive queries over WebSocket', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('refuse the same deep, wide and aliased operations as HTTP', async () => {
    const refusals = {
      deep: `subscription { runUpdated { run { model { runs(first: 1) { edges { node { model { runs(first: 1) { edges { node { id } } } } } } } } } } }`,
      wide: `subscription { runUpdated { run { model { runs(first: 1000) { edges { node { model { runs(first: 1000) { totalCount } } } } } } } } }`,
      aliased: `subscription { runUpdated { run { ${Array.from({ length: 100 }, (_, i) => `a${i}: id`).join(' ')} } } }`,
      malformed: `subscription { runUpdated { `,
    };
    const errors: Record<string, string> = {};
    for (const [name, text] of Object.entries(refusals)) {
      const sub = await subscribe(api.wsUrl, text, {}, 'demo');
      errors[name] = JSON.stringify(await sub.waitForError());
      await sub.close();
    }
    expect(errors.deep).toMatch(/depth limit of 10 exceeded, found 11/);
    expect(errors.wide).toMatch(/Cost limit of 50000 exceeded/);
    expect(errors.aliased).toMatch(/Aliases limit of 20 exceeded, found 100/);
    expect(errors.malformed).toMatch(/Syntax Error/);
    const sub = await subscribe(api.wsUrl, 'subscription($n: Int!) { runUpdated { run { model { runs(first: $n) { edges { node { model { runs(first: $n) { totalCount } } } } } } } } }', { n: 1000 }, 'demo');
    expect(JSON.stringify(await sub.waitForError())).toMatch(/Cost limit of 50000 exceeded, found \d+ \(page sizes from variables included\)/);
    await sub.close();
  });
});

describe('rate limits', () => {
  let api: TestApi;
  const points = 30;
  beforeAll(async () => {
    api = await startTestApi({
      limits: { rateLimit: { points, durationSeconds: 60, loopbackPoints: points, trustProxyHops: 1 }, webSocket: { maxConnectionsPerClient: 2, maxSubscriptionsPerConnection: 2 } },
    });
  });
  afterAll(() => api?.close());

  const flood = (n: number, headers: Record<string, string>) => Promise.all(Array.from({ length: n }, () => query(api.url, '{ __typename }', headers)));

  it('limit a flood from one API key with 429, Retry-After and RATE_LIMITED, without affecting another key', async () => {
    const answers = await flood(points + 10, { authorization: 'Bearer myk_flooding-key' });
    expect(answers.filter((a) => a.status === 200)).toHaveLength(points);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(10);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.body!.errors![0]).toMatchObject({
      message: expect.stringMatching(/^Rate limit exceeded: at most 30 requests per 60 s per API key; retry in \d+ s$/),
      extensions: { code: 'RATE_LIMITED' },
    });
    // Another key from the same address, and the same key again: the first is served, the second still limited.
    expect((await query(api.url, '{ __typename }', { authorization: 'Bearer myk_quiet-key' })).status).toBe(200);
    expect((await query(api.url, '{ __typename }', { authorization: 'Bearer myk_flooding-key' })).status).toBe(429);
  });

  it('count dashboard sessions each on their own, not against their shared address', async () => {
    const address = { 'x-forwarded-for': '192.0.2.55' };
    const flooded = await flood(points + 3, { ...address, cookie: 'theme=dark; modelyard_session=flooding-session' });
    expect(flooded.filter((a) => a.status === 429)).toHaveLength(3);
    expect(flooded.find((a) => a.status === 429)!.body!.errors![0]!.message).toMatch(/per session;/);
    // Another session, and a caller without credentials, from the same address: served.
    expect((await query(api.url, '{ __typename }', { ...address, cookie: 'modelyard_session=quiet-session' })).status).toBe(200);
    expect((await query(api.url, '{ __typename }', address)).status).toBe(200);
  });

  it('limit a flood from one IP address without affecting another (behind a trusted proxy)', async () => {
    const answers = await flood(points + 5, { 'x-forwarded-for': '203.0.113.7' });
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5);
    expect((await query(api.url, '{ __typename }', { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
    // With one trusted hop, only the entry our proxy appended counts: a client cannot pick its own address.
    expect((await query(api.url, '{ __typename }', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).status).toBe(429);
  });

  it('count every key of one address against a ceiling of ten times the points: made-up tokens do not escape the IP limit', async () => {
    const address = { 'x-forwarded-for': '198.51.100.77' };
    const answers = [];
    for (let batch = 0; batch < 11; batch++) {
      // 30 requests per batch, each with a fresh made-up token (a fresh per-key bucket every time).
      answers.push(...(await Promise.all(Array.from({ length: points }, (_, i) => query(api.url, '{ __typename }', { ...address, authorization: `Bearer myk_made-up-${batch}-${i}` })))));
    }
    expect(answers.filter((a) => a.status === 200)).toHaveLength(points * 10);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(points);
    expect(limited[0]!.body!.errors![0]!.message).toMatch(/per IP address \(all its API keys and sessions together\)/);
    // Another address with its own keys is served.
    expect((await query(api.url, '{ __typename }', { 'x-forwarded-for': '198.51.100.78', authorization: 'Bearer myk_other' })).status).toBe(200);
  });

  it('cap WebSocket connections per client and subscriptions per connection', async () => {
    const open = (authorization: string) =>
      new Promise<{ client: ReturnType<typeof createClient>; closed: Promise<{ code: number; reason: string }> }>((resolve, reject) => {
        let onClosed!: (e: { code: number; reason: string }) => void;
        const closed = new Promise<{ code: number; reason: string }>((r) => (onClosed = r));
        const client = createClient({
          url: api.wsUrl,
          webSocketImpl: WebSocket,
          connectionParams: { authorization },
          lazy: false,
          retryAttempts: 0,
          onNonLazyError: () => undefined,
          on: { connected: () => resolve({ client, closed }), closed: (e) => onClosed(e as { code: number; reason: string }), error: reject },
        });
        void closed.then(() => resolve({ client, closed }));
      });
    const ws = await api.newWorkspace('caps');
    const key = `Bearer ${await api.keyFor(ws)}`;
    const first = await open(key);
    const second = await open(key);
    const third = await open(key);
    expect(await third.closed).toEqual(expect.objectContaining({ code: WS_CLOSE_TOO_MANY, reason: 'Too many connections: at most 2 per API key' }));
    // Another key is not affected; closing one connection frees its place.
    const other = await open(`Bearer ${await api.keyFor(ws, 'other')}`);
    await first.client.dispose();
    await new Promise((r) => setTimeout(r, 100));
    const again = await open(key);

    const errors: unknown[][] = [[], [], []];
    for (const received of errors) {
      again.client.subscribe({ query: 'subscription { runUpdated { eventId } }' }, { next: (m) => m.errors && received.push(m.errors), error: (e) => received.push(e), complete: () => undefined });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(errors[0]).toEqual([]);
    expect(errors[1]).toEqual([]);
    expect(errors[2]).toEqual([[expect.objectContaining({ message: 'Too many subscriptions on this connection: at most 2; complete some or open another connection', extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) })]]);
    for (const c of [second, other, again]) await c.client.dispose();
  });
});

describe('rate limits in Redis', () => {
  it('count one key’s requests across API processes', async () => {
    const rateLimit = { points: 20, durationSeconds: 60, loopbackPoints: 20, trustProxyHops: 0, redisUrl: 'redis://127.0.0.1:6379' };
    const [a, b] = await Promise.all([startTestApi({ limits: { rateLimit } }), startTestApi({ limits: { rateLimit } })]);
    try {
      const key = { authorization: `Bearer myk_${randomUUID()}` };
      const send = (api: TestApi, n: number) => Promise.all(Array.from({ length: n }, () => query(api.url, '{ __typename }', key)));
      const answers = [...(await send(a, 15)), ...(await send(b, 15))];
      expect(answers.filter((x) => x.status === 200)).toHaveLength(20);
      expect(answers.filter((x) => x.status === 429)).toHaveLength(10);
      expect((await query(b.url, '{ __typename }', { authorization: `Bearer myk_${randomUUID()}` })).status).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
