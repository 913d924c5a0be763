import { expect, type Page, test } from '@playwright/test';
import { expectNoReload, gql, markDocument, registerTestModel, screenshot, trackSubscriptions, uniqueName } from './support';

const column = (page: Page, label: string) => page.getByRole('region', { name: `${label} experiments` });

async function columnCount(page: Page, label: string): Promise<number> {
  return Number(await column(page, label).getByTestId('column-count').textContent());
}

test('the board shows experiments by status, live; a proposal is approved, started and completed by clicking', async ({ page }, testInfo) => {
  const candidate = await registerTestModel(uniqueName('E2E candidate'));
  const name = uniqueName('E2E promotions experiment');

  const live = trackSubscriptions(page);
  await page.goto('/experiments');
  await expect(page.getByRole('heading', { level: 1, name: 'Experiments' })).toBeVisible();
  for (const label of ['Proposed', 'Approved', 'In progress', 'Shadow testing', 'Completed', 'Rejected']) {
    await expect(column(page, label)).toBeVisible();
  }
  await live.started('ExperimentChanged');
  await markDocument(page);
  const proposedBefore = await columnCount(page, 'Proposed');

  // Proposed through the API: the board shows it live, in the PROPOSED column, counted.
  await gql(
    `mutation($input: ProposeExperimentInput!) { proposeExperiment(input: $input) { id } }`,
    {
      input: {
        name,
        hypothesis: 'Adding promotions as a feature lowers MAPE',
        targetMetric: 'MAPE',
        expectedImprovement: 0.05,
        models: [{ modelId: candidate.id, role: 'CANDIDATE' }],
      },
    },
  );
  const card = column(page, 'Proposed').getByTestId('experiment-card').filter({ hasText: name });
  await expect(card).toBeVisible();
  await expect(card).toContainText('MAPE · expects 5.0%');
  await expect(card).toContainText(`Candidates: ${candidate.name}`);
  await expect(column(page, 'Proposed').getByTestId('column-count')).toHaveText(String(proposedBefore + 1));
  await expectNoReload(page);
  await screenshot(page, testInfo, 'experiments-board');

  // Its page: hypothesis, linked model, the timeline; approve with a note.
  await card.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const status = page.getByTestId('experiment-status');
  await expect(status).toHaveAttribute('data-status', 'PROPOSED');
  await expect(page.getByTestId('hypothesis')).toHaveText('Adding promotions as a feature lowers MAPE');
  await expect(page.getByRole('table', { name: 'Linked models' })).toContainText(candidate.name);
  await expect(page.getByRole('table', { name: 'Linked models' })).toContainText('CANDIDATE');
  const timeline = page.getByTestId('experiment-timeline');
  await expect(timeline).toContainText('Proposed');

  await page.getByRole('button', { name: 'Approve…' }).click();
  await page.getByLabel('Approval note (optional)').fill('Worth a try this quarter');
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(status).toHaveAttribute('data-status', 'APPROVED');
  await expect(timeline).toContainText('Approved');
  await expect(timeline).toContainText('Worth a try this quarter');

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(status).toHaveAttribute('data-status', 'IN_PROGRESS');
  await expect(page.getByRole('button', { name: 'Start shadow testing' })).toBeVisible();

  // Completing with ADOPT: the candidate is a DRAFT model, which cannot be adopted. The API's
  // refusal is shown next to the form, with its code, and nothing changes.
  await page.getByRole('button', { name: 'Complete…' }).click();
  const form = page.getByRole('form', { name: 'Complete the experiment' });
  await form.getByLabel('Rationale (required)').fill('MAPE fell from 0.14 to 0.13');
  await form.getByLabel('Result 1 baseline').fill('0.14');
  await form.getByLabel('Result 1 observed').fill('0.13');
  await form.getByRole('button', { name: 'Complete experiment' }).click();
  const error = page.getByTestId('experiment-actions').locator('.inline-error');
  await expect(error).toContainText('CONFLICT');
  await expect(status).toHaveAttribute('data-status', 'IN_PROGRESS');

  // Decided as REJECT instead: completed, with the rationale and the results.
  await form.getByRole('radio', { name: /^Reject/ }).check();
  await form.getByRole('button', { name: 'Complete experiment' }).click();
  await expect(status).toHaveAttribute('data-status', 'COMPLETED');
  const decision = page.getByTestId('experiment-decision');
  await expect(decision).toContainText('REJECT');
  await expect(decision).toContainText('MAPE fell from 0.14 to 0.13');
  await expect(decision).toContainText('No model was adopted');
  await expect(page.getByRole('table', { name: 'Results' })).toContainText('−7.14 %');
  await expect(timeline).toContainText('Completed: Reject');
  await expect(page.getByTestId('experiment-actions')).toHaveCount(0);
  await screenshot(page, testInfo, 'experiment');

  // Back on the board, it is in the COMPLETED column.
  await page.getByRole('link', { name: 'Experiments' }).first().click();
  await expect(column(page, 'Completed').getByTestId('experiment-card').filter({ hasText: name })).toBeVisible();
  await expect(column(page, 'Proposed').getByTestId('experiment-card').filter({ hasText: name })).toHaveCount(0);
});

test('the propose form lists its problems, then proposes and opens the experiment', async ({ page }) => {
  const name = uniqueName('E2E proposed in the form');
  await page.goto('/experiments');
  await page.getByRole('button', { name: 'Propose experiment' }).click();
  const form = page.getByRole('form', { name: 'Propose an experiment' });
  await form.getByRole('button', { name: 'Propose', exact: true }).click();
  await expect(form.locator('.inline-error')).toContainText('A name is required.');
  await expect(form.locator('.inline-error')).toContainText('The expected improvement must be a positive percentage');

  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Hypothesis').fill('A weekly retrain lowers MAE');
  await form.getByLabel('Target metric').fill('MAE');
  await form.getByLabel('Expected improvement (%)').fill('3');
  await form.getByRole('button', { name: 'Propose', exact: true }).click();
  await expect(page).toHaveURL(/\/experiments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-status', 'PROPOSED');
  await expect(page.getByText('3.0%')).toBeVisible();
});
