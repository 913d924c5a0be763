import { expect, test } from '@playwright/test';
import { gql, modelByName, startRun, waitForLive } from './support';

test('a running run tails its log and shows status changes without a reload', async ({ page }) => {
  const model = await modelByName('Store Site Scorer');
  const runId = await startRun(model.id);
  await gql('mutation($r: ID!) { appendRunLogs(input: { runId: $r, lines: [{ message: "epoch 1/3 loss=0.91" }] }) { seq } }', { r: runId });

  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'RUNNING');
  await expect(page.getByTestId('run-log')).toContainText('epoch 1/3 loss=0.91');
  await waitForLive(page);

  // A line appended through the API appears while the page stays open.
  await gql('mutation($r: ID!) { appendRunLogs(input: { runId: $r, lines: [{ message: "epoch 2/3 loss=0.64", level: WARN }] }) { seq } }', {
    r: runId,
  });
  await expect(page.getByTestId('run-log')).toContainText('epoch 2/3 loss=0.64');
  await expect(page.getByTestId('run-log').locator('[data-seq]')).toHaveCount(2);

  // Metrics and the final status arrive live; the evaluation appears once the run succeeded.
  await gql('mutation($r: ID!) { logRunMetrics(input: { runId: $r, points: [{ key: "loss", step: 0, value: 0.91 }, { key: "loss", step: 1, value: 0.64 }] }) { id } }', {
    r: runId,
  });
  await gql(
    `mutation($r: ID!) { updateRunStatus(input: { runId: $r, status: SUCCEEDED, metrics: [
      { key: "rank_correlation", value: 0.71 }, { key: "calibration", value: 0.05 }, { key: "hit_rate_at_10", value: 0.6 },
      { key: "lift_top_decile", value: 2.5 }, { key: "geographic_coverage", value: 0.95 }] }) { id } }`,
    { r: runId },
  );
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED');
  await expect(page.getByRole('table', { name: 'Final metrics' })).toContainText('0.71');
  await expect(page.getByTestId('evaluation-result')).toContainText('Location Scoring Standard Evaluation');
  await expect(page.getByTestId('run-log')).not.toContainText('tailing live');
});
