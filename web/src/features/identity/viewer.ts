import { unstable_rethrow } from 'next/navigation';
import { cache } from 'react';
import { graphql } from '@/gql';
import type { ViewerQuery } from '@/gql/graphql';
import { type ApiErrorInfo, describeApiError } from '@/lib/api-error';
import { query } from '@/lib/apollo-rsc';
import { serverApiUrl } from '@/lib/config';

export const ViewerQueryDoc = graphql(`
  query Viewer {
    viewer {
      user {
        id
        email
        name
      }
      role
      workspace {
        id
        slug
        name
      }
      memberships {
        role
        workspace {
          id
          slug
          name
        }
      }
    }
  }
`);

export type SignedInViewer = NonNullable<ViewerQuery['viewer']>;

export type ViewerState =
  | { status: 'signed-in'; viewer: SignedInViewer }
  | { status: 'anonymous' }
  /** The API could not say (down, or an error): pages show their own error panels. */
  | { status: 'unknown'; error: ApiErrorInfo };

/**
 * Who is looking at the page, once per request (the root layout and the settings pages share it):
 * the user, their role in the selected workspace and all their workspaces.
 */
export const getViewer = cache(async (): Promise<ViewerState> => {
  try {
    const { data } = await query({ query: ViewerQueryDoc });
    const viewer = data?.viewer;
    return viewer?.user ? { status: 'signed-in', viewer } : { status: 'anonymous' };
  } catch (error) {
    unstable_rethrow(error);
    return { status: 'unknown', error: describeApiError(error, serverApiUrl()) };
  }
});
