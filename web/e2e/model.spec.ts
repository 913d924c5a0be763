import { expect, test } from '@playwright/test';
import { screenshot } from './support';

test('library → model → run: the seeded numbers, charts and evaluation table', async ({ page }, testInfo) => {
  await page.goto('/?tab=models');
  await page.getByRole('link', { name: 'Retail Demand Forecast' }).click();
  await expect(page).toHaveURL(/\/models\/[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { level: 1, name: 'Retail Demand Forecast' })).toBeVisible();
  await expect(page.locator('.page-header').getByText('PRODUCTION')).toBeVisible();

  // Runs of the model: the seeded 3 (eval succeeded, train failed, backtest failed).
  const runs = page.locator('#runs table.data-table tbody tr');
  await expect(runs).toHaveCount(3);

  // Evaluation results per pack, per metric, with thresholds.
  const evaluation = page.getByTestId('evaluation-result').first();
  await expect(evaluation).toContainText('Forecasting Standard Evaluation');
  await expect(evaluation).toContainText('Evaluation WARN: 4/5 metrics passed, 1 warning');
  const mape = evaluation.locator('tr', { has: page.locator('th', { hasText: 'MAPE' }) });
  await expect(mape).toContainText('0.142');
  await expect(mape).toContainText('PASS');
  await expect(mape).toContainText('≤ 0.25');

  // Monitoring charts are drawn on canvases: one trend per metric, the drift heatmap, freshness.
  const trends = page.getByTestId('metric-trends').locator('[data-testid=chart][data-rendered=true]');
  await expect(trends).toHaveCount(5);
  await expect(page.getByTestId('metric-trends').locator('canvas').first()).toBeVisible();
  await expect(page.locator('[data-testid=drift-heatmap] canvas').first()).toBeVisible();
  await expect(page.locator('[data-testid=drift-heatmap]')).toHaveAttribute('data-rendered', 'true');
  await screenshot(page, testInfo, 'model');

  // Server-side run filter through the URL.
  await page.getByLabel('Status').first().selectOption('FAILED');
  await expect(page).toHaveURL(/rstatus=FAILED/);
  await expect(runs).toHaveCount(2);
  await page.getByLabel('Status').first().selectOption('');

  // Drill down to the succeeded eval run.
  await page.locator('#runs').getByRole('link', { name: /^Eval / }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED');
  await expect(page.getByRole('table', { name: 'Final metrics' })).toContainText('0.142');
  await expect(page.getByRole('table', { name: 'Params' })).toContainText('holdout_days');
  await expect(page.locator('[data-testid=run-curves] canvas').first()).toBeVisible();
  await expect(page.getByTestId('run-log')).toContainText('Run succeeded');
  await expect(page.getByText('predictions.parquet', { exact: true })).toBeVisible();
  await screenshot(page, testInfo, 'run');
});

test('compare runs: pick runs in a table, see them side by side', async ({ page }, testInfo) => {
  await page.goto('/?tab=runs&status=SUCCEEDED');
  const boxes = page.locator('table.data-table tbody input[type=checkbox]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await boxes.nth(2).check();
  await page.getByRole('link', { name: 'Compare 3 runs' }).click();
  await expect(page).toHaveURL(/\/compare\?runs=([0-9a-f-]{36},){2}[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Compare runs' })).toBeVisible();
  await expect(page.locator('.run-chip')).toHaveCount(3);
  await expect(page.getByRole('heading', { name: 'Final metrics' })).toBeVisible();
  await expect(page.locator('[data-testid=compare-curves] canvas')).toBeVisible();
  await screenshot(page, testInfo, 'compare');
});

test('an unknown model shows the API error with its code, not a blank page', async ({ page }) => {
  await page.goto('/models/00000000-0000-4000-8000-000000000000');
  await expect(page.locator('.error-panel')).toContainText('NOT_FOUND');
});
