import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type Access, Role, roleAtLeast, ROOT_FIELD_RULES } from '../src/modules/identity/roles.js';
import { createSchema } from '../src/platform/schema.js';
import { approvedRecipeVersion, FORECASTING_RULES, registerModel } from './arena-fixtures.js';
import { RecipeFamily } from '../src/modules/recipes/recipe.enums.js';
import { codeOf, ok, startTestApi, type GqlResponse, type TestApi } from './harness.js';

/**
 * The authorization table, checked field by field: every root field of the built schema is called
 * by each role of the workspace, by a member of another workspace, and anonymously, with minimal
 * generated arguments, and must answer according to ROOT_FIELD_RULES (modules/identity/roles.ts).
 * A new field without a rule fails here (and the schema refuses to build).
 */

let api: TestApi;
let schema: GraphQLSchema;
let ws: string;
let otherWs: string;

interface Caller {
  label: string;
  headers: Record<string, string>;
  /** The caller's role in `ws` (none: another workspace's caller, or anonymous). */
  role?: Role;
  kind: 'user' | 'key' | 'anonymous';
  /** A new session of the same user (signOut is called with it, so the caller's own session lives on). */
  freshSession?: () => Promise<Record<string, string>>;
}
const callers: Caller[] = [];

const ROLES = [Role.VIEWER, Role.EDITOR, Role.APPROVER, Role.ADMIN];
const ROOTS = ['Query', 'Mutation', 'Subscription'] as const;

/** A minimal valid value for an input type (non-null fields only; nullable arguments are left out). */
function valueFor(type: GraphQLInputType, path: string): unknown {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return [valueFor(t.ofType, `${path}[0]`)];
  if (isEnumType(t)) return t.getValues()[0]!.value;
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(t.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) out[field.name] = valueFor(field.type, `${path}.${field.name}`);
    }
    return out;
  }
  if (isScalarType(t)) {
    switch (t.name) {
      case 'ID':
        return randomUUID();
      case 'String':
        return 'x';
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTimeISO':
        return new Date(Date.now() + 3600_000).toISOString();
      case 'JSON':
      case 'JSONObject':
        return {};
    }
  }
  throw new Error(`no minimal value for ${String(type)} at ${path}`);
}

function operationFor(kind: (typeof ROOTS)[number], field: GraphQLField<unknown, unknown>, overrides: Record<string, unknown> = {}) {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) && a.defaultValue === undefined);
  const variables = Object.fromEntries(args.map((a) => [a.name, overrides[a.name] ?? valueFor(a.type, a.name)]));
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  const op = kind === 'Query' ? 'query' : kind === 'Mutation' ? 'mutation' : 'subscription';
  return { query: `${op}${defs ? `(${defs})` : ''} { ${field.name}${call}${selection} }`, variables };
}

/** The error code of a subscription attempt: an error message, or null once it was accepted (no error within a moment). */
async function subscriptionCode(headers: Record<string, string>, query: string, variables: Record<string, unknown>): Promise<string | null> {
  const authorization = headers.authorization;
  const client = createClient({
    url: api.wsUrl,
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols: string[]) {
        super(url, protocols, headers.cookie ? { headers: { cookie: headers.cookie } } : {});
      }
    },
    connectionParams: { ...(authorization ? { authorization } : {}), ...(headers['x-workspace'] ? { workspace: headers['x-workspace'] } : {}) },
    retryAttempts: 0,
  });
  try {
    return await new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 400);
      client.subscribe(
        { query, variables },
        {
          next: (msg) => {
            if (msg.errors?.length) {
              clearTimeout(timer);
              resolve(String(msg.errors[0]!.extensions?.code));
            }
          },
          error: (err) => {
            clearTimeout(timer);
            const list = Array.isArray(err) ? err : [err];
            resolve(String((list[0] as { extensions?: { code?: string } })?.extensions?.code ?? `socket error ${JSON.stringify(err)}`));
          },
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

async function signInAs(email: string, password: string): Promise<string> {
  const res = await api.gqlWith({}, 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email, password } });
  return ok(res).signIn.token as string;
}

let adminEmail: string;

beforeAll(async () => {
  api = await startTestApi();
  schema = await createSchema();
  ws = await api.newWorkspace('roles');
  otherWs = await api.newWorkspace('roles-other');
  // One member per role (signed in with a session), one API key per role.
  for (const role of ROLES) {
    const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@roles.test`;
    const password = `${role.toLowerCase()}-password`;
    ok(await api.gql('mutation($i: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $i) { role } }', { i: { email, name: role, role, password } }, ws));
    if (role === Role.ADMIN) adminEmail = email;
    const token = await signInAs(email, password);
    const freshSession = async () => ({ authorization: `Bearer ${await signInAs(email, password)}`, 'x-workspace': ws });
    callers.push({ label: `${role} user`, headers: { authorization: `Bearer ${token}`, 'x-workspace': ws }, role, kind: 'user', freshSession });
    const key = ok(await api.gql('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', { i: { name: `${role.toLowerCase()}-key`, role } }, ws)).createApiKey.secret;
    callers.push({ label: `${role} key`, headers: { authorization: `Bearer ${key}` }, role, kind: 'key' });
  }
  // A member (ADMIN) of another workspace only, and that workspace's ADMIN key, both pointed at `ws`.
  const outsider = `outsider-${randomUUID().slice(0, 8)}@roles.test`;
  ok(await api.gql('mutation($i: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $i) { role } }', { i: { email: outsider, name: 'Outsider', role: 'ADMIN', password: 'outsider-password' } }, otherWs));
  const outsiderSession = async () => ({ authorization: `Bearer ${await signInAs(outsider, 'outsider-password')}`, 'x-workspace': ws });
  callers.push({ label: 'member of another workspace', headers: await outsiderSession(), kind: 'user', freshSession: outsiderSession });
  callers.push({ label: 'key of another workspace', headers: { authorization: `Bearer ${await api.keyFor(otherWs)}`, 'x-workspace': ws }, kind: 'key' });
  callers.push({ label: 'anonymous', headers: {}, kind: 'anonymous' });
}, 120_000);
afterAll(() => api?.close());

/** What `caller` must get from a field with rule `rule`: the refusal code, or null (allowed). */
function expected(rule: Access, caller: Caller): 'UNAUTHENTICATED' | 'FORBIDDEN' | null {
  if (rule === 'PUBLIC') return null;
  if (caller.kind === 'anonymous') return 'UNAUTHENTICATED';
  if (rule === 'USER') return caller.kind === 'user' ? null : 'FORBIDDEN';
  return roleAtLeast(caller.role, rule) ? null : 'FORBIDDEN';
}

describe('every root field has a rule', () => {
  it('the table names exactly the fields of the schema', () => {
    for (const kind of ROOTS) {
      const type = kind === 'Query' ? schema.getQueryType() : kind === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      expect(Object.keys(type!.getFields()).sort(), kind).toEqual(Object.keys(ROOT_FIELD_RULES[kind]).sort());
    }
  });
});

describe.each(ROOTS)('%s fields, called by each role, another workspace and anonymously', (kind) => {
  it('answer as ROOT_FIELD_RULES says', async () => {
    const type = kind === 'Query' ? schema.getQueryType()! : kind === 'Mutation' ? schema.getMutationType()! : schema.getSubscriptionType()!;
    const fields = Object.values(type.getFields());
    const mismatches: string[] = [];
    await Promise.all(
      callers.map(async (caller) => {
        for (const field of fields) {
          const rule = ROOT_FIELD_RULES[kind][field.name];
          expect(rule, `${kind}.${field.name} has no rule`).toBeDefined();
          // signIn needs real credentials to answer without UNAUTHENTICATED (a wrong password is UNAUTHENTICATED by design).
          const overrides = field.name === 'signIn' ? { input: { email: adminEmail, password: `admin-password` } } : {};
          const { query, variables } = operationFor(kind, field, overrides);
          let code: string | null;
          let detail = '';
          if (kind === 'Subscription') {
            code = await subscriptionCode(caller.headers, query, variables);
          } else {
            // signOut ends the session it is called with: a fresh one of the same user.
            const headers = field.name === 'signOut' && caller.freshSession ? await caller.freshSession() : caller.headers;
            const res: GqlResponse = await api.gqlWith(headers, query, variables);
            code = codeOf(res) ?? null;
            detail = res.errors?.[0]?.message ?? '';
            if (code === 'INTERNAL_SERVER_ERROR' || res.status >= 500) mismatches.push(`${caller.label} → ${kind}.${field.name}: ${res.status} ${detail}`);
          }
          const want = expected(rule!, caller);
          const got = code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? code : null;
          if (want !== got) mismatches.push(`${caller.label} → ${kind}.${field.name} (rule ${rule}): expected ${want ?? 'allowed'}, got ${code ?? 'data'} ${detail}`);
        }
      }),
    );
    expect(mismatches).toEqual([]);
  }, 120_000);
});

describe('objects of another workspace', () => {
  it('are NOT_FOUND, not FORBIDDEN, for a caller allowed in its own workspace', async () => {
    const versionId = await approvedRecipeVersion(api, ws, RecipeFamily.FORECASTING, FORECASTING_RULES);
    const model = await registerModel(api, ws, versionId, 'Isolated model');
    const keys = ok(await api.gql('{ apiKeys { edges { node { id } } } workspaceMembers { user { id } } }', {}, ws));
    const keyId = keys.apiKeys.edges[0].node.id;
    const userId = keys.workspaceMembers[0].user.id;
    const asOther = (query: string, variables: Record<string, unknown>) => api.gql(query, variables, otherWs);
    expect(codeOf(await asOther('query($id: ID!) { model(id: $id) { id } }', { id: model.id }))).toBe('NOT_FOUND');
    expect(codeOf(await asOther('mutation($i: TransitionModelInput!) { transitionModel(input: $i) { id } }', { i: { id: model.id, status: 'STAGING', expectedVersion: model.version } }))).toBe('NOT_FOUND');
    expect(codeOf(await asOther('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: keyId }))).toBe('NOT_FOUND');
    expect(codeOf(await asOther('mutation($id: ID!) { removeWorkspaceMember(userId: $id) }', { id: userId }))).toBe('NOT_FOUND');
    expect(codeOf(await asOther('mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { role } }', { i: { userId, role: 'VIEWER' } }))).toBe('NOT_FOUND');
    // Nothing changed in the first workspace.
    expect(ok(await api.gql('query($id: ID!) { model(id: $id) { status } }', { id: model.id }, ws)).model.status).toBe('DRAFT');
  });
});
