/**
 * Where the Modelyard GraphQL API lives. The only place the web app reads the environment.
 *
 * - NEXT_PUBLIC_API_URL: used by the browser (and client components during SSR); inlined at
 *   build time by Next.js (next.config.ts gives it its default).
 * - API_URL: used by server components; read at run time, so one build can point at
 *   different APIs. Falls back to NEXT_PUBLIC_API_URL, then to the local default.
 */
export const DEFAULT_API_URL = 'http://localhost:4000/graphql';

function checkedUrl(name: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).toString();
  } catch {
    throw new Error(`${name} is not a valid absolute URL: ${JSON.stringify(value)}`);
  }
}

export function publicApiUrl(): string {
  return checkedUrl('NEXT_PUBLIC_API_URL', process.env.NEXT_PUBLIC_API_URL) ?? DEFAULT_API_URL;
}

export function serverApiUrl(): string {
  return checkedUrl('API_URL', process.env.API_URL) ?? publicApiUrl();
}
