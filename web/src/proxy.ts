import { type NextRequest, NextResponse } from 'next/server';
import { isPublicPath, REQUEST_PATH_HEADER, SESSION_COOKIE, signInHref } from '@/lib/session';

/**
 * Before any page renders: a visitor without a session cookie goes to the sign-in page (and comes
 * back afterwards). Whether the session is still valid is the API's call: a page whose data the API
 * refuses with UNAUTHENTICATED sends the visitor to sign in as well (lib/load.ts, the root layout).
 * Every request also carries its path (`x-modelyard-path`) for those later redirects.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Not the client router's cache-busting parameter of RSC requests.
  const params = new URLSearchParams(request.nextUrl.searchParams);
  params.delete('_rsc');
  const query = params.toString();
  const here = query ? `${pathname}?${query}` : pathname;
  if (!isPublicPath(pathname) && !request.cookies.get(SESSION_COOKIE)?.value) {
    return NextResponse.redirect(new URL(signInHref(here), request.url));
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, here);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the build's assets, the icon or other files with an extension.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|.*\\.[a-zA-Z0-9]+$).*)'],
};
