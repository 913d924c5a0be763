import type { NextConfig } from 'next';

const DEFAULT_API_URL = 'http://localhost:4000/graphql';
const DEFAULT_API_WS_URL = 'ws://localhost:4000/graphql';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // NEXT_PUBLIC_API_URL and NEXT_PUBLIC_API_WS_URL are inlined into the browser bundle at build
  // time; the server-side API_URL (used by server components) is read at run time by
  // src/lib/config.ts.
  env: {
    NEXT_PUBLIC_API_URL: process.env.NEXT_PUBLIC_API_URL || DEFAULT_API_URL,
    NEXT_PUBLIC_API_WS_URL: process.env.NEXT_PUBLIC_API_WS_URL || DEFAULT_API_WS_URL,
  },
};

export default nextConfig;
