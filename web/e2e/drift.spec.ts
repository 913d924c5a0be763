import { expect, test } from '@playwright/test';
import { gql, registerTestModel, screenshot, uniqueName } from './support';

const CHANNELS = ['web', 'store', 'app'];

/** Deterministic "random" numbers (the same every run). */
function series(n: number, seed: number, f: (u: number, i: number) => number): number[] {
  let s = seed;
  return Array.from({ length: n }, (_, i) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return f(s / 2 ** 31, i);
  });
}

test('drift: heatmap over snapshots, and a feature’s reference vs current distribution with its statistics', async ({ page }, testInfo) => {
  const model = await registerTestModel(uniqueName('E2E drift'));

  // Before any data: the section says what to do.
  await page.goto(`/models/${model.id}#drift`);
  const drift = page.locator('#drift');
  await expect(drift).toContainText('No drift in this window');
  await expect(drift).toContainText('Upload reference data with uploadReferenceProfile');
  await expect(drift).toContainText('No reference profiles');

  // Reference data (400 rows: KS and chi-square decide), then two samples: one like the reference,
  // then one with the price shifted and the channels mixed differently.
  await gql('mutation($input: UploadReferenceProfileInput!) { uploadReferenceProfile(input: $input) { id } }', {
    input: {
      modelId: model.id,
      features: [
        { feature: 'price', values: series(400, 7, (u) => 20 + 10 * u) },
        { feature: 'channel', categories: series(400, 11, (u) => Math.floor(u * 3)).map((k) => CHANNELS[k]!) },
      ],
    },
  });
  const sample = (recordedAt: string, shift: number, mix: (u: number) => number) =>
    gql('mutation($input: RecordMonitorSampleInput!) { recordMonitorSample(input: $input) { id datasetDrifted } }', {
      input: {
        modelId: model.id,
        recordedAt,
        columns: [
          { feature: 'price', values: series(300, 13, (u) => 20 + shift + 10 * u) },
          { feature: 'channel', categories: series(300, 17, mix).map((k) => CHANNELS[k]!) },
        ],
      },
    });
  await sample(new Date(Date.now() - 3_600_000).toISOString(), 0, (u) => Math.floor(u * 3));
  const latest = await sample(new Date().toISOString(), 6, (u) => (u < 0.7 ? 0 : u < 0.85 ? 1 : 2));
  expect(latest.recordMonitorSample.datasetDrifted).toBe(true);

  await page.reload();
  const heatmap = page.getByTestId('drift-heatmap');
  await expect(heatmap).toHaveAttribute('data-rendered', 'true');
  await expect(heatmap.locator('canvas').first()).toBeVisible();

  // The newest sample's distributions: the first drifted feature is shown with its statistics.
  const histogram = page.getByTestId('drift-histogram');
  await expect(histogram).toHaveAttribute('data-rendered', 'true');
  const feature = page.getByRole('combobox', { name: 'Feature', exact: true });
  await expect(feature).toHaveValue('price');
  const statistics = page.getByTestId('drift-statistics');
  await expect(statistics.locator('.chart-card__title')).toContainText('price');
  await expect(statistics).toContainText('Decision: Kolmogorov–Smirnov');
  await expect(statistics).toContainText('DRIFTED');
  await expect(statistics).toContainText('PSI');
  await expect(statistics).toContainText('Wasserstein, normed');
  await expect(statistics.getByRole('row', { name: /Reference rows/ })).toContainText('400');
  await expect(statistics.getByRole('row', { name: /Current rows/ })).toContainText('300');
  await expect(page.getByTestId('drift-distribution')).toContainText('2 of 2 features drifted');
  await screenshot(page, testInfo, 'drift');

  // Another feature: its own histogram and test.
  await feature.selectOption('channel');
  await expect(statistics.locator('.chart-card__title')).toContainText('channel');
  await expect(histogram).toHaveAttribute('data-rendered', 'true');
  await expect(statistics).toContainText('Decision: Chi-square');
  await expect(statistics).toContainText('Jensen–Shannon distance');

  // The reference profiles the drift was measured against.
  const profiles = page.getByRole('table', { name: 'Reference profiles' });
  await expect(profiles.getByRole('row', { name: /price/ })).toContainText('Upload');
  await expect(profiles.getByRole('row', { name: /price/ })).toContainText('400');
  await expect(profiles.getByRole('row', { name: /channel/ })).toContainText('3 categories');
});
