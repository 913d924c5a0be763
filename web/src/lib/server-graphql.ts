import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { type GraphQLFormattedError, print } from 'graphql';
import { type ApiErrorInfo, describeApiError } from './api-error';
import { serverApiUrl } from './config';
import { apiCookieHeader } from './server-session';

export type ServerCallResult<TData> = { ok: true; data: TData } | { ok: false; error: ApiErrorInfo };

/**
 * One GraphQL operation sent by the web server itself (server actions: sign in, sign out), with the
 * visitor's session cookies unless `session: false`, and the visitor's address chain when given
 * (`forwardedFor`: the API counts it for its per-IP limits when TRUST_PROXY_HOPS says to trust the
 * dashboard as a proxy; otherwise every such call counts as the dashboard's own). Never throws for an API failure: the caller
 * gets the problems with their `extensions.code`, as the pages show them.
 */
function parseBody<TData>(text: string): { data?: TData | null; errors?: GraphQLFormattedError[] } | null {
  try {
    const body: unknown = JSON.parse(text);
    return body && typeof body === 'object' ? (body as { data?: TData | null; errors?: GraphQLFormattedError[] }) : null;
  } catch {
    return null; // not JSON: reported with the status
  }
}

export async function callApi<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  { session = true, forwardedFor = null }: { session?: boolean; forwardedFor?: string | null } = {},
): Promise<ServerCallResult<TData>> {
  const url = serverApiUrl();
  try {
    const cookie = session ? await apiCookieHeader() : null;
    const response = await fetch(url, {
      method: 'POST',
      cache: 'no-store',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(cookie ? { cookie } : {}),
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const text = await response.text();
    const body = parseBody<TData>(text);
    if (body?.errors?.length) return { ok: false, error: describeApiError(new CombinedGraphQLErrors({ data: body.data, errors: body.errors }), url) };
    if (!response.ok || !body?.data) {
      return {
        ok: false,
        error: { kind: 'http', title: `The API answered with HTTP ${response.status}`, problems: [{ message: text.trim().slice(0, 500) || response.statusText, code: null, path: null }] },
      };
    }
    return { ok: true, data: body.data };
  } catch (error) {
    return { ok: false, error: describeApiError(error, url) };
  }
}
