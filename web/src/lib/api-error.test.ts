import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAlertCountDocument } from '@/gql/graphql';
import { describeApiError } from './api-error';

/**
 * Runs a real dashboard query (the navigation's open-alert count) through a real Apollo Client against a local HTTP server
 * that answers the way a failing API does, and checks what the error panel would show.
 */
type Reply = { status: number; contentType: string; body: string };
let reply: Reply;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(reply.status, { 'content-type': reply.contentType });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function errorFrom(uri: string): Promise<unknown> {
  const client = new ApolloClient({ link: new HttpLink({ uri }), cache: new InMemoryCache() });
  try {
    await client.query({ query: OpenAlertCountDocument });
  } catch (error) {
    return error;
  }
  throw new Error('expected the query to fail');
}

describe('describeApiError', () => {
  it("keeps the API's message and extensions.code for GraphQL errors", async () => {
    reply = {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        data: null,
        errors: [
          { message: 'Sign in to see this workspace', path: ['recipes'], extensions: { code: 'UNAUTHENTICATED' } },
        ],
      }),
    };
    expect(describeApiError(await errorFrom(url), url)).toEqual({
      kind: 'graphql',
      title: 'The API returned an error',
      problems: [{ message: 'Sign in to see this workspace', code: 'UNAUTHENTICATED', path: 'recipes' }],
    });
  });

  it('shows validation errors sent with HTTP 400 (e.g. the schema lacks a field the page asks for)', async () => {
    const body = JSON.stringify({
      errors: [
        {
          message: 'Cannot query field "latestEvaluation" on type "Model".',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
    for (const contentType of ['application/graphql-response+json', 'application/json']) {
      reply = { status: 400, contentType, body };
      const info = describeApiError(await errorFrom(url), url);
      expect(info.kind).toBe('graphql');
      expect(info.problems).toEqual([
        {
          message: 'Cannot query field "latestEvaluation" on type "Model".',
          code: 'GRAPHQL_VALIDATION_FAILED',
          path: null,
        },
      ]);
    }
  });

  it('says which HTTP status a non-GraphQL failure had', async () => {
    reply = { status: 502, contentType: 'text/plain', body: 'Bad gateway' };
    const info = describeApiError(await errorFrom(url), url);
    expect(info.kind).toBe('http');
    expect(info.title).toBe('The API answered with HTTP 502');
    expect(info.problems[0]?.message).toBe('Bad gateway');
  });

  it('says the API is unreachable, and where it was looked for, when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const deadUrl = `http://127.0.0.1:${port}/graphql`;

    const info = describeApiError(await errorFrom(deadUrl), deadUrl);
    expect(info.kind).toBe('network');
    expect(info.title).toBe('Could not reach the API');
    expect(info.problems[0]?.message).toContain(deadUrl);
    expect(info.problems[0]?.message).toContain('ECONNREFUSED');
  });
});
