import { expect, type Page, test } from '@playwright/test';
import { expectNoReload, gql, markDocument, modelByName, screenshot, startRun, trackSubscriptions } from './support';

/**
 * Reports progress for a running run until the open page's progress bar shows it. The first event
 * after the page subscribed is sent again until it arrives, so that the test does not depend on
 * when exactly the API attached its listener; every later event is sent once.
 */
async function reportProgressUntilShown(page: Page, runId: string, fraction: number) {
  const bar = page.getByRole('progressbar', { name: 'Progress' });
  await expect(async () => {
    await gql('mutation($r: ID!, $p: Float!) { reportRunProgress(input: { runId: $r, progress: $p }) { id } }', { r: runId, p: fraction });
    await expect(bar).toHaveAttribute('aria-valuenow', String(Math.round(fraction * 100)), { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

test('an open run page follows the run reported through the API: progress, log, metrics, status — without a reload', async ({ page }, testInfo) => {
  const model = await modelByName('Store Site Scorer');
  const runId = await startRun(model.id);
  await gql('mutation($r: ID!) { appendRunLogs(input: { runId: $r, lines: [{ message: "epoch 1/3 loss=0.91" }] }) { seq } }', { r: runId });

  const live = trackSubscriptions(page);
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'RUNNING');
  await expect(page.locator('.page-header')).toContainText('API train of Store Site Scorer');
  await expect(page.getByTestId('run-log')).toContainText('epoch 1/3 loss=0.91');
  await expect(page.getByRole('status').filter({ hasText: 'tailing live' })).toBeVisible();
  await live.started('RunLiveUpdated', 'RunLogAppended');
  await markDocument(page);

  // Progress reported by the pipeline moves the bar.
  await reportProgressUntilShown(page, runId, 0.4);
  await expect(page.getByTestId('run-status')).toContainText('40%');

  // A line appended through the API appears while the page stays open.
  await gql('mutation($r: ID!) { appendRunLogs(input: { runId: $r, lines: [{ message: "epoch 2/3 loss=0.64", level: WARN }] }) { seq } }', {
    r: runId,
  });
  await expect(page.getByTestId('run-log')).toContainText('epoch 2/3 loss=0.64');
  await expect(page.getByTestId('run-log').locator('[data-seq]')).toHaveCount(2);
  await expect(page.getByTestId('run-log').locator('[data-seq="2"]')).toContainText('WARN');
  await screenshot(page, testInfo, 'run-live');

  // Metrics and the final status arrive live; the evaluation appears once the run succeeded.
  await expect(page.getByText('No metric history')).toBeVisible();
  await gql('mutation($r: ID!) { logRunMetrics(input: { runId: $r, points: [{ key: "loss", step: 0, value: 0.91 }, { key: "loss", step: 1, value: 0.64 }] }) { id } }', {
    r: runId,
  });
  await expect(page.locator('[data-testid=run-curves] canvas').first()).toBeVisible();
  await expect(page.getByTestId('run-curves')).toContainText('loss');
  await gql(
    `mutation($r: ID!) { updateRunStatus(input: { runId: $r, status: SUCCEEDED, metrics: [
      { key: "rank_correlation", value: 0.71 }, { key: "calibration", value: 0.05 }, { key: "hit_rate_at_10", value: 0.6 },
      { key: "lift_top_decile", value: 2.5 }, { key: "geographic_coverage", value: 0.95 }] }) { id } }`,
    { r: runId },
  );
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED');
  await expect(page.getByTestId('run-status')).toContainText('SUCCEEDED');
  await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveCount(0);
  const metrics = page.getByRole('table', { name: 'Final metrics' });
  await expect(metrics.locator('[data-metric=rank_correlation]')).toHaveText('0.71');
  await expect(metrics.locator('[data-metric=lift_top_decile]')).toHaveText('2.5');
  await expect(page.getByTestId('evaluation-result')).toContainText('Location Scoring Standard Evaluation');
  await expect(page.getByRole('status').filter({ hasText: 'tailing live' })).toHaveCount(0);
  await expectNoReload(page);
});

test('a run that fails while its page is open shows the failure and its error without a reload', async ({ page }) => {
  const model = await modelByName('Store Site Scorer v2');
  const runId = await startRun(model.id);

  const live = trackSubscriptions(page);
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'RUNNING');
  await live.started('RunLiveUpdated');
  await markDocument(page);
  await reportProgressUntilShown(page, runId, 0.9);
  await expect(page.getByRole('region', { name: 'Run error' })).toHaveCount(0);

  await gql('mutation($r: ID!) { updateRunStatus(input: { runId: $r, status: FAILED, error: "CUDA error: device-side assert (e2e)" }) { id } }', {
    r: runId,
  });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'FAILED');
  await expect(page.getByRole('region', { name: 'Run error' })).toContainText('CUDA error: device-side assert (e2e)');
  await expectNoReload(page);
});
