import { Redis } from 'ioredis';
import type { Logger } from '../../platform/logger.js';

/**
 * What a revocation ends: `apikey:<id>` (revoked key), `session:<id>` (signed out), `member:<userId>:<workspaceId>`
 * (removed from the workspace, or role changed).
 */
export type GrantKey = `apikey:${string}` | `session:${string}` | `member:${string}:${string}`;

export interface Revocation {
  keys: GrantKey[];
  code: 'UNAUTHENTICATED' | 'FORBIDDEN';
  reason: string;
}

/** The credentials a caller was resolved from: live subscriptions watch them. */
export interface Grant {
  keys: GrantKey[];
  /** When the credential expires (ms since epoch); null: never. */
  expiresAt: number | null;
  /** When the credential was read from the database (ms): revocations received after that apply. */
  resolvedAt: number;
}

type Listener = (revocation: Revocation) => void;

const CHANNEL = 'modelyard:revocations';
/** How long a revocation is remembered for callers resolved while it was on its way. */
const REMEMBER_MS = 5 * 60_000;

/**
 * Revoked credentials, process-wide: a revoked API key, a signed-out session or a removed member
 * ends the live subscriptions that were opened with it, at once (each stream watches its grant's
 * keys) and on every event (`isRevoked`, an in-memory check). With Redis (`REDIS_URL`) a revocation
 * is published to the other API processes too. HTTP requests need none of this: they read their
 * credentials from the database each time.
 */
export class AccessRevocations {
  private readonly listeners = new Map<GrantKey, Set<Listener>>();
  private readonly recent = new Map<GrantKey, number>();
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;

  constructor(options: { redisUrl?: string; log: Logger }) {
    if (!options.redisUrl) return;
    const log = options.log.child({ component: 'revocations' });
    this.publisher = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
    this.subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.publisher.on('error', (err) => log.debug({ err }, 'redis publish client error'));
    this.subscriber.on('error', (err) => log.debug({ err }, 'redis subscribe client error'));
    this.subscriber.subscribe(CHANNEL).catch((err: unknown) => log.warn({ err }, 'redis subscribe to revocations failed'));
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== CHANNEL) return;
      try {
        this.apply(JSON.parse(message) as Revocation);
      } catch (err) {
        log.warn({ err }, 'unreadable revocation');
      }
    });
  }

  /** Ends what `keys` granted, here and (with Redis) in the other API processes. Call after commit. */
  revoke(revocation: Revocation): void {
    this.apply(revocation);
    this.publisher?.publish(CHANNEL, JSON.stringify(revocation)).catch(() => undefined);
  }

  private apply(revocation: Revocation): void {
    const now = Date.now();
    for (const [key, at] of this.recent) if (now - at > REMEMBER_MS) this.recent.delete(key);
    for (const key of revocation.keys) {
      this.recent.set(key, now);
      for (const listener of [...(this.listeners.get(key) ?? [])]) listener(revocation);
    }
  }

  /** Calls `listener` when one of the grant's keys is revoked; returns the unsubscribe function. */
  watch(grant: Grant, listener: Listener): () => void {
    for (const key of grant.keys) {
      let set = this.listeners.get(key);
      if (!set) this.listeners.set(key, (set = new Set()));
      set.add(listener);
    }
    return () => {
      for (const key of grant.keys) {
        const set = this.listeners.get(key);
        if (set?.delete(listener) && set.size === 0) this.listeners.delete(key);
      }
    };
  }

  /** Why the grant no longer holds (revoked since it was read, or expired), or null. */
  check(grant: Grant, now = Date.now()): Revocation | null {
    if (grant.expiresAt !== null && grant.expiresAt <= now) return { keys: grant.keys, code: 'UNAUTHENTICATED', reason: 'The credentials expired' };
    for (const key of grant.keys) {
      const at = this.recent.get(key);
      if (at !== undefined && at >= grant.resolvedAt) return { keys: [key], code: key.startsWith('member:') ? 'FORBIDDEN' : 'UNAUTHENTICATED', reason: 'The credentials were revoked' };
    }
    return null;
  }

  async close(): Promise<void> {
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }
}
