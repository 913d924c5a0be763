import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/modules/identity/identity.service.js';
import { DEFAULT_DEMO_ADMIN_PASSWORD, DEMO_ADMIN_EMAIL, ensureDemoAdmin } from '../src/modules/seed/demo-admin.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { approvedRecipeVersion, auditOf, FORECASTING_RULES, registerModel } from './arena-fixtures.js';
import { codeOf, ok, startTestApi, type TestApi } from './harness.js';
import { sleep, subscribe, type Subscriber } from './live-client.js';
import { hasRedisServer, startRedis } from './processes.js';

let api: TestApi;
let ws: string;
const open: Subscriber[] = [];

beforeAll(async () => {
  api = await startTestApi();
  ws = await api.newWorkspace('auth');
});
afterAll(async () => {
  await Promise.all(open.map((s) => s.close().catch(() => undefined)));
  await api?.close();
});

const SIGN_IN = 'mutation($i: SignInInput!) { signIn(input: $i) { token expiresAt user { email name } memberships { role workspace { slug } } } }';
const VIEWER = '{ viewer { user { email } apiKey { name role } workspace { slug } role memberships { role workspace { slug } } } }';
const WORKSPACE = '{ workspace { slug } }';
const CREATE_KEY = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id name role prefix createdBy expiresAt lastUsedAt revokedAt } } }';
const REVOKE_KEY = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';
const RUN_UPDATED = 'subscription { runUpdated { run { id status } } }';
const CREATE_RUN = 'mutation($input: CreateRunInput!) { createRun(input: $input) { id } }';
const ADD_MEMBER = 'mutation($i: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $i) { role addedAt user { id email name } } }';

/** A new user who is a member of `ws` with `role`; returns the email and password. */
async function member(role: string, workspace = ws): Promise<{ email: string; password: string; id: string }> {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@auth.test`;
  const password = `pw-${randomUUID()}`;
  const { addWorkspaceMember } = ok(await api.gql(ADD_MEMBER, { i: { email, name: `A ${role}`, role, password } }, workspace));
  return { email, password, id: addWorkspaceMember.user.id };
}

function cookieOf(headers: Headers): string {
  const set = headers.getSetCookie().find((c) => c.startsWith('modelyard_session='));
  if (!set) throw new Error('no session cookie was set');
  return set;
}

async function modelId(workspace = ws): Promise<string> {
  const versionId = await approvedRecipeVersion(api, workspace, RecipeFamily.FORECASTING, FORECASTING_RULES);
  return (await registerModel(api, workspace, versionId, `Model ${randomUUID().slice(0, 6)}`)).id;
}

describe('sessions', () => {
  it('signIn sets an HttpOnly SameSite=Lax cookie; the cookie signs requests; signOut ends the session and clears it', async () => {
    const { email, password } = await member('EDITOR');
    const res = await api.gqlWith({}, SIGN_IN, { i: { email: email.toUpperCase(), password } });
    const { signIn } = ok(res);
    expect(signIn.user.email).toBe(email);
    expect(signIn.memberships).toEqual([{ role: 'EDITOR', workspace: { slug: ws } }]);
    expect(signIn.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(signIn.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    const setCookie = cookieOf(res.headers);
    expect(setCookie).toContain(`modelyard_session=${signIn.token}`);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=604800/);
    expect(setCookie).not.toMatch(/Secure/i);

    const cookie = { cookie: `modelyard_session=${signIn.token}` };
    // The first membership is the workspace when none is selected.
    expect(ok(await api.gqlWith(cookie, VIEWER)).viewer).toEqual({ user: { email }, apiKey: null, workspace: { slug: ws }, role: 'EDITOR', memberships: [{ role: 'EDITOR', workspace: { slug: ws } }] });
    expect(ok(await api.gqlWith(cookie, WORKSPACE)).workspace.slug).toBe(ws);
    // Only the sha256 of the token is stored.
    const [stored] = await api.orm.em.fork().getConnection().execute(`select "token_hash" from "session" s join "app_user" u on u.id = s.user_id where u.email = ?`, [email]);
    expect(stored.token_hash).toBe(createHash('sha256').update(signIn.token).digest('hex'));

    const out = await api.gqlWith(cookie, 'mutation { signOut }');
    expect(ok(out).signOut).toBe(true);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('modelyard_session=;'))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(ok(await api.gqlWith(cookie, VIEWER)).viewer).toBeNull();
    expect(codeOf(await api.gqlWith(cookie, WORKSPACE))).toBe('UNAUTHENTICATED');
    expect(codeOf(await api.gqlWith({ authorization: `Bearer ${signIn.token}` }, WORKSPACE))).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong password and an unknown email alike, with UNAUTHENTICATED and no cookie', async () => {
    const { email } = await member('VIEWER');
    for (const input of [{ email, password: 'wrong-password' }, { email: `nobody-${randomUUID()}@auth.test`, password: 'wrong-password' }]) {
      const res = await api.gqlWith({}, SIGN_IN, { i: input });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(res.errors![0]!.message).toBe('Wrong email or password');
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('an expired session is UNAUTHENTICATED (and viewer null); a stale cookie does not keep anyone from signing in', async () => {
    const { email, password } = await member('VIEWER');
    const { signIn } = ok(await api.gqlWith({}, SIGN_IN, { i: { email, password } }));
    const auth = { authorization: `Bearer ${signIn.token}` };
    expect(ok(await api.gqlWith(auth, WORKSPACE)).workspace.slug).toBe(ws);
    await api.orm.em.fork().getConnection().execute(`update "session" set "expires_at" = now() - interval '1 second' where "token_hash" = ?`, [createHash('sha256').update(signIn.token).digest('hex')]);
    expect(codeOf(await api.gqlWith(auth, WORKSPACE))).toBe('UNAUTHENTICATED');
    expect(ok(await api.gqlWith(auth, VIEWER)).viewer).toBeNull();
    expect(ok(await api.gqlWith({ cookie: `modelyard_session=${signIn.token}` }, SIGN_IN, { i: { email, password } })).signIn.user.email).toBe(email);
  });

  it('selects the workspace by x-workspace, then the modelyard_workspace cookie; a workspace the user is not in is FORBIDDEN', async () => {
    const { email, password } = await member('ADMIN');
    const { signIn } = ok(await api.gqlWith({}, SIGN_IN, { i: { email, password } }));
    const auth = { authorization: `Bearer ${signIn.token}` };
    const second = `auth-new-${randomUUID().slice(0, 8)}`;
    ok(await api.gqlWith(auth, 'mutation($i: CreateWorkspaceInput!) { createWorkspace(input: $i) { slug } }', { i: { slug: second, name: 'Second' } }));
    // The creator is its ADMIN; the older workspace stays the default.
    const { viewer } = ok(await api.gqlWith(auth, VIEWER));
    expect(viewer.memberships).toEqual([{ role: 'ADMIN', workspace: { slug: ws } }, { role: 'ADMIN', workspace: { slug: second } }]);
    expect(viewer.workspace.slug).toBe(ws);
    expect(ok(await api.gqlWith({ ...auth, 'x-workspace': second }, WORKSPACE)).workspace.slug).toBe(second);
    expect(ok(await api.gqlWith({ cookie: `modelyard_session=${signIn.token}; modelyard_workspace=${second}` }, WORKSPACE)).workspace.slug).toBe(second);
    const stranger = await api.newWorkspace('auth-stranger');
    const refused = await api.gqlWith({ ...auth, 'x-workspace': stranger }, WORKSPACE);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(codeOf(await api.gqlWith({ ...auth, 'x-workspace': 'no-such-workspace' }, WORKSPACE))).toBe('FORBIDDEN');
  });

  it('changePassword needs the current password, and ends the other sessions', async () => {
    const { email, password } = await member('VIEWER');
    const first = ok(await api.gqlWith({}, SIGN_IN, { i: { email, password } })).signIn.token;
    const second = ok(await api.gqlWith({}, SIGN_IN, { i: { email, password } })).signIn.token;
    const change = 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) }';
    const wrong = await api.gqlWith({ authorization: `Bearer ${first}` }, change, { i: { currentPassword: 'nope-nope-nope', newPassword: 'a-new-password' } });
    expect(codeOf(wrong)).toBe('VALIDATION_FAILED');
    expect(wrong.errors![0]!.extensions!.problems).toEqual([{ path: 'input.currentPassword', message: 'is not your current password' }]);
    const short = await api.gqlWith({ authorization: `Bearer ${first}` }, change, { i: { currentPassword: password, newPassword: 'short' } });
    expect(short.errors![0]!.extensions!.problems).toEqual([{ path: 'input.newPassword', message: 'must be at least 10 characters' }]);
    expect(ok(await api.gqlWith({ authorization: `Bearer ${first}` }, change, { i: { currentPassword: password, newPassword: 'a-new-password' } })).changePassword).toBe(true);
    expect(ok(await api.gqlWith({ authorization: `Bearer ${first}` }, WORKSPACE)).workspace.slug).toBe(ws);
    expect(codeOf(await api.gqlWith({ authorization: `Bearer ${second}` }, WORKSPACE))).toBe('UNAUTHENTICATED');
    expect(codeOf(await api.gqlWith({}, SIGN_IN, { i: { email, password } }))).toBe('UNAUTHENTICATED');
    ok(await api.gqlWith({}, SIGN_IN, { i: { email, password: 'a-new-password' } }));
  });

  it('without credentials only signIn and viewer answer', async () => {
    expect(ok(await api.gqlWith({}, VIEWER)).viewer).toBeNull();
    expect(codeOf(await api.gqlWith({}, WORKSPACE))).toBe('UNAUTHENTICATED');
    expect(codeOf(await api.gqlWith({ authorization: 'Bearer myk_not-a-key' }, WORKSPACE))).toBe('UNAUTHENTICATED');
    expect(codeOf(await api.gqlWith({ 'x-actor': 'mallory', 'x-workspace': ws }, WORKSPACE))).toBe('UNAUTHENTICATED');
  });
});

describe('API keys', () => {
  it('are shown once, stored as a sha256 hash, listed without the secret, and work over HTTP and graphql-ws', async () => {
    const { createApiKey } = ok(await api.gql(CREATE_KEY, { i: { name: 'nightly-training', role: 'EDITOR' } }, ws));
    const { secret, apiKey } = createApiKey;
    expect(secret).toMatch(/^myk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'nightly-training', role: 'EDITOR', prefix: secret.slice(4, 12), createdBy: 'apikey:admin', expiresAt: null, lastUsedAt: null, revokedAt: null });
    const [row] = await api.orm.em.fork().getConnection().execute(`select * from "api_key" where "id" = ?`, [apiKey.id]);
    expect(row.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));
    const listed = ok(await api.gql('{ apiKeys { totalCount edges { node { id name prefix } } } }', {}, ws)).apiKeys;
    expect(listed.edges.map((e: any) => e.node)).toContainEqual({ id: apiKey.id, name: 'nightly-training', prefix: secret.slice(4, 12) });
    expect(JSON.stringify(listed)).not.toContain(secret.slice(12));

    const auth = { authorization: `Bearer ${secret}` };
    expect(ok(await api.gqlWith(auth, VIEWER)).viewer).toEqual({ user: null, apiKey: { name: 'nightly-training', role: 'EDITOR' }, workspace: { slug: ws }, role: 'EDITOR', memberships: [{ role: 'EDITOR', workspace: { slug: ws } }] });
    const model = await modelId();
    const sub = await subscribe(api.wsUrl, RUN_UPDATED, {}, ws, { token: secret });
    open.push(sub);
    const run = ok(await api.gqlWith(auth, CREATE_RUN, { input: { modelId: model, type: 'EVAL' } })).createRun;
    expect((await sub.waitFor(1))[0]!.runUpdated.run).toEqual({ id: run.id, status: 'QUEUED' });
    // Its writes are audited with its name; lastUsedAt is set (at most once a minute).
    const [used] = await api.orm.em.fork().getConnection().execute(`select "last_used_at" from "api_key" where "id" = ?`, [apiKey.id]);
    expect(used.last_used_at).not.toBeNull();
    // An EDITOR key cannot approve, nor manage keys.
    expect(codeOf(await api.gqlWith(auth, CREATE_KEY, { i: { name: 'x', role: 'VIEWER' } }))).toBe('FORBIDDEN');
    // In another workspace it is FORBIDDEN.
    const other = await api.newWorkspace('auth-other');
    expect(codeOf(await api.gqlWith({ ...auth, 'x-workspace': other }, WORKSPACE))).toBe('FORBIDDEN');
  });

  it('validate their input with paths', async () => {
    const res = await api.gql(CREATE_KEY, { i: { name: ' ', role: 'VIEWER', expiresAt: new Date(Date.now() - 1000).toISOString() } }, ws);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.extensions!.problems).toEqual([
      { path: 'input.name', message: 'must be 1–100 characters' },
      { path: 'input.expiresAt', message: 'must be in the future' },
    ]);
  });

  it('stop working when they expire', async () => {
    const { secret, apiKey } = ok(await api.gql(CREATE_KEY, { i: { name: 'short-lived', role: 'VIEWER', expiresAt: new Date(Date.now() + 60_000).toISOString() } }, ws)).createApiKey;
    const auth = { authorization: `Bearer ${secret}` };
    expect(ok(await api.gqlWith(auth, WORKSPACE)).workspace.slug).toBe(ws);
    await api.orm.em.fork().getConnection().execute(`update "api_key" set "expires_at" = now() - interval '1 second' where "id" = ?`, [apiKey.id]);
    expect(codeOf(await api.gqlWith(auth, WORKSPACE))).toBe('UNAUTHENTICATED');
  });

  it('revoked: HTTP is refused at once and a live subscription stops receiving; audited', async () => {
    const { secret, apiKey } = ok(await api.gql(CREATE_KEY, { i: { name: 'to-revoke', role: 'VIEWER' } }, ws)).createApiKey;
    const auth = { authorization: `Bearer ${secret}` };
    const model = await modelId();
    const sub = await subscribe(api.wsUrl, RUN_UPDATED, {}, ws, { token: secret });
    open.push(sub);
    const bystander = await subscribe(api.wsUrl, RUN_UPDATED, {}, ws);
    open.push(bystander);
    ok(await api.gql(CREATE_RUN, { input: { modelId: model, type: 'EVAL' } }, ws));
    await sub.waitFor(1);

    const { revokeApiKey } = ok(await api.gql(REVOKE_KEY, { id: apiKey.id }, ws));
    expect(revokeApiKey.revokedAt).toBeTruthy();
    expect(codeOf(await api.gqlWith(auth, WORKSPACE))).toBe('UNAUTHENTICATED');
    const error = (await sub.waitForError()) as { extensions?: { code?: string } }[];
    expect(error[0]!.extensions!.code).toBe('UNAUTHENTICATED');
    ok(await api.gql(CREATE_RUN, { input: { modelId: model, type: 'EVAL' } }, ws));
    await bystander.waitFor(2);
    await sleep(200);
    expect(sub.received).toHaveLength(1);
    // A new subscription with the revoked key is refused.
    const again = await subscribe(api.wsUrl, RUN_UPDATED, {}, ws, { token: secret });
    open.push(again);
    expect(((await again.waitForError()) as { extensions?: { code?: string } }[])[0]!.extensions!.code).toBe('UNAUTHENTICATED');
    // Revoking again changes nothing; revoked keys are listed only on request.
    expect(ok(await api.gql(REVOKE_KEY, { id: apiKey.id }, ws)).revokeApiKey.revokedAt).toBe(revokeApiKey.revokedAt);
    const list = async (includeRevoked: boolean) => ok(await api.gql('query($r: Boolean!) { apiKeys(includeRevoked: $r) { edges { node { id } } } }', { r: includeRevoked }, ws)).apiKeys.edges.map((e: any) => e.node.id);
    expect(await list(false)).not.toContain(apiKey.id);
    expect(await list(true)).toContain(apiKey.id);
    expect((await auditOf(api, ws, apiKey.id)).map((e) => [e.action, e.actor])).toEqual([['apiKey.revoke', 'apikey:admin'], ['apiKey.create', 'apikey:admin']]);
  });
});

describe('members', () => {
  it('are added (new users need a name and a password), change role, are removed; the last ADMIN stays; audited', async () => {
    const slug = await api.newWorkspace('auth-members');
    const missing = await api.gql(ADD_MEMBER, { i: { email: `new-${randomUUID()}@auth.test`, role: 'VIEWER' } }, slug);
    expect(codeOf(missing)).toBe('VALIDATION_FAILED');
    expect(missing.errors![0]!.extensions!.problems.map((p: any) => p.path)).toEqual(['input.name', 'input.password']);
    expect(codeOf(await api.gql(ADD_MEMBER, { i: { email: 'not-an-email', role: 'VIEWER' } }, slug))).toBe('VALIDATION_FAILED');

    const existing = `existing-${randomUUID().slice(0, 8)}@auth.test`;
    await createUser(api.orm.em.fork(), { email: existing, name: 'Existing', password: 'existing-password' });
    const added = ok(await api.gql(ADD_MEMBER, { i: { email: existing.toUpperCase(), role: 'EDITOR' } }, slug)).addWorkspaceMember;
    expect(added).toMatchObject({ role: 'EDITOR', user: { email: existing, name: 'Existing' } });
    expect(codeOf(await api.gql(ADD_MEMBER, { i: { email: existing, role: 'VIEWER' } }, slug))).toBe('CONFLICT');

    const members = async () => ok(await api.gql('{ workspaceMembers { role user { id email } } }', {}, slug)).workspaceMembers as { role: string; user: { id: string; email: string } }[];
    const [creator] = await members();
    expect(creator!.role).toBe('ADMIN');
    expect(codeOf(await api.gql('mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { role } }', { i: { userId: creator!.user.id, role: 'VIEWER' } }, slug))).toBe('CONFLICT');
    expect(codeOf(await api.gql('mutation($id: ID!) { removeWorkspaceMember(userId: $id) }', { id: creator!.user.id }, slug))).toBe('CONFLICT');
    expect(ok(await api.gql('mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { role user { email } } }', { i: { userId: added.user.id, role: 'APPROVER' } }, slug)).changeMemberRole).toEqual({ role: 'APPROVER', user: { email: existing } });

    // The member's role applies at once; removal ends their access (and their live subscriptions).
    const token = ok(await api.gqlWith({}, SIGN_IN, { i: { email: existing, password: 'existing-password' } })).signIn.token;
    const auth = { authorization: `Bearer ${token}`, 'x-workspace': slug };
    expect(ok(await api.gqlWith(auth, VIEWER)).viewer.role).toBe('APPROVER');
    const sub = await subscribe(api.wsUrl, RUN_UPDATED, {}, slug, { token });
    open.push(sub);
    expect(ok(await api.gql('mutation($id: ID!) { removeWorkspaceMember(userId: $id) }', { id: added.user.id }, slug)).removeWorkspaceMember).toBe(true);
    expect(((await sub.waitForError()) as { extensions?: { code?: string } }[])[0]!.extensions!.code).toBe('FORBIDDEN');
    expect(codeOf(await api.gqlWith(auth, WORKSPACE))).toBe('FORBIDDEN');
    expect((await members()).map((m) => m.user.email)).toEqual([creator!.user.email]);
    expect((await auditOf(api, slug, added.user.id)).map((e) => [e.action, e.before, e.after])).toEqual([
      ['member.remove', { email: existing, role: 'APPROVER' }, null],
      ['member.role', { role: 'EDITOR' }, { role: 'APPROVER' }],
      ['member.add', null, { email: existing, role: 'EDITOR' }],
    ]);
  });
});

describe('the audit log', () => {
  it('records the signed-in user who approves a recipe and promotes a model', async () => {
    const { email, password } = await member('APPROVER');
    const token = ok(await api.gqlWith({}, SIGN_IN, { i: { email, password } })).signIn.token;
    const auth = { authorization: `Bearer ${token}`, 'x-workspace': ws };
    const versionId = await approvedRecipeVersion(api, ws, RecipeFamily.FORECASTING, FORECASTING_RULES);
    const model = await registerModel(api, ws, versionId, 'Audited model');
    ok(await api.gqlWith(auth, 'mutation($i: TransitionModelInput!) { transitionModel(input: $i) { status } }', { i: { id: model.id, status: 'STAGING', expectedVersion: model.version } }));
    expect((await auditOf(api, ws, model.id, 'model.status'))[0]).toMatchObject({ actor: email, after: { status: 'STAGING' } });

    const recipe = ok(await api.gql('query { recipes(first: 1) { edges { node { id } } } }', {}, ws)).recipes.edges[0].node.id;
    const draft = ok(await api.gql(`mutation($id: ID!) { archiveRecipe(id: $id) { status } }`, { id: recipe }, ws, 'lead'));
    expect(draft.archiveRecipe.status).toBe('ARCHIVED');
    expect((await auditOf(api, ws, recipe))[0]).toMatchObject({ actor: 'apikey:lead' });
    // An EDITOR may not approve: FORBIDDEN.
    const editor = await member('EDITOR');
    const editorToken = ok(await api.gqlWith({}, SIGN_IN, { i: { email: editor.email, password: editor.password } })).signIn.token;
    expect(codeOf(await api.gqlWith({ authorization: `Bearer ${editorToken}`, 'x-workspace': ws }, 'mutation($i: TransitionModelInput!) { transitionModel(input: $i) { status } }', { i: { id: model.id, status: 'PRODUCTION', expectedVersion: model.version + 1 } }))).toBe('FORBIDDEN');
  });
});

describe.skipIf(!hasRedisServer())('revocations across API processes (Redis)', () => {
  it('a key revoked on one process ends its subscription on another', async () => {
    const redis = await startRedis();
    const a = await startTestApi({ redisUrl: redis.url });
    const b = await startTestApi({ redisUrl: redis.url });
    try {
      const slug = await a.newWorkspace('auth-redis');
      const { secret, apiKey } = ok(await a.gql(CREATE_KEY, { i: { name: 'pipeline', role: 'VIEWER' } }, slug)).createApiKey;
      const sub = await subscribe(b.wsUrl, RUN_UPDATED, {}, slug, { token: secret });
      open.push(sub);
      ok(await a.gql(REVOKE_KEY, { id: apiKey.id }, slug));
      expect(((await sub.waitForError(5_000)) as { extensions?: { code?: string } }[])[0]!.extensions!.code).toBe('UNAUTHENTICATED');
    } finally {
      await a.close();
      await b.close();
      await redis.stop();
    }
  }, 60_000);
});

describe('the demo account', () => {
  it('is made ADMIN of the demo workspace once, keeps a changed password, and signs in with the printed one', async () => {
    const demo = await api.newWorkspace('auth-demo');
    const first = await ensureDemoAdmin(api.orm.em.fork(), demo, DEFAULT_DEMO_ADMIN_PASSWORD);
    expect(first).toMatchObject({ email: DEMO_ADMIN_EMAIL, passwordWorks: true });
    expect(await ensureDemoAdmin(api.orm.em.fork(), demo, DEFAULT_DEMO_ADMIN_PASSWORD)).toEqual({ email: DEMO_ADMIN_EMAIL, created: false, passwordWorks: true });
    const { signIn } = ok(await api.gqlWith({}, SIGN_IN, { i: { email: DEMO_ADMIN_EMAIL, password: DEFAULT_DEMO_ADMIN_PASSWORD } }));
    expect(signIn.memberships).toContainEqual({ role: 'ADMIN', workspace: { slug: demo } });
    const auth = { authorization: `Bearer ${signIn.token}`, 'x-workspace': demo };
    ok(await api.gqlWith(auth, 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) }', { i: { currentPassword: DEFAULT_DEMO_ADMIN_PASSWORD, newPassword: 'changed-demo-password' } }));
    expect(await ensureDemoAdmin(api.orm.em.fork(), demo, DEFAULT_DEMO_ADMIN_PASSWORD)).toEqual({ email: DEMO_ADMIN_EMAIL, created: false, passwordWorks: false });
    ok(await api.gqlWith(auth, 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) }', { i: { currentPassword: 'changed-demo-password', newPassword: DEFAULT_DEMO_ADMIN_PASSWORD } }));
  });
});
