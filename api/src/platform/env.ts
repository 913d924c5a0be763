import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Repository root (api/src/platform → ../../..; api/dist/platform → same depth). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  EMBEDDED_PG_DIR: z.string().default(path.join(repoRoot, '.data', 'postgres')),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  SEED_ON_START: bool.default(true),
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:3000,http://127.0.0.1:3000')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  EVENT_RETENTION_HOURS: z.coerce.number().positive().default(72),
  /** Run the worker inside the API process (`npm start`); `npm run worker` runs more of them on their own. */
  WORKER_ENABLED: bool.default(true),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
  ARTIFACT_DIR: z.string().default(path.join(repoRoot, '.data', 'artifacts')),
  RUN_HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().positive().default(120),
  RUN_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(2),
  RUN_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(5),
  WORKER_SWEEP_SECONDS: z.coerce.number().positive().default(30),
  /** Limits (README, Security): requests per window per API key, or per IP without one; 0 turns a limit off. */
  RATE_LIMIT_POINTS: z.coerce.number().int().min(0).default(1200),
  RATE_LIMIT_DURATION_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Per window for loopback callers (127.0.0.1, ::1), e.g. the dashboard's server-side rendering on the same host. */
  RATE_LIMIT_LOOPBACK_POINTS: z.coerce.number().int().min(0).default(60_000),
  /** Proxies in front of the API whose `X-Forwarded-For` entry names the client (0: the socket address is the client). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Largest request body; recordMonitorSample takes up to a million values per feature. */
  MAX_BODY_MB: z.coerce.number().positive().max(1024).default(64),
  WS_MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().min(0).default(50),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(0).default(100),
  /** The demo account's password (`admin@modelyard.local`, ADMIN of the demo workspace), set when the account is created. Default: `modelyard-demo`. */
  DEMO_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  /** Where the dashboard is (the start-up message says where to sign in). */
  WEB_URL: z.url().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

/** Reads and validates the environment once; reports every problem at once. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable counts as unset (e.g. `DATABASE_URL= npm start`).
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
