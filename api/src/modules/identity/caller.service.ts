import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../../platform/context.js';
import { API_KEY_PREFIX, LAST_USED_GRANULARITY_MS, parseCookies, SESSION_COOKIE, sha256, WORKSPACE_COOKIE, bearerToken } from './credentials.js';
import type { Grant } from './revocations.js';
import type { Role } from './roles.js';

/** What a request carries: the `Authorization` value, the `Cookie` header and the `x-workspace` selector. */
export interface Credentials {
  authorization?: unknown;
  cookie?: unknown;
  workspace?: unknown;
}

export interface ResolvedCaller {
  caller: Caller;
  grant?: Grant;
}

const ANONYMOUS: Caller = Object.freeze({ workspaceSlug: '', workspaceId: null, actor: 'anonymous', authenticated: false });

const text = (value: unknown): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v.trim() || undefined : undefined;
};

/**
 * `lastUsedAt` / `lastSeenAt` writes: at most one a minute per key or session, in this process (the
 * UPDATE's own condition keeps several processes to about one too), off the request's path.
 */
const lastTouched = new Map<string, number>();
function touch(em: EntityManager, table: 'api_key' | 'session', column: 'last_used_at' | 'last_seen_at', id: string, last: Date | null): void {
  const now = Date.now();
  if (last && now - last.getTime() < LAST_USED_GRANULARITY_MS) return;
  const key = `${table}:${id}`;
  if (now - (lastTouched.get(key) ?? 0) < LAST_USED_GRANULARITY_MS) return;
  if (lastTouched.size > 100_000) lastTouched.clear();
  lastTouched.set(key, now);
  void em
    .getConnection()
    .execute(`update "${table}" set "${column}" = now() where "id" = ? and ("${column}" is null or "${column}" < now() - interval '1 minute')`, [id], 'run')
    .catch(() => lastTouched.delete(key));
}

const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

/**
 * The caller of a request, from its credentials, in one SQL statement: `Authorization: Bearer` (an API
 * key `myk_…` or a session token) first, else the `modelyard_session` cookie. Missing, unknown,
 * expired or revoked credentials give the anonymous caller (every field but `signIn` and `viewer`
 * then answers UNAUTHENTICATED). An API key works in its own workspace only (an `x-workspace` naming
 * another one leaves the caller without a role: FORBIDDEN). A session user works in the workspace
 * named by `x-workspace`, else the `modelyard_workspace` cookie, else their first membership; in a
 * workspace they are not a member of they have no role (FORBIDDEN).
 */
export async function resolveCaller(em: EntityManager, credentials: Credentials): Promise<ResolvedCaller> {
  const cookies = parseCookies(text(credentials.cookie));
  const token = bearerToken(text(credentials.authorization)) ?? cookies[SESSION_COOKIE];
  if (!token) return { caller: ANONYMOUS };
  const selected = text(credentials.workspace);
  const resolvedAt = Date.now();
  if (token.startsWith(API_KEY_PREFIX)) {
    const [row] = await em.getConnection().execute<Record<string, unknown>[]>(
      `select k."id", k."name", k."role", k."expires_at", k."last_used_at", w."id" as "workspace_id", w."slug"
         from "api_key" k join "workspace" w on w."id" = k."workspace_id"
        where k."secret_hash" = ? and k."revoked_at" is null and (k."expires_at" is null or k."expires_at" > now())`,
      [sha256(token)],
    );
    if (!row) return { caller: ANONYMOUS };
    const id = String(row.id);
    touch(em, 'api_key', 'last_used_at', id, asDate(row.last_used_at));
    const own = String(row.slug);
    const mine = selected === undefined || selected === own;
    const expires = asDate(row.expires_at);
    return {
      caller: {
        workspaceSlug: mine ? own : selected!,
        workspaceId: mine ? String(row.workspace_id) : null,
        actor: `apikey:${String(row.name)}`,
        authenticated: true,
        apiKeyId: id,
        ...(mine ? { role: row.role as Role } : {}),
      },
      grant: { keys: [`apikey:${id}`], expiresAt: expires ? expires.getTime() : null, resolvedAt },
    };
  }
  const slug = selected ?? cookies[WORKSPACE_COOKIE] ?? null;
  const [row] = await em.getConnection().execute<Record<string, unknown>[]>(
    `select s."id" as "session_id", s."expires_at", s."last_seen_at", u."id" as "user_id", u."email", u."name",
            m."workspace_id", m."slug", m."role"
       from "session" s
       join "app_user" u on u."id" = s."user_id"
       left join lateral (
         select w."id" as "workspace_id", w."slug", ms."role"
           from "membership" ms join "workspace" w on w."id" = ms."workspace_id"
          where ms."user_id" = u."id" and (?::text is null or w."slug" = ?::text)
          order by w."created_at", w."id" limit 1) m on true
      where s."token_hash" = ? and s."expires_at" > now()`,
    [slug, slug, sha256(token)],
  );
  if (!row) return { caller: ANONYMOUS };
  const sessionId = String(row.session_id);
  const userId = String(row.user_id);
  touch(em, 'session', 'last_seen_at', sessionId, asDate(row.last_seen_at));
  const member = row.workspace_id !== null && row.workspace_id !== undefined;
  const workspaceId = member ? String(row.workspace_id) : null;
  return {
    caller: {
      workspaceSlug: member ? String(row.slug) : (slug ?? ''),
      workspaceId,
      actor: String(row.email),
      authenticated: true,
      user: { id: userId, email: String(row.email), name: String(row.name) },
      sessionId,
      ...(member ? { role: row.role as Role } : {}),
    },
    grant: {
      keys: [`session:${sessionId}`, ...(workspaceId ? [`member:${userId}:${workspaceId}` as const] : [])],
      expiresAt: asDate(row.expires_at)!.getTime(),
      resolvedAt,
    },
  };
}
