import { type NextRequest, NextResponse } from 'next/server';
import { graphql } from '@/gql';
import { sameOriginRequest } from '@/lib/same-origin';
import { callApi } from '@/lib/server-graphql';
import { SESSION_COOKIE, SIGN_IN_PATH, WORKSPACE_COOKIE } from '@/lib/session';

const SignOut = graphql(`
  mutation SignOut {
    signOut
  }
`);

/**
 * The header's "Sign out" form: ends the session at the API (its live subscriptions stop), forgets
 * the cookies and loads the sign-in page afresh (a full page load: the browser's clients, HTTP and
 * live, start without the old session).
 */
export async function POST(request: NextRequest) {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!sameOriginRequest(request.headers.get('origin'), host)) {
    return new NextResponse('Signing out is only possible from the dashboard itself.', { status: 403 });
  }
  if (request.cookies.get(SESSION_COOKIE)?.value) {
    const result = await callApi(SignOut, {});
    if (!result.ok) console.error('signOut failed (the cookie is removed anyway):', result.error);
  }
  // A relative Location: right behind a proxy too, whatever host the server itself listens on.
  const response = new NextResponse(null, { status: 303, headers: { location: SIGN_IN_PATH } });
  response.cookies.delete(SESSION_COOKIE);
  response.cookies.delete(WORKSPACE_COOKIE);
  return response;
}
