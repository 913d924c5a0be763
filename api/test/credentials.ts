import { randomUUID } from 'node:crypto';
import type { MikroORM } from '../src/platform/db/orm.js';
import { issueApiKey } from '../src/modules/identity/api-key.service.js';
import { newSecret, sha256, SESSION_TTL_MS } from '../src/modules/identity/credentials.js';
import { createUser, findUserByEmail } from '../src/modules/identity/identity.service.js';
import { addMembership } from '../src/modules/identity/member.service.js';
import { Membership } from '../src/modules/identity/membership.entity.js';
import { Role } from '../src/modules/identity/roles.js';
import { Session } from '../src/modules/identity/session.entity.js';
import { User } from '../src/modules/identity/user.entity.js';
import { Workspace } from '../src/modules/workspaces/workspace.entity.js';

/**
 * The credentials tests send, per workspace slug and actor (each test file runs in its own process,
 * so this map is the file's). `gql`, `subscribe` and `gqlAt` look the token up here.
 */
const tokens = new Map<string, string>();
const DEFAULT_ACTOR = 'admin';
const keyOf = (slug: string, actor?: string) => `${slug}\u0000${actor ?? DEFAULT_ACTOR}`;

export function registerToken(slug: string, token: string, actor?: string): void {
  tokens.set(keyOf(slug, actor), token);
}

export function tokenFor(slug: string, actor?: string): string | undefined {
  return tokens.get(keyOf(slug, actor));
}

/**
 * ADMIN credentials of an existing workspace for `actor` (default `admin`), made directly in the
 * database and remembered for `slug`: an actor that is an email is a user (an ADMIN member, signed
 * in: the audit log records the email), any other name an API key (`apikey:<name>`).
 */
export async function issueTestKey(orm: MikroORM, slug: string, actor = DEFAULT_ACTOR): Promise<string> {
  const known = tokenFor(slug, actor);
  if (known) return known;
  const em = orm.em.fork();
  const workspace = await em.findOneOrFail(Workspace, { slug });
  let token: string;
  if (actor.includes('@')) {
    const user = (await findUserByEmail(em, actor)) ?? (await createUser(em, { email: actor, name: actor, password: `pw-${randomUUID()}` }));
    if (!(await em.count(Membership, { workspace: workspace.id, user: user.id }))) addMembership(em, workspace.id, user.id, Role.ADMIN);
    token = newSecret();
    em.create(Session, { tokenHash: sha256(token), user: em.getReference(User, user.id), expiresAt: new Date(Date.now() + SESSION_TTL_MS) });
  } else {
    token = issueApiKey(em, workspace.id, { name: actor, role: Role.ADMIN }, 'test-harness').secret;
  }
  await em.flush();
  registerToken(slug, token, actor);
  return token;
}
