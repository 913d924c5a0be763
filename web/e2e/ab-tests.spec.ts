import { expect, test } from '@playwright/test';
import { expectNoReload, gql, markDocument, registerTestModel, screenshot, trackSubscriptions, uniqueName } from './support';

/** Values around `mean`: the same spread in both arms, so B − A is exactly the difference of the means. */
const values = (n: number, mean: number) => Array.from({ length: n }, (_, i) => mean + ((i % 21) - 10) / 10);

async function observe(abTestId: string, arm: 'A' | 'B', list: number[]) {
  await gql('mutation($input: RecordAbObservationsInput!) { recordAbObservations(input: $input) { id } }', { input: { abTestId, arm, values: list } });
}

test('an A/B test with observations shows each arm, the winner and the interval; it updates live and is concluded by clicking', async ({ page }, testInfo) => {
  const [a, b] = [await registerTestModel(uniqueName('E2E arm A')), await registerTestModel(uniqueName('E2E arm B'))];
  const name = uniqueName('E2E revenue test');
  const { startAbTest } = await gql<{ startAbTest: { id: string } }>(
    'mutation($input: StartAbTestInput!) { startAbTest(input: $input) { id } }',
    {
      input: { name, modelAId: a.id, modelBId: b.id, metric: 'revenue_per_visit', kind: 'MEAN', split: 0.5, minimumDetectableEffect: 0.05, standardDeviation: 1 },
    },
  );
  await observe(startAbTest.id, 'A', values(200, 10));
  await observe(startAbTest.id, 'B', values(200, 10.5));

  const live = trackSubscriptions(page);
  await page.goto(`/ab-tests/${startAbTest.id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('ab-test-status')).toHaveAttribute('data-status', 'RUNNING');
  await expect(page.getByTestId('ab-winner')).toContainText(`B · ${b.name}`);
  await expect(page.getByTestId('ab-verdict')).toContainText('B is better: p < 0.0001');
  await expect(page.getByTestId('ab-interval')).toHaveText(/^0\.5 \[0\.\d+, 0\.\d+\]$/);
  await expect(page.getByTestId('n-A')).toHaveText('200');
  await expect(page.getByTestId('n-B')).toHaveText('200');
  await expect(page.getByTestId('ab-progress')).toHaveText(/^200 of [\d,]+ per arm \(\d+ %\)$/);
  const chart = page.getByTestId('ab-interval-chart');
  await expect(chart).toHaveAttribute('data-rendered', 'true');
  await expect(chart.locator('canvas').first()).toBeVisible();
  await screenshot(page, testInfo, 'ab-test');

  // New observations arrive: the page follows them without a reload.
  await live.started('AbTestChanged');
  await markDocument(page);
  await observe(startAbTest.id, 'B', values(100, 10.5));
  await expect(page.getByTestId('n-B')).toHaveText('300');
  await expectNoReload(page);

  // Concluded by hand: the result is frozen, the buttons go.
  await page.getByRole('button', { name: 'Conclude…' }).click();
  await page.getByLabel('Reason (optional)').fill('Enough evidence');
  await page.getByRole('button', { name: 'Conclude test' }).click();
  await expect(page.getByTestId('ab-test-status')).toHaveAttribute('data-status', 'COMPLETED');
  await expect(page.getByRole('button', { name: 'Conclude…' })).toHaveCount(0);

  // The list, filtered to completed tests, has it with its winner; so does the model page.
  await page.goto('/ab-tests?status=COMPLETED');
  const row = page.locator('tr', { hasText: name });
  await expect(row).toContainText('COMPLETED');
  await expect(row).toContainText(/p < 0\.0001/);
  await screenshot(page, testInfo, 'ab-tests');
  await page.goto(`/models/${a.id}#ab-tests`);
  await expect(page.locator('#ab-tests').getByRole('link', { name })).toBeVisible();
});

test('an A/B test is started from the list with the form: its problems first, then it opens with its design', async ({ page }, testInfo) => {
  const [a, b] = [await registerTestModel(uniqueName('E2E form arm A')), await registerTestModel(uniqueName('E2E form arm B'))];
  const name = uniqueName('E2E checkout test');
  await page.goto('/ab-tests');
  await page.getByRole('button', { name: 'Start A/B test' }).click();
  const form = page.getByRole('form', { name: 'Start an A/B test' });

  // Nothing is sent while the form can see problems.
  await form.getByRole('button', { name: 'Start test' }).click();
  const problems = form.getByRole('alert');
  await expect(problems).toContainText('A name is required.');
  await expect(problems).toContainText('Choose model A, the control.');
  await expect(problems).toContainText('The minimum detectable effect must be a positive number.');

  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Model A (control)').selectOption({ label: a.name });
  await form.getByLabel('Model B (treatment)').selectOption({ label: b.name });
  await form.getByLabel('Metric', { exact: true }).fill('conversion');
  await form.getByLabel('Kind', { exact: true }).selectOption('PROPORTION');
  await form.getByLabel('Traffic to B (%)').fill('20');
  await form.getByLabel('Min. detectable effect').fill('0.02');
  await form.getByLabel('Baseline rate (optional)').fill('0.1');
  await screenshot(page, testInfo, 'ab-test-start');
  await form.getByRole('button', { name: 'Start test' }).click();

  await expect(page).toHaveURL(/\/ab-tests\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('ab-test-status')).toHaveAttribute('data-status', 'RUNNING');
  await expect(page.locator('tr[data-arm="B"]')).toContainText(b.name);
  await expect(page.locator('tr[data-arm="B"]')).toContainText('20');
  // Two-proportion sample sizes for 10 % → 12 % at α 0.05 and power 0.8 with B on a fifth of the traffic
  // (3,841 per arm for an even split).
  await expect(page.getByTestId('ab-progress')).toHaveText('A 0 of 9,412 · B 0 of 2,353 (0 %)');
});
