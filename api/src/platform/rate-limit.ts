import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout } from 'node:timers/promises';
import type { IncomingMessage } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import type { ServerOptions as WsServerOptions } from 'graphql-ws';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { GraphqlWsExtra } from './events/graphql-ws-server.js';
import type { Env } from './env.js';
import { costRefusal } from './limits.js';
import type { Logger } from './logger.js';
import { SESSION_COOKIE } from '../modules/identity/credentials.js';

export interface RateLimitSettings {
  /** Requests (HTTP requests and WebSocket connections) per window, per API key, or per IP without one. 0: no limit. */
  points: number;
  durationSeconds: number;
  /** Per window for loopback clients (127.0.0.1, ::1): the dashboard's server-side rendering on the same host. 0: no limit. */
  loopbackPoints: number;
  /** Counters in Redis (shared by every API process) when set; in memory otherwise. */
  redisUrl?: string;
  /** Proxies in front of the API whose `X-Forwarded-For` entry is trusted (0: the socket's address is the client). */
  trustProxyHops: number;
}

export interface WebSocketCaps {
  /** Open graphql-ws connections per API key, or per IP without one (per API process). 0: no cap. */
  maxConnectionsPerClient: number;
  /** Active subscriptions per connection. 0: no cap. */
  maxSubscriptionsPerConnection: number;
}

const REDIS_CONNECT_WAIT_MS = 2_000;

/** How many times a single key's points all the keyed (key or session) requests of one address may use together. */
const IP_CEILING_FACTOR = 10;

/** Close code for a WebSocket refused for being over a limit (4000–4999 are the application's). */
export const WS_CLOSE_TOO_MANY = 4429;

/**
 * Who a request counts against: its API key (a hash of the bearer token: the same key, the same
 * bucket), else its dashboard session (a hash of the session cookie, which the dashboard's server
 * forwards, so users behind one address or one web server each get their own bucket), else its IP.
 */
export interface Client {
  key: string;
  kind: 'API key' | 'session' | 'IP address';
  loopback: boolean;
  /** The address the request came from (also for keyed requests: see the IP ceiling in createRateLimiter). */
  ip: string;
}

const BEARER = /^\s*Bearer\s+(\S+)\s*$/i;

const firstText = (value: unknown): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : undefined;
};

/** The client's address: the socket's, or with `hops` trusted proxies the entry they appended to `X-Forwarded-For`. */
export function clientIp(request: IncomingMessage, hops: number): string {
  const socketAddress = request.socket.remoteAddress ?? 'unknown';
  if (hops <= 0) return socketAddress;
  const forwarded = (firstText(request.headers['x-forwarded-for']) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  // The last `hops` entries were appended by our proxies; the one before the nearest is the client.
  return forwarded[forwarded.length - hops] ?? forwarded[0] ?? socketAddress;
}

export function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

const SESSION = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;\\s]+)`);

const hashed = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function clientOf(authorization: unknown, ip: string, cookie?: unknown): Client {
  const token = BEARER.exec(firstText(authorization) ?? '')?.[1];
  if (token) return { key: `key:${hashed(token)}`, kind: 'API key', loopback: false, ip };
  const session = SESSION.exec(firstText(cookie) ?? '')?.[1];
  if (session) return { key: `session:${hashed(session)}`, kind: 'session', loopback: false, ip };
  return { key: `ip:${ip}`, kind: 'IP address', loopback: isLoopback(ip), ip };
}

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string };

export interface ClientRateLimiter {
  admit(client: Client): Promise<Admission>;
  close(): Promise<void>;
}

/**
 * Fixed-window request counters per client (rate-limiter-flexible): in Redis when `redisUrl` is set
 * (a Redis outage falls back to per-process counters instead of refusing everyone), else in memory.
 */
export async function createRateLimiter(settings: RateLimitSettings, log: Logger): Promise<ClientRateLimiter> {
  const redis = settings.redisUrl ? new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  if (redis) {
    // Logged once per outage (ioredis keeps reconnecting, with an error each time).
    let down = false;
    redis.on('error', (err) => {
      if (!down) log.warn({ err }, 'rate limiter: Redis unavailable, counting in memory');
      down = true;
    });
    redis.on('ready', () => {
      if (down) log.info('rate limiter: Redis back');
      down = false;
    });
    // Counted in memory until connected (no offline queue: a Redis outage must not hold requests).
    const ready = await Promise.race([once(redis, 'ready').then(() => true, () => false), setTimeout(REDIS_CONNECT_WAIT_MS, false, { ref: false })]);
    if (!ready) log.warn('rate limiter: Redis not reachable yet, counting in memory until it is');
  }
  const limiter = (points: number, prefix: string): RateLimiterAbstract | null => {
    if (points <= 0) return null;
    const options = { points, duration: settings.durationSeconds, keyPrefix: `modelyard:rate:${prefix}` };
    if (!redis) return new RateLimiterMemory(options);
    return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
  };
  const everyone = limiter(settings.points, 'client');
  const loopback = limiter(settings.loopbackPoints, 'loopback');
  // Keyed requests also count against their address, with IP_CEILING_FACTOR times the points: made-up
  // bearer tokens (each a fresh bucket) cannot escape the per-IP limit, while several real keys behind
  // one address (a CI runner, a NAT) still get their own buckets.
  const ceiling = limiter(settings.points * IP_CEILING_FACTOR, 'ip-ceiling');
  return {
    async admit(client) {
      const buckets: [RateLimiterAbstract, string, string][] = [];
      const own = client.loopback ? loopback : everyone;
      if (own) buckets.push([own, client.key, client.kind]);
      if (ceiling && client.kind !== 'IP address' && !isLoopback(client.ip)) buckets.push([ceiling, `ip:${client.ip}`, 'IP address (all its API keys and sessions together)']);
      let bucket: RateLimiterAbstract | undefined;
      let kind = client.kind as string;
      try {
        for (const [limiter, key, label] of buckets) {
          bucket = limiter;
          kind = label;
          await limiter.consume(key);
        }
        return { allowed: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) {
          log.warn({ err: refusal }, 'rate limiter failed; request let through');
          return { allowed: true };
        }
        const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        return {
          allowed: false,
          retryAfterSeconds,
          message: `Rate limit exceeded: at most ${bucket!.points} requests per ${settings.durationSeconds} s per ${kind}; retry in ${retryAfterSeconds} s`,
        };
      }
    },
    async close() {
      redis?.disconnect();
    },
  };
}

/** A GraphQL-shaped error body for refusals made before GraphQL runs. */
export const errorBody = (message: string, code: string, extensions: Record<string, unknown> = {}) => ({ errors: [{ message, extensions: { code, ...extensions } }] });

/** Express: 429 with `Retry-After` and a RATE_LIMITED error when the client is over its limit. */
export function rateLimitRequests(limiter: ClientRateLimiter, trustProxyHops: number): RequestHandler {
  return (req, res, next) => {
    const client = clientOf(req.headers.authorization, clientIp(req, trustProxyHops), req.headers.cookie);
    limiter.admit(client).then((admission) => {
      if (admission.allowed) return next();
      res.status(429).set('Retry-After', String(admission.retryAfterSeconds))
        .json(errorBody(admission.message, 'RATE_LIMITED', { retryAfterSeconds: admission.retryAfterSeconds }));
    }, next);
  };
}

/**
 * Express: errors before GraphQL (body too large, malformed JSON, wrong encoding) as JSON with their
 * 4xx status, never an HTML page or a 500 for the client's mistake.
 */
export function requestErrors(maxBodyBytes: number): ErrorRequestHandler {
  return (err: { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status = err.status ?? err.statusCode ?? 500;
    if (err.type === 'entity.too.large' || status === 413) {
      res.status(413).json(errorBody(`Request body too large: at most ${maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE', { maxBytes: maxBodyBytes }));
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json(errorBody(err.expose && err.message ? err.message : 'Bad request', 'BAD_REQUEST'));
      return;
    }
    next(err);
  };
}

/**
 * graphql-ws hooks wrapped with the caps: a connection counts against its client (the API key in
 * `connectionParams.authorization`, else the IP) and its rate limit when it initialises; over either,
 * it is closed with 4429 and a reason saying which. A subscription beyond the per-connection cap is
 * answered with a RATE_LIMITED error (the connection stays open).
 */
export function limitWebSocketClients<P extends Record<string, unknown>>(
  options: WsServerOptions<P, GraphqlWsExtra>,
  caps: WebSocketCaps,
  limiter: ClientRateLimiter | null,
  trustProxyHops: number,
): WsServerOptions<P, GraphqlWsExtra> {
  const open = new Map<string, number>();
  const counted = new WeakMap<object, string>();
  const release = (ctx: object) => {
    const key = counted.get(ctx);
    if (key === undefined) return;
    counted.delete(ctx);
    const n = (open.get(key) ?? 1) - 1;
    if (n > 0) open.set(key, n);
    else open.delete(key);
  };
  return {
    ...options,
    onConnect: async (ctx) => {
      const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
      const client = clientOf(params.authorization ?? params.Authorization, clientIp(ctx.extra.request, trustProxyHops), ctx.extra.request.headers.cookie);
      const refuse = (reason: string) => {
        ctx.extra.socket.close(WS_CLOSE_TOO_MANY, reason);
        return false as const;
      };
      if (caps.maxConnectionsPerClient > 0 && (open.get(client.key) ?? 0) >= caps.maxConnectionsPerClient) {
        return refuse(`Too many connections: at most ${caps.maxConnectionsPerClient} per ${client.kind}`);
      }
      open.set(client.key, (open.get(client.key) ?? 0) + 1);
      counted.set(ctx, client.key);
      const admission = limiter ? await limiter.admit(client) : { allowed: true as const };
      if (!admission.allowed) {
        release(ctx);
        return refuse(`Rate limit exceeded; retry in ${admission.retryAfterSeconds} s`);
      }
      const permitted = options.onConnect ? await options.onConnect(ctx) : true;
      if (permitted === false) release(ctx);
      return permitted;
    },
    onClose: (ctx, code, reason) => {
      release(ctx);
      return options.onClose?.(ctx, code, reason);
    },
    onSubscribe: async (ctx, id, payload) => {
      // graphql-ws has registered this subscription already.
      if (caps.maxSubscriptionsPerConnection > 0 && Object.keys(ctx.subscriptions).length > caps.maxSubscriptionsPerConnection) {
        return [tooManySubscriptions(caps.maxSubscriptionsPerConnection)];
      }
      const args = await options.onSubscribe?.(ctx, id, payload);
      if (!args || !('document' in args)) return args;
      // The cost with the variables (validation saw literals only), as HTTP checks it.
      const refusal = costRefusal(args.schema, args.document, args.operationName, args.variableValues);
      return refusal ? [refusal] : args;
    },
  };
}

function tooManySubscriptions(max: number) {
  return new GraphQLError(`Too many subscriptions on this connection: at most ${max}; complete some or open another connection`, {
    extensions: { code: 'RATE_LIMITED', maxSubscriptionsPerConnection: max },
  });
}

/** Every limit the server applies besides the query limits (limits.ts). Absent parts: no limit (tests, benches). */
export interface ApiLimits {
  /** NODE_ENV=production: introspection and "Did you mean …" hints off. */
  production?: boolean;
  rateLimit?: RateLimitSettings;
  webSocket?: WebSocketCaps;
  /** Default 64 MB. */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The limits `npm start` applies, from the environment (env.ts). */
export function limitsFromEnv(env: Env): ApiLimits {
  return {
    production: env.NODE_ENV === 'production',
    rateLimit: {
      points: env.RATE_LIMIT_POINTS,
      durationSeconds: env.RATE_LIMIT_DURATION_SECONDS,
      loopbackPoints: env.RATE_LIMIT_LOOPBACK_POINTS,
      redisUrl: env.REDIS_URL,
      trustProxyHops: env.TRUST_PROXY_HOPS,
    },
    webSocket: { maxConnectionsPerClient: env.WS_MAX_CONNECTIONS_PER_CLIENT, maxSubscriptionsPerConnection: env.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION },
    maxBodyBytes: Math.round(env.MAX_BODY_MB * 1024 * 1024),
  };
}
