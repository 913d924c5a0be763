'use client';

import type { ReactNode } from 'react';
import { HttpLink } from '@apollo/client';
import { ApolloLink } from '@apollo/client/link';
import {
  ApolloClient,
  ApolloNextAppProvider,
  InMemoryCache,
} from '@apollo/client-integration-nextjs';
import { OperationTypeNode } from 'graphql';
import { type PublicConfig, publicApiUrl, setPublicConfig } from './config';
import { liveClient } from './live-connection';
import { ResumableWsLink } from './resumable-ws-link';

function makeClient() {
  const http = new HttpLink({ uri: publicApiUrl() });
  // Subscriptions only exist in the browser; during SSR every operation goes over HTTP.
  const link =
    typeof window === 'undefined'
      ? http
      : ApolloLink.split(
          (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
          new ResumableWsLink(liveClient()),
          http,
        );
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
