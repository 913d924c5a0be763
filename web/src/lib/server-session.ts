import { cookies, headers } from 'next/headers';
import { REQUEST_PATH_HEADER, SESSION_COOKIE, WORKSPACE_COOKIE } from './session';

/**
 * The session as the web server sees it (server components, server actions, route handlers):
 * the cookies to forward to the API, and where the request was going.
 */

/** The `cookie` header for a call to the API on the visitor's behalf (null without a session). */
export async function apiCookieHeader(): Promise<string | null> {
  const jar = await cookies();
  const session = jar.get(SESSION_COOKIE)?.value;
  if (!session) return null;
  const workspace = jar.get(WORKSPACE_COOKIE)?.value;
  return [`${SESSION_COOKIE}=${encodeURIComponent(session)}`, workspace ? `${WORKSPACE_COOKIE}=${encodeURIComponent(workspace)}` : null]
    .filter(Boolean)
    .join('; ');
}

/** The path (and query) of the page being rendered, as the proxy recorded it; null when unknown. */
export async function requestedPath(): Promise<string | null> {
  return (await headers()).get(REQUEST_PATH_HEADER);
}

/** The visitor's address chain as the web server received it (`X-Forwarded-For`, which Next.js fills in). */
export async function visitorForwardedFor(): Promise<string | null> {
  return (await headers()).get('x-forwarded-for');
}

/** Whether the visitor reached the dashboard over HTTPS (directly or through a proxy that says so). */
export async function servedOverHttps(): Promise<boolean> {
  const h = await headers();
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
}

/**
 * The session cookie's attributes: HttpOnly (scripts never see the token), SameSite=Lax, the whole
 * site, and Secure whenever the dashboard is served over HTTPS (as it is in production). Not
 * Secure over plain HTTP (`npm start` on a LAN address), where a browser would drop a Secure cookie.
 */
export function sessionCookieOptions(secure: boolean, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: Math.max(0, Math.floor(maxAgeSeconds)) };
}

/** The workspace choice: readable by the server only, for a year (it names a slug, not a secret). */
export function workspaceCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: 365 * 24 * 3600 };
}
