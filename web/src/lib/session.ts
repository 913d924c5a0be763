/**
 * The dashboard's session, as the proxy, the server and the browser all see it. Pure: no Next.js
 * or React imports, so the proxy (src/proxy.ts) and the unit tests can use it.
 *
 * - `modelyard_session`: the API's session token, set by the sign-in action on the web origin
 *   (HttpOnly, SameSite=Lax, Path=/). Cookies are not port-specific, so the browser also sends it to
 *   the API on another port of the same host (GraphQL over HTTP with `credentials: 'include'`, and
 *   the graphql-ws upgrade request).
 * - `modelyard_workspace`: the slug of the workspace the user picked (absent: their first one).
 */
export const SESSION_COOKIE = 'modelyard_session';
export const WORKSPACE_COOKIE = 'modelyard_workspace';

/** Set by the proxy on the request: the path and query the user asked for, for a later redirect to sign in. */
export const REQUEST_PATH_HEADER = 'x-modelyard-path';

export const SIGN_IN_PATH = '/sign-in';
export const SIGN_OUT_PATH = '/sign-out';

/** Paths anyone may open without a session: signing in, and signing out (also with an expired session). */
export function isPublicPath(pathname: string): boolean {
  return [SIGN_IN_PATH, SIGN_OUT_PATH].some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

const BASE = 'http://modelyard.invalid';

/**
 * Where to go after signing in: `raw` when it is a path of this site (`/models/1?tab=runs`), else
 * `fallback`. Absolute URLs, protocol-relative (`//evil.example`) and backslash tricks (`/\evil`,
 * which browsers read as `//evil`), other schemes (`javascript:`), control characters and the
 * sign-in page itself (a loop) are refused.
 */
export function safeRedirectTarget(raw: unknown, fallback = '/'): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  // Tabs and newlines are dropped by URL parsers (`/\t/evil.example` is `//evil.example`).
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  if (isPublicPath(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, coming back to `next` (a path of this site) afterwards. */
export function signInHref(next?: string | null, reason?: 'expired'): string {
  const params = new URLSearchParams();
  const target = safeRedirectTarget(next, '');
  if (target && target !== '/') params.set('next', target);
  if (reason) params.set('reason', reason);
  const query = params.toString();
  return query ? `${SIGN_IN_PATH}?${query}` : SIGN_IN_PATH;
}
