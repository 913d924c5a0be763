import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { unstable_rethrow } from 'next/navigation';
import { describeApiError } from '@/lib/api-error';
import { getClient } from '@/lib/apollo-rsc';
import { serverApiUrl } from '@/lib/config';
import type { Loaded } from '@/lib/load';

/**
 * `load()` (lib/load.ts) without Apollo's normalized cache: the answer is used as it arrives.
 * A server component renders a request's data once, so normalizing it buys nothing, and it is
 * the most expensive step for large answers: on the model page of a model with 1,000 runs and
 * 10,000 snapshots, writing the evaluation history into InMemoryCache took ~1.4 s and the
 * 10,000-snapshot window ~12 s, against ~0.2 s and ~0.8 s for the same requests uncached.
 * Same contract as load(): never throws for an API failure.
 */
export async function loadUncached<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  label: string,
): Promise<Loaded<TData>> {
  try {
    const { data } = await getClient().query({ query: document, variables, fetchPolicy: 'no-cache' } as Parameters<
      ReturnType<typeof getClient>['query']
    >[0]);
    if (!data) throw new Error('The API returned no data');
    return { ok: true, data: data as TData };
  } catch (error) {
    unstable_rethrow(error);
    console.error(`${label} query failed:`, error);
    return { ok: false, error: describeApiError(error, serverApiUrl()) };
  }
}
