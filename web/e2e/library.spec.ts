import { expect, test } from '@playwright/test';
import { screenshot } from './support';

test('the library shows the seeded recipes and models, with counts per tab', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
  await expect(page.getByTestId('tab-recipes')).toContainText('4');
  await expect(page.getByTestId('tab-models')).toContainText('6');
  await expect(page.getByTestId('tab-runs')).toContainText('19');
  await expect(page.getByTestId('tab-packs')).toContainText('4');

  const recipes = page.locator('table.data-table tbody tr');
  await expect(recipes).toHaveCount(4);
  for (const name of ['Forecasting Baseline', 'Pricing Optimization Baseline', 'Next Best Action Baseline', 'Location Scoring Baseline']) {
    await expect(page.getByRole('link', { name })).toBeVisible();
  }
  await screenshot(page, testInfo, 'library');

  await page.getByTestId('tab-models').click();
  await expect(page).toHaveURL(/\?tab=models/);
  await expect(page.locator('table.data-table tbody tr')).toHaveCount(6);
  await expect(page.getByRole('link', { name: 'Retail Demand Forecast' })).toBeVisible();
});

test('filters and search live in the URL, so a view can be shared', async ({ page }, testInfo) => {
  // Opening a shared URL restores the view.
  await page.goto('/?tab=models&family=PRICING');
  await expect(page.locator('table.data-table tbody tr')).toHaveCount(2);
  await expect(page.getByLabel('Family')).toHaveValue('PRICING');

  // Changing a filter changes the URL.
  await page.getByLabel('Status').selectOption('PRODUCTION');
  await expect(page).toHaveURL(/family=PRICING/);
  await expect(page).toHaveURL(/status=PRODUCTION/);
  await expect(page.locator('table.data-table tbody tr')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Markdown Price Optimizer' })).toBeVisible();

  // Search.
  await page.goto('/?tab=models');
  await page.getByRole('searchbox', { name: 'Search' }).fill('scorer');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=scorer/);
  await expect(page).toHaveURL(/tab=models/);
  const rows = page.locator('table.data-table tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Store Site Scorer', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Store Site Scorer v2', exact: true })).toBeVisible();
  await expect(page.getByTestId('tab-models')).toContainText('2');
  // The URL alone restores the search.
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('scorer');
  await expect(rows).toHaveCount(2);
  await screenshot(page, testInfo, 'library-models-search');

  // Runs: filter by status and type; nothing matches → an empty state, not an empty table.
  await page.goto('/?tab=runs&status=FAILED');
  await expect(page.getByTestId('tab-runs')).toContainText('9');
  await page.getByLabel('Type').selectOption('BACKTEST');
  await expect(page).toHaveURL(/type=BACKTEST/);
  await expect(page.locator('table.data-table tbody tr')).toHaveCount(2);
  await page.goto('/?tab=runs&status=CANCELLED');
  await expect(page.getByText('No runs match these filters')).toBeVisible();
  await screenshot(page, testInfo, 'library-runs-empty');
});
