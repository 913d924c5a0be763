import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { unstable_rethrow } from 'next/navigation';
import { type ApiErrorInfo, describeApiError } from './api-error';
import { query } from './apollo-rsc';
import { serverApiUrl } from './config';

export type Loaded<TData> = { ok: true; data: TData } | { ok: false; error: ApiErrorInfo };

/**
 * Runs a page's query in a server component. Never throws for an API failure: the page shows
 * what went wrong (message and `extensions.code`) instead of a 500.
 */
export async function load<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  label: string,
): Promise<Loaded<TData>> {
  try {
    const { data } = await query({ query: document, variables } as Parameters<typeof query>[0]);
    if (!data) throw new Error('The API returned no data');
    return { ok: true, data: data as TData };
  } catch (error) {
    unstable_rethrow(error);
    console.error(`${label} query failed:`, error);
    return { ok: false, error: describeApiError(error, serverApiUrl()) };
  }
}
