import type { Page, TestInfo } from '@playwright/test';

/** The API Playwright started (playwright.config.ts). */
export const API_URL = 'http://localhost:4010/graphql';

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

/** Waits until the page's live channel (graphql-ws) is connected. */
export async function waitForLive(page: Page): Promise<void> {
  await page.locator('.live--connected').waitFor({ timeout: 20_000 });
}

/** Full-page screenshot for reviewers (written under test-results/, not committed). */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}
