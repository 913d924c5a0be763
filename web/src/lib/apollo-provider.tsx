'use client';

import type { ReactNode } from 'react';
import { HttpLink } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ApolloLink } from '@apollo/client/link';
import { ErrorLink } from '@apollo/client/link/error';
import {
  ApolloClient,
  ApolloNextAppProvider,
  InMemoryCache,
} from '@apollo/client-integration-nextjs';
import { OperationTypeNode } from 'graphql';
import { type PublicConfig, publicApiUrl, setPublicConfig } from './config';
import { liveClient } from './live-connection';
import { ResumableWsLink } from './resumable-ws-link';
import { isPublicPath, signInHref } from './session';
import { isSigningOut } from './signing-out';

/** The session ended (expired, signed out elsewhere, key revoked): go and sign in again, then come back. */
const sessionEnded = new ErrorLink(({ error }) => {
  if (typeof window === 'undefined' || isPublicPath(window.location.pathname) || isSigningOut()) return;
  if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    const here = `${window.location.pathname}${window.location.search}`;
    window.location.assign(signInHref(here, 'expired'));
  }
});

function makeClient() {
  // The session cookie is HttpOnly and set on the dashboard's host; the browser sends it to the API
  // (same host, another port) with credentials: 'include'. The API allows the dashboard's origin
  // with credentials (CORS_ORIGINS).
  const http = new HttpLink({ uri: publicApiUrl(), credentials: 'include' });
  // Subscriptions only exist in the browser; during SSR every operation goes over HTTP (and client
  // components' queries read the cache only, so no SSR request needs the session).
  const link =
    typeof window === 'undefined'
      ? http
      : ApolloLink.from([
          sessionEnded,
          ApolloLink.split(
            (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
            new ResumableWsLink(liveClient()),
            http,
          ),
        ]);
  return new ApolloClient({ cache: new InMemoryCache(), link });
}

/**
 * Gives client components (useQuery, useSubscription, ...) one Apollo Client, SSR-aware, talking
 * to the API the server was configured with (`config`, resolved by the root layout at run time).
 */
export function ApolloWrapper({ config, children }: { config: PublicConfig; children: ReactNode }) {
  setPublicConfig(config);
  return <ApolloNextAppProvider makeClient={makeClient}>{children}</ApolloNextAppProvider>;
}
