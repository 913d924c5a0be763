import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { redirect, unstable_rethrow } from 'next/navigation';
import { type ApiErrorInfo, describeApiError, isUnauthenticated } from './api-error';
import { query } from './apollo-rsc';
import { serverApiUrl } from './config';
import { requestedPath } from './server-session';
import { signInHref } from './session';

export type Loaded<TData> = { ok: true; data: TData } | { ok: false; error: ApiErrorInfo };

/**
 * Runs a page's query in a server component. Never throws for an API failure: the page shows
 * what went wrong (message and `extensions.code`) instead of a 500. The one exception: when the
 * API says UNAUTHENTICATED (the session expired or was ended), the visitor is sent to sign in and
 * comes back to this page afterwards.
 */
export async function load<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  label: string,
): Promise<Loaded<TData>> {
  let error: ApiErrorInfo;
  try {
    const { data } = await query({ query: document, variables } as Parameters<typeof query>[0]);
    if (!data) throw new Error('The API returned no data');
    return { ok: true, data: data as TData };
  } catch (caught) {
    unstable_rethrow(caught);
    console.error(`${label} query failed:`, caught);
    error = describeApiError(caught, serverApiUrl());
  }
  if (isUnauthenticated(error)) redirect(signInHref(await requestedPath(), 'expired'));
  return { ok: false, error };
}
