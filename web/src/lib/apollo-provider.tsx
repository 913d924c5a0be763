'use client';

import type { ReactNode } from 'react';
import { HttpLink } from '@apollo/client';
import {
  ApolloClient,
  ApolloNextAppProvider,
  InMemoryCache,
} from '@apollo/client-integration-nextjs';
import { publicApiUrl } from './config';

function makeClient() {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: new HttpLink({ uri: publicApiUrl() }),
  });
}

/** Gives client components (useQuery, useSuspenseQuery, ...) one Apollo Client, SSR-aware. */
export function ApolloWrapper({ children }: { children: ReactNode }) {
  return <ApolloNextAppProvider makeClient={makeClient}>{children}</ApolloNextAppProvider>;
}
