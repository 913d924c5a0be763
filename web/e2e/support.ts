import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** The API Playwright started (playwright.config.ts; E2E_API_PORT moves it). */
export const API_URL = `http://localhost:${process.env.E2E_API_PORT || 4010}/graphql`;

/** The demo admin the API seeds on start (e2e/start-api.mjs: SEED_ON_START). */
export const DEMO_ADMIN = { email: 'admin@modelyard.local', password: process.env.DEMO_ADMIN_PASSWORD || 'modelyard-demo' };

/** Written by the setup project (auth.setup.ts), read by the specs: the admin's browser session and the helpers' API key. */
const AUTH_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-results', '.auth');
export const ADMIN_STORAGE_STATE = path.join(AUTH_DIR, 'admin.json');
const API_KEY_FILE = path.join(AUTH_DIR, 'api-key.json');

type GraphQLBody<T> = { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };

/** One request to the API with the given headers; the parsed body and the status, whatever they are. */
export async function rawGql<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLBody<T> }> {
  const response = await fetch(API_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody<T> };
}

let apiKey: string | null = null;

/** Forgets the helpers' API key (the setup project starts each run with a new one: the API's database is new). */
export function forgetHelperApiKey(): void {
  apiKey = null;
  rmSync(API_KEY_FILE, { force: true });
}

/**
 * The ADMIN API key the helpers call the API with (`Authorization: Bearer myk_…`), as an integrator
 * would: created once per test run by signing in as the demo admin, kept in test-results/.auth.
 */
export async function helperApiKey(): Promise<string> {
  if (apiKey) return apiKey;
  if (existsSync(API_KEY_FILE)) {
    apiKey = (JSON.parse(readFileSync(API_KEY_FILE, 'utf8')) as { secret: string }).secret;
    return apiKey;
  }
  const signIn = await rawGql<{ signIn: { token: string } }>('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: DEMO_ADMIN });
  const token = signIn.body.data?.signIn.token;
  if (!token) throw new Error(`Demo admin sign-in failed: ${JSON.stringify(signIn.body.errors ?? signIn.status)}`);
  const created = await rawGql<{ createApiKey: { secret: string } }>(
    'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
    { i: { name: 'e2e', role: 'ADMIN' } },
    { authorization: `Bearer ${token}` },
  );
  const secret = created.body.data?.createApiKey.secret;
  if (!secret) throw new Error(`Creating the helpers' API key failed: ${JSON.stringify(created.body.errors ?? created.status)}`);
  mkdirSync(AUTH_DIR, { recursive: true });
  writeFileSync(API_KEY_FILE, JSON.stringify({ secret }));
  apiKey = secret;
  return secret;
}

/** Calls the real API the way an integrator would (with an API key); throws with the GraphQL errors, if any. */
export async function gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { status, body } = await rawGql<T>(query, variables, { authorization: `Bearer ${await helperApiKey()}` });
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  if (!body.data) throw new Error(`No data (HTTP ${status})`);
  return body.data;
}

/** Signs in through the sign-in page (the page must be on it) and waits until the page asked for opens. */
export async function signInThroughPage(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

export async function modelByName(name: string): Promise<{ id: string; name: string }> {
  const data = await gql<{ models: { edges: Array<{ node: { id: string; name: string } }> } }>(
    'query($q: String!) { models(first: 10, filter: { search: $q }) { edges { node { id name } } } }',
    { q: name },
  );
  const model = data.models.edges.map((e) => e.node).find((m) => m.name === name);
  if (!model) throw new Error(`No model named ${name}`);
  return model;
}

export async function recipeByName(name: string): Promise<{ id: string; name: string }> {
  const data = await gql<{ recipes: { edges: Array<{ node: { id: string; name: string } }> } }>(
    'query($q: String!) { recipes(first: 10, filter: { search: $q }) { edges { node { id name } } } }',
    { q: name },
  );
  const recipe = data.recipes.edges.map((e) => e.node).find((r) => r.name === name);
  if (!recipe) throw new Error(`No recipe named ${name}`);
  return recipe;
}

/** A QUEUED run moved to RUNNING, as a training pipeline reports it. */
export async function startRun(modelId: string): Promise<string> {
  const { createRun } = await gql<{ createRun: { id: string } }>(
    'mutation($m: ID!) { createRun(input: { modelId: $m, type: TRAIN, trigger: API, params: [{ key: "alpha", value: "0.3" }] }) { id } }',
    { m: modelId },
  );
  await gql('mutation($r: ID!) { updateRunStatus(input: { runId: $r, status: RUNNING }) { id } }', { r: createRun.id });
  return createRun.id;
}

/**
 * Records the subscriptions the page starts over graphql-ws (the `subscribe` messages it sends).
 * Call before `page.goto`. `started(...)` waits until the named operations are on their way and
 * the "Live" indicator shows the connection. The API attaches its listener while it handles that
 * message, which in practice is done before a mutation the test sends next has committed; where a
 * missed first event would fail a test, the test repeats an idempotent event until the page shows
 * it (run-live.spec.ts) instead of relying on that.
 */
export function trackSubscriptions(page: Page) {
  const sent = new Set<string>();
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string') return;
      try {
        const message = JSON.parse(payload) as { type?: string; payload?: { operationName?: string | null; query?: string } };
        if (message.type !== 'subscribe') return;
        const name = message.payload?.operationName ?? /subscription\s+(\w+)/.exec(message.payload?.query ?? '')?.[1];
        if (name) sent.add(name);
      } catch {
        // Not a graphql-ws JSON message.
      }
    });
  });
  return {
    async started(...names: string[]): Promise<void> {
      await expect
        .poll(() => names.filter((name) => !sent.has(name)), { message: `subscriptions started: ${names.join(', ')}`, timeout: 20_000 })
        .toEqual([]);
      await expect(page.locator('.live--connected')).toBeVisible();
    },
  };
}

/**
 * Marks the loaded document; `expectNoReload` checks later that the page was updated in place
 * (a reload or a full navigation would have dropped the mark; client-side refreshes keep it).
 */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __e2eDocument?: string }).__e2eDocument = 'unchanged';
  });
}

export async function expectNoReload(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __e2eDocument?: string }).__e2eDocument)).toBe('unchanged');
}

/**
 * Full-page screenshot for reviewers: web/test-results/screenshots/<name>.png (git-ignored,
 * replaced on every run).
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'screenshots', `${name}.png`), fullPage: true, animations: 'disabled' });
}

/**
 * A fresh DRAFT model of its own (registered from the family's approved baseline recipe), so that a
 * test's snapshots, predictions, A/B tests and experiments touch no seeded model.
 */
export async function registerTestModel(name: string, family: 'FORECASTING' | 'PRICING' | 'NEXT_BEST_ACTION' | 'LOCATION_SCORING' = 'PRICING'): Promise<{ id: string; name: string }> {
  const data = await gql<{ recipes: { edges: Array<{ node: { latestVersion: { id: string } | null } }> } }>(
    'query($f: RecipeFamily!) { recipes(first: 10, filter: { family: $f, status: APPROVED, level: BASELINE }) { edges { node { latestVersion { id } } } } }',
    { f: family },
  );
  const versionId = data.recipes.edges.map((e) => e.node.latestVersion?.id).find(Boolean);
  if (!versionId) throw new Error(`No approved ${family} recipe`);
  const { registerModel } = await gql<{ registerModel: { id: string; name: string } }>(
    'mutation($v: ID!, $n: String!) { registerModel(input: { recipeVersionId: $v, name: $n, owner: "e2e" }) { id name } }',
    { v: versionId, n: name },
  );
  return registerModel;
}

/** A name no earlier run of the tests used (the API's database lives as long as the test run). */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
