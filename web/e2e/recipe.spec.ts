import { expect, type Page, test } from '@playwright/test';
import { gql, recipeByName, screenshot } from './support';

async function replaceManifest(page: Page, manifest: unknown) {
  await page.locator('[data-testid=manifest-editor] .cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(JSON.stringify(manifest, null, 2));
}

test('the manifest editor shows path-level errors, then saves a valid manifest as a new version with its diff', async ({ page }, testInfo) => {
  const recipe = await recipeByName('Forecasting Baseline');
  const { recipe: current } = await gql<{ recipe: { latestVersion: { version: string; manifest: any } } }>(
    'query($id: ID!) { recipe(id: $id) { latestVersion { version manifest } } }',
    { id: recipe.id },
  );
  await page.goto(`/recipes/${recipe.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Forecasting Baseline' })).toBeVisible();
  await expect(page.locator('tr[data-version="1.0.0"]')).toBeVisible();
  await screenshot(page, testInfo, 'recipe');
  await page.getByRole('button', { name: 'Edit manifest' }).click();

  // Invalid: the schema's problems appear with their JSON paths while typing…
  await replaceManifest(page, { ...current.latestVersion.manifest, metadata: { ...current.latestVersion.manifest.metadata, name: 42 }, monitoring: undefined });
  const problems = page.getByTestId('manifest-problems');
  await expect(problems).toContainText('manifest.metadata.name');
  await expect(problems).toContainText('must be string');
  await expect(problems).toContainText('manifest.monitoring');
  // …and are underlined where they are (the editor draws the lines in view: go to the top).
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();

  // …and saving anyway shows the API's VALIDATION_FAILED problems; no version is created.
  await page.getByLabel('Change note (required)').fill('Broken on purpose');
  await page.getByRole('button', { name: 'Save as new version' }).click();
  await expect(problems).toContainText('input.manifest.metadata.name');
  await screenshot(page, testInfo, 'recipe-invalid-manifest');

  // Valid: a changed training setting.
  const changed = structuredClone(current.latestVersion.manifest);
  changed.pipeline.training.max_iter = 350;
  await replaceManifest(page, changed);
  await expect(problems).toContainText('The manifest is valid.');
  await page.getByLabel('Change note (required)').fill('More iterations for the optimiser');
  await page.getByLabel('Version bump').selectOption('MINOR');
  await page.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByText('Saved as version 1.1.0.')).toBeVisible();

  // The new version is listed, and its patch from the previous one is shown.
  await expect(page.locator('tr[data-version="1.1.0"]')).toContainText('More iterations for the optimiser');
  const diff = page.getByTestId('version-diff');
  await expect(diff.getByLabel('To')).toHaveValue('1.1.0');
  await expect(diff.getByLabel('From')).toHaveValue('1.0.0');
  const op = diff.locator('tr', { hasText: '/pipeline/training/max_iter' });
  await expect(op).toContainText('replace');
  await expect(op).toContainText('350');
  await screenshot(page, testInfo, 'recipe-diff');
});

test('a cloned recipe starts in draft and can be approved; only allowed actions are offered', async ({ page }) => {
  const recipe = await recipeByName('Pricing Optimization Baseline');
  await page.goto(`/recipes/${recipe.id}`);
  // An approved baseline: Archive and Clone, no Approve.
  const actions = page.getByRole('group', { name: 'Recipe actions' });
  await expect(actions.getByRole('button', { name: 'Archive' })).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  await actions.getByRole('button', { name: 'Clone…' }).click();
  await page.getByLabel('Name').fill('Grocery Pricing (e2e)');
  await page.getByRole('button', { name: 'Create clone' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grocery Pricing (e2e)' })).toBeVisible();
  await expect(page.locator('.page-header').getByText('DRAFT', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Lineage', { exact: true })).toContainText('Pricing Optimization Baseline');

  await page.getByRole('group', { name: 'Recipe actions' }).getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator('.page-header').getByText('APPROVED', { exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Recipe actions' }).getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Recipe actions' }).getByRole('button', { name: 'Archive' })).toBeVisible();
  // The approval is stored, not only shown.
  await page.reload();
  await expect(page.locator('.page-header').getByText('APPROVED', { exact: true })).toBeVisible();
});
