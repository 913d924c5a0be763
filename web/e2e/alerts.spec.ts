import { expect, test } from '@playwright/test';
import { expectNoReload, gql, markDocument, modelByName, screenshot, startRun, trackSubscriptions } from './support';

/** Resolves the model's open RUN_FAILED alerts, so that a new failure raises a new alert (not a repeat). */
async function clearRunFailedAlerts(modelId: string) {
  const data = await gql<{ alerts: { edges: Array<{ node: { id: string } }> } }>(
    'query($m: ID!) { alerts(first: 50, filter: { modelId: $m, types: [RUN_FAILED], statuses: [OPEN, ACKNOWLEDGED] }) { edges { node { id } } } }',
    { m: modelId },
  );
  for (const { node } of data.alerts.edges) await gql('mutation($id: ID!) { resolveAlert(id: $id, note: "e2e") { id } }', { id: node.id });
}

async function openCount(): Promise<number> {
  const data = await gql<{ alertCounts: { open: number } }>('{ alertCounts { open } }');
  return data.alertCounts.open;
}

test('a raised alert shows a toast and increments the badge; acknowledging it updates the alert centre', async ({ page }, testInfo) => {
  const model = await modelByName('Markdown Price Optimizer');
  await clearRunFailedAlerts(model.id);
  const before = await openCount();
  expect(before).toBeGreaterThan(0); // the seeded workspace has open alerts: the badge is shown

  const live = trackSubscriptions(page);
  await page.goto('/alerts');
  const badge = page.getByTestId('alert-badge');
  const openCard = page.getByTestId('open-count');
  await expect(badge).toHaveAttribute('data-count', String(before));
  await expect(badge).toHaveText(String(before));
  await expect(openCard).toHaveText(String(before));
  await expect(page.locator('tr', { hasText: 'OutOfMemoryError: e2e' })).toHaveCount(0);
  await live.started('AlertRaisedToast', 'AlertUpdatedBadge');
  await markDocument(page);

  // A run fails through the API: the API raises a RUN_FAILED alert.
  const runId = await startRun(model.id);
  await gql('mutation($r: ID!) { updateRunStatus(input: { runId: $r, status: FAILED, error: "OutOfMemoryError: e2e" }) { id } }', { r: runId });

  const toast = page.getByTestId('alert-toast').filter({ hasText: 'OutOfMemoryError: e2e' });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('Markdown Price Optimizer');
  await expect(toast).toContainText('Run failed');
  await expect(badge).toHaveAttribute('data-count', String(before + 1));
  await expect(badge).toHaveText(String(before + 1));

  // The alert centre shows it live; acknowledge it there.
  const row = page.locator('tr', { hasText: 'OutOfMemoryError: e2e' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('OPEN');
  await expect(openCard).toHaveText(String(before + 1));
  await screenshot(page, testInfo, 'alerts');
  await expectNoReload(page);

  await row.getByRole('button', { name: /^Acknowledge/ }).click();
  await expect(row).toContainText('ACKNOWLEDGED');
  await expect(row.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(0);
  await expect(badge).toHaveAttribute('data-count', String(before));
  await expect(openCard).toHaveText(String(before));
  expect(await openCount()).toBe(before);

  // Resolve it with a note: it leaves the active view.
  await row.getByRole('button', { name: /^Resolve/ }).click();
  await row.getByLabel(/Resolution note/).fill('Raised the worker memory limit');
  await row.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(page.locator('tr', { hasText: 'OutOfMemoryError: e2e' })).toHaveCount(0);
  await page.goto('/alerts?status=RESOLVED');
  await expect(page.locator('tr', { hasText: 'OutOfMemoryError: e2e' })).toContainText('RESOLVED');
});
