import path from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** The API Playwright started (playwright.config.ts; E2E_API_PORT moves it). */
export const API_URL = `http://localhost:${process.env.E2E_API_PORT || 4010}/graphql`;

/** Calls the real API the way an integrator would; throws with the GraphQL errors, if any. */
export async function gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(API_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-actor': 'e2e' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  if (!body.data) throw new Error(`No data (HTTP ${response.status})`);
  return body.data;
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
