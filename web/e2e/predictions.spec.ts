import { expect, test } from '@playwright/test';
import { gql, registerTestModel, uniqueName } from './support';

test('prediction latency: an empty state until predictions are logged, then p50/p95/p99 per hour', async ({ page }) => {
  const model = await registerTestModel(uniqueName('E2E predictions'));
  await page.goto(`/models/${model.id}#predictions`);
  const section = page.locator('#predictions');
  await expect(section).toContainText('No predictions logged');

  const now = Date.now();
  await gql('mutation($input: LogPredictionsInput!) { logPredictions(input: $input) { inserted } }', {
    input: {
      modelId: model.id,
      predictions: Array.from({ length: 60 }, (_, i) => ({
        requestId: `e2e-${i}`,
        inputs: { sku: `s${i % 7}` },
        prediction: 10 + (i % 5),
        latencyMs: 5 + (i % 10) * 3,
        // Three hours: 20 predictions each.
        predictedAt: new Date(now - Math.floor(i / 20) * 3_600_000 - 60_000).toISOString(),
      })),
    },
  });
  await page.reload();
  const chart = page.getByTestId('latency-chart');
  await expect(chart).toHaveAttribute('data-rendered', 'true');
  await expect(section.getByText('Predictions logged')).toBeVisible();
  await expect(section.locator('.facts')).toContainText('60');
});
