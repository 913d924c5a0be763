/**
 * Whether a state-changing request (a form POST to a route handler) comes from the dashboard's own
 * pages: its Origin header, when the browser sends one, names the host the request was sent to.
 * Browsers send Origin with every cross-site POST, so a page elsewhere cannot sign anyone out.
 */
export function sameOriginRequest(origin: string | null, host: string | null): boolean {
  if (!origin) return true;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
