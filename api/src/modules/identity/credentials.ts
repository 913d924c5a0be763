import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** API keys: `myk_` + 43 base64url characters (32 random bytes). */
export const API_KEY_PREFIX = 'myk_';
export const SESSION_COOKIE = 'modelyard_session';
export const WORKSPACE_COOKIE = 'modelyard_workspace';
export const SESSION_TTL_MS = 7 * 24 * 3600_000;
/** `lastUsedAt` / `lastSeenAt` are written at most this often per key / session. */
export const LAST_USED_GRANULARITY_MS = 60_000;
export const MIN_PASSWORD_LENGTH = 10;

/** 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiKeySecret(): string {
  return `${API_KEY_PREFIX}${newSecret()}`;
}

/** The first 8 characters after `myk_`: shown in lists, never enough to use the key. */
export function apiKeyPrefix(secret: string): string {
  return secret.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + 8);
}

/**
 * sha256, hex. API keys and session tokens are 256-bit random secrets: a fast hash is enough (no
 * dictionary to try), and lets a credential be found by an index lookup on its hash.
 */
export function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the email is unknown, so a wrong email takes as long as a wrong password. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword(newSecret()));
}

/** The cookies of a `Cookie` header (first value wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

/** The token of an `Authorization: Bearer <token>` value. */
export function bearerToken(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}
