import { expect, test } from '@playwright/test';
import { gql, modelByName, startRun, waitForLive } from './support';

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

test('a raised alert shows a toast and increments the badge; acknowledging it updates the alert centre', async ({ page }) => {
  const model = await modelByName('Markdown Price Optimizer');
  await clearRunFailedAlerts(model.id);
  const before = await openCount();

  await page.goto('/alerts');
  const badge = page.getByTestId('alert-badge');
  await expect(badge).toHaveAttribute('data-count', String(before));
  await waitForLive(page);

  // A run fails through the API: the API raises a RUN_FAILED alert.
  const runId = await startRun(model.id);
  await gql('mutation($r: ID!) { updateRunStatus(input: { runId: $r, status: FAILED, error: "OutOfMemoryError: e2e" }) { id } }', { r: runId });

  const toast = page.getByTestId('alert-toast').first();
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('Markdown Price Optimizer');
  await expect(badge).toHaveAttribute('data-count', String(before + 1));

  // The alert centre shows it live; acknowledge it there.
  const row = page.locator('tr', { hasText: 'OutOfMemoryError: e2e' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('OPEN');
  await row.getByRole('button', { name: /^Acknowledge/ }).click();
  await expect(row).toContainText('ACKNOWLEDGED');
  await expect(badge).toHaveAttribute('data-count', String(before));

  // Resolve it with a note: it leaves the active view.
  await row.getByRole('button', { name: /^Resolve/ }).click();
  await row.getByLabel(/Resolution note/).fill('Raised the worker memory limit');
  await row.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(page.locator('tr', { hasText: 'OutOfMemoryError: e2e' })).toHaveCount(0);
  await page.goto('/alerts?status=RESOLVED');
  await expect(page.locator('tr', { hasText: 'OutOfMemoryError: e2e' })).toContainText('RESOLVED');
});
