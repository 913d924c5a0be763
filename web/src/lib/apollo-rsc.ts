import { HttpLink } from '@apollo/client';
import {
  ApolloClient,
  InMemoryCache,
  registerApolloClient,
} from '@apollo/client-integration-nextjs';
import { serverApiUrl } from './config';

/**
 * Apollo Client for React Server Components: one client per request (registerApolloClient
 * scopes it with React's cache()). Data fetched here is rendered on the server only.
 */
export const { getClient, query } = registerApolloClient(
  () =>
    new ApolloClient({
      cache: new InMemoryCache(),
      link: new HttpLink({
        uri: serverApiUrl(),
        // Always ask the API; the dashboard shows live state.
        fetchOptions: { cache: 'no-store' },
      }),
    }),
);
