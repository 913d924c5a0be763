/**
 * Where the Modelyard GraphQL API lives. The only place the web app reads the environment.
 *
 * - NEXT_PUBLIC_API_URL / NEXT_PUBLIC_API_WS_URL: the API and its graphql-ws endpoint as the
 *   browser reaches them. Read when the server starts (`next start`) and handed to the browser
 *   by the root layout, so one build can serve different APIs; the values present at build time
 *   (next.config.ts) are the fallback.
 * - API_URL: used by server components; read at run time. Falls back to NEXT_PUBLIC_API_URL,
 *   then to the local default.
 */
export const DEFAULT_API_URL = 'http://localhost:4000/graphql';
export const DEFAULT_API_WS_URL = 'ws://localhost:4000/graphql';

export interface PublicConfig {
  apiUrl: string;
  wsUrl: string;
}

function checkedUrl(name: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).toString();
  } catch {
    throw new Error(`${name} is not a valid absolute URL: ${JSON.stringify(value)}`);
  }
}

/** The run-time value of a variable (a computed name, so that Next.js does not inline it at build time). */
function runtimeEnv(name: string): string | undefined {
  return typeof window === 'undefined' ? process.env[name] : undefined;
}

/** Resolved on the server for the browser (see the root layout and ApolloWrapper). */
export function resolvePublicConfig(): PublicConfig {
  return {
    apiUrl:
      checkedUrl('NEXT_PUBLIC_API_URL', runtimeEnv('NEXT_PUBLIC_API_URL')) ??
      checkedUrl('NEXT_PUBLIC_API_URL', process.env.NEXT_PUBLIC_API_URL) ??
      DEFAULT_API_URL,
    wsUrl:
      checkedUrl('NEXT_PUBLIC_API_WS_URL', runtimeEnv('NEXT_PUBLIC_API_WS_URL')) ??
      checkedUrl('NEXT_PUBLIC_API_WS_URL', process.env.NEXT_PUBLIC_API_WS_URL) ??
      DEFAULT_API_WS_URL,
  };
}

let publicConfig: PublicConfig | null = null;

/** Called by ApolloWrapper with what the server resolved, before any client is created. */
export function setPublicConfig(config: PublicConfig): void {
  publicConfig = config;
}

export function publicApiUrl(): string {
  return (publicConfig ?? resolvePublicConfig()).apiUrl;
}

export function publicWsUrl(): string {
  return (publicConfig ?? resolvePublicConfig()).wsUrl;
}

export function serverApiUrl(): string {
  return checkedUrl('API_URL', runtimeEnv('API_URL')) ?? publicApiUrl();
}
