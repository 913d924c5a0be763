import { expect, test } from '@playwright/test';
import { gql, modelByName, screenshot, startRun, trackSubscriptions } from './support';

test('the playground loads GraphiQL offline, runs the example query and a subscription', async ({ page }, testInfo) => {
  // Loading GraphiQL and its schema (several hundred types) takes a while on a busy 2-core machine.
  test.setTimeout(120_000);
  const external: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['localhost', '127.0.0.1'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) external.push(request.url());
  });

  const live = trackSubscriptions(page);
  await page.goto('/playground');
  await expect(page.locator('.graphiql-container')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('tab', { name: 'ModelWithRuns' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'ReportRun' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'RunUpdates' })).toBeVisible();

  // The example query.
  await page.locator('.graphiql-execute-button').click();
  await expect(page.locator('.graphiql-response')).toContainText('Retail Demand Forecast', { timeout: 30_000 });
  await expect(page.locator('.graphiql-response')).toContainText('latestEvaluation');

  // The docs explorer, from the schema.
  await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
  await expect(page.locator('.graphiql-doc-explorer')).toContainText('Query');
  await screenshot(page, testInfo, 'playground');

  // A subscription over graphql-ws: start it, then change a run through the API.
  await page.getByRole('tab', { name: 'RunUpdates' }).click();
  // Execute only once the editor holds the subscription: under load, a click right after switching
  // tabs can still run the previous tab's query.
  await expect(page.getByRole('tab', { name: 'RunUpdates' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.graphiql-query-editor')).toContainText('subscription RunUpdates');
  await page.locator('.graphiql-execute-button').click();
  await live.started('RunUpdates');
  const model = await modelByName('Retention Next Best Offer');
  const runId = await startRun(model.id);
  // (Monaco wraps long lines, so look for the event's parts rather than the whole id.)
  await expect(page.locator('.graphiql-response')).toContainText('runUpdated', { timeout: 20_000 });
  await expect(page.locator('.graphiql-response')).toContainText(runId.slice(0, 8));
  await expect(page.locator('.graphiql-response')).toContainText('RUNNING');
  await gql('mutation($r: ID!) { updateRunStatus(input: { runId: $r, status: CANCELLED }) { id } }', { r: runId });
  await expect(page.locator('.graphiql-response')).toContainText('CANCELLED');
  await screenshot(page, testInfo, 'playground-subscription');

  expect(external).toEqual([]);
});
