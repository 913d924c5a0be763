import { HttpLink } from '@apollo/client';
import {
  ApolloClient,
  InMemoryCache,
  registerApolloClient,
} from '@apollo/client-integration-nextjs';
import { ApolloLink } from '@apollo/client/link';
import { SetContextLink } from '@apollo/client/link/context';
import { serverApiUrl } from './config';
import { apiCookieHeader } from './server-session';

/**
 * Apollo Client for React Server Components: one client per request (registerApolloClient
 * scopes it with React's cache()). Data fetched here is rendered on the server only.
 *
 * Every request carries the visitor's session: the incoming request's `modelyard_session` and
 * `modelyard_workspace` cookies are forwarded to the API as its `cookie` header.
 */
export const { getClient, query } = registerApolloClient(
  () =>
    new ApolloClient({
      cache: new InMemoryCache(),
      link: ApolloLink.from([
        new SetContextLink(async (previous) => {
          const cookie = await apiCookieHeader();
          return cookie ? { headers: { ...previous.headers, cookie } } : {};
        }),
        new HttpLink({
          uri: serverApiUrl(),
          // Always ask the API; the dashboard shows live state.
          fetchOptions: { cache: 'no-store' },
        }),
      ]),
    }),
);
