import { expect, type Page, test } from '@playwright/test';
import { expectNoReload, gql, markDocument, modelByName, recipeByName, screenshot } from './support';

/**
 * Runs executed by Modelyard's worker (the e2e API runs one in-process, one run at a time): queued
 * from the dashboard, followed live on the run page, cancelled from it.
 */

/** Opens the queue-run form of the page (a recipe's "Queue a run…", a model's "Queue run…"). */
async function openQueueForm(page: Page, button: string | RegExp, subject: string | RegExp) {
  await page.getByRole('button', { name: button }).click();
  const form = page.getByRole('form', { name: subject });
  await expect(form).toBeVisible();
  return form;
}

/** The worker's run through the API, as a scheduler or an integrator queues one. */
async function queueRunByApi(modelId: string, type: 'TRAIN' | 'BACKTEST', size: 'SMALL' | 'DEFAULT'): Promise<string> {
  const { queueRun } = await gql<{ queueRun: { id: string } }>(
    'mutation($m: ID!, $t: RunType!, $s: DatasetSize!) { queueRun(input: { modelId: $m, type: $t, dataset: { size: $s } }) { id } }',
    { m: modelId, t: type, s: size },
  );
  return queueRun.id;
}

const RUN_URL = /\/runs\/([0-9a-f-]{36})$/;
const runIdOf = (page: Page) => RUN_URL.exec(page.url())?.[1] ?? '';

test('queue a small TRAIN from an approved recipe, land on its run and watch it succeed with metrics and an evaluation — without a reload', async ({
  page,
}, testInfo) => {
  const recipe = await recipeByName('Location Scoring Baseline');
  await page.goto(`/recipes/${recipe.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Location Scoring Baseline' })).toBeVisible();

  const form = await openQueueForm(page, 'Queue a run…', /^Queue a run of Location Scoring Baseline/);
  await expect(form.getByLabel('Run type')).toHaveValue('TRAIN');
  await expect(form.getByLabel('Small (about a second)')).toBeChecked();
  await form.getByLabel('Seed').fill('abc');
  await form.getByLabel('Model name (optional)').fill('Site Scorer (worker e2e)');
  // A problem the form can see is named before anything is sent.
  await form.getByRole('button', { name: 'Queue run' }).click();
  await expect(form.getByRole('alert')).toContainText('The seed is a whole number');
  await form.getByLabel('Seed').fill('3');
  await form.getByRole('button', { name: 'Add param' }).click();
  await form.getByLabel('Param 1 name').fill('note');
  await form.getByLabel('Param 1 value').fill('e2e');
  await screenshot(page, testInfo, 'worker-queue-form');

  await markDocument(page);
  await form.getByRole('button', { name: 'Queue run' }).click();
  await expect(page).toHaveURL(RUN_URL);
  const status = page.getByTestId('run-status');
  testInfo.annotations.push({ type: 'status on landing', description: (await status.getAttribute('data-status')) ?? '?' });

  await expect(page.locator('.page-header')).toContainText('Manual train of Site Scorer (worker e2e)');
  await expect(page.getByTestId('run-dataset')).toHaveText('location-sites · seed 3 · SMALL');
  await expect(page.getByRole('table', { name: 'Params' })).toContainText('note');

  // The worker picks it up; the page follows it to the end.
  await expect(status).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 45_000 });
  const metrics = page.getByRole('table', { name: 'Final metrics' });
  await expect(metrics.locator('[data-metric=rank_correlation]')).toHaveText(/^0\.\d+$/);
  await expect(metrics.locator('[data-metric=hit_rate_at_10]')).toHaveText(/^[01](\.\d+)?$/);
  // What the event does not carry arrives with the refresh that follows it: evaluation, artifacts.
  await expect(page.getByTestId('evaluation-result')).toContainText('Location Scoring Standard Evaluation');
  await expect(page.getByTestId('evaluation-result')).toContainText(/Evaluation (PASS|WARN|FAIL)/);
  await expect(page.getByText('model.json', { exact: true })).toBeVisible();
  await expect(page.getByTestId('artifact-checksum').first()).toHaveText(/^[0-9a-f]{12}…$/);
  await expect(page.getByTestId('run-log')).toContainText('Attempt 1: TRAIN of Location Scoring Baseline');
  // The learner's curves (out-of-bag error per tree batch, rank correlation per fold).
  await expect(page.getByTestId('run-curves')).toContainText('oob_rmse');
  await expect(page.locator('[data-testid=run-curves] canvas').first()).toBeVisible();
  // A finished run cannot be cancelled.
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await expectNoReload(page);

  // The numbers shown are the run's.
  const { run } = await gql<{ run: { metrics: Array<{ key: string; value: number }>; attempt: number } }>(
    'query($id: ID!) { run(id: $id) { attempt metrics { key value } } }',
    { id: runIdOf(page) },
  );
  expect(run.attempt).toBe(1);
  const rank = run.metrics.find((m) => m.key === 'rank_correlation')!.value;
  await expect(metrics.locator('[data-metric=rank_correlation]')).toHaveText(String(Number(rank.toPrecision(4))));
  await screenshot(page, testInfo, 'worker-run');
});

test('a small BACKTEST of a forecasting model, queued from its page, shows the trend of its windows by test period, and every window', async ({
  page,
}, testInfo) => {
  const model = await modelByName('Retail Demand Forecast');
  await page.goto(`/models/${model.id}`);
  const form = await openQueueForm(page, 'Queue run…', /^Queue a run of Retail Demand Forecast/);
  await form.getByLabel('Run type').selectOption('BACKTEST');
  await form.getByLabel('Small (about a second)').check();
  await markDocument(page);
  await form.getByRole('button', { name: 'Queue run' }).click();
  await expect(page).toHaveURL(RUN_URL);
  await expect(page.locator('.page-header')).toContainText('Manual backtest of Retail Demand Forecast');

  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 45_000 });
  const { run } = await gql<{ run: { backtestWindows: Array<{ index: number; testStart: string }> } }>(
    'query($id: ID!) { run(id: $id) { backtestWindows { index testStart } } }',
    { id: runIdOf(page) },
  );
  expect(run.backtestWindows.length).toBeGreaterThan(1);

  const windows = page.getByTestId('backtest-windows');
  await expect(windows.locator('[data-testid=backtest-trend-chart][data-rendered=true]')).toBeVisible();
  await expect(windows.locator('canvas').first()).toBeVisible();
  const rows = page.getByRole('table', { name: 'Backtest windows' }).locator('tbody tr');
  await expect(rows).toHaveCount(run.backtestWindows.length);
  // Oldest first, by test period.
  await expect(rows.first().locator('td').nth(1)).toContainText(new Date(`${run.backtestWindows[0]!.testStart}T00:00:00Z`).getUTCFullYear().toString());
  await expect(rows.first().locator('[data-metric=MAPE]')).toHaveText(/^0\.\d+$/);
  // The chart follows the picked metric.
  await expect(windows.locator('figcaption')).toContainText(/by test period/);
  await windows.getByLabel('Metric').selectOption('MAE');
  await expect(windows.locator('figcaption')).toContainText('MAE by test period');
  await expect(rows.first().locator('[data-metric=MAE]')).toHaveClass(/cell--picked/);
  await expect(windows.locator('[data-testid=backtest-trend-chart][data-rendered=true]')).toBeVisible();
  await expect(page.getByTestId('evaluation-result')).toContainText('Forecasting Standard Evaluation');
  await expectNoReload(page);
  await screenshot(page, testInfo, 'worker-backtest');
});

test('cancel a worker run: a queued one at once, a running one at its next step', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const model = await modelByName('Retail Demand Forecast');
  // The e2e worker runs one run at a time: full-size backtests keep it busy (several, so that it is
  // still busy however long the page takes to load), so the runs queued next wait in QUEUED.
  const busy = await queueRunByApi(model.id, 'BACKTEST', 'DEFAULT');
  const alsoBusy = [];
  for (let i = 0; i < 3; i++) alsoBusy.push(await queueRunByApi(model.id, 'BACKTEST', 'DEFAULT'));

  // Queued from the model page, cancelled while it waits: CANCELLED at once.
  await page.goto(`/models/${model.id}`);
  const form = await openQueueForm(page, 'Queue run…', /^Queue a run of Retail Demand Forecast/);
  await form.getByLabel('Run type').selectOption('BACKTEST');
  await form.getByLabel('Default (the full shipped data set)').check();
  await form.getByRole('button', { name: 'Queue run' }).click();
  await expect(page).toHaveURL(RUN_URL);
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', 'QUEUED');
  await expect(page.getByTestId('run-dataset')).toHaveText('forecasting-demand · seed 1 · DEFAULT');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(status).toHaveAttribute('data-status', 'CANCELLED');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await screenshot(page, testInfo, 'worker-cancelled');

  // Another full-size run, cancelled once the worker is running it.
  const running = await queueRunByApi(model.id, 'BACKTEST', 'DEFAULT');
  await page.goto(`/runs/${running}`);
  await markDocument(page);
  await expect(status).toHaveAttribute('data-status', 'RUNNING', { timeout: 100_000 });
  await screenshot(page, testInfo, 'worker-running');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(status).toHaveAttribute('data-status', 'CANCELLED');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await expectNoReload(page);
  const { run } = await gql<{ run: { status: string; cancelRequestedAt: string | null } }>('query($id: ID!) { run(id: $id) { status cancelRequestedAt } }', { id: running });
  expect(run).toMatchObject({ status: 'CANCELLED', cancelRequestedAt: expect.any(String) });

  // The run that kept the worker busy was left alone.
  for (const id of [busy, ...alsoBusy]) {
    const { run: first } = await gql<{ run: { status: string } }>('query($id: ID!) { run(id: $id) { status } }', { id });
    expect(first.status).toBe('SUCCEEDED');
  }
});

test('the model page queues a run, lists its schedules (pause, resume, run now) and logs its retrainings', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const model = await modelByName('Retail Demand Forecast');
  // The worker's once-a-minute tick creates the schedules of production models.
  await expect
    .poll(async () => (await gql<{ schedules: unknown[] }>('query($m: ID!) { schedules(modelId: $m) { id } }', { m: model.id })).schedules.length, {
      timeout: 90_000,
      message: 'schedules reconciled by the worker',
    })
    .toBe(3);

  await page.goto(`/models/${model.id}`);
  const schedules = page.getByRole('table', { name: 'Schedules' });
  const daily = schedules.locator('tr[data-schedule=DAILY_BACKTEST]');
  await expect(daily).toContainText('0 5 * * *');
  await expect(daily).toContainText('daily at 05:00 · UTC');
  await expect(schedules.locator('tr[data-schedule=WEEKLY_BACKTEST]')).toContainText('Mondays at 06:00');

  // Pause and resume: only the action the state allows is offered.
  await daily.getByRole('button', { name: 'Pause' }).click();
  await expect(daily.getByText('PAUSED', { exact: true })).toBeVisible();
  await expect(daily.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  await daily.getByRole('button', { name: 'Resume' }).click();
  await expect(daily.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(daily.getByText('PAUSED', { exact: true })).toHaveCount(0);

  // Run now queues the schedule's backtest (trigger SCHEDULED) and links to it.
  await daily.getByRole('button', { name: 'Run now' }).click();
  await expect(daily.getByRole('status')).toContainText('Queued backtest run');
  await screenshot(page, testInfo, 'worker-model-schedules');
  await daily.getByRole('status').getByRole('link').click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.locator('.page-header')).toContainText('Scheduled backtest of Retail Demand Forecast');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 60_000 });

  // Queue run from the model page; its retraining is logged with trigger, run and outcome.
  await page.goto(`/models/${model.id}`);
  const form = await openQueueForm(page, 'Queue run…', /^Queue a run of Retail Demand Forecast/);
  await form.getByLabel('Small (about a second)').check();
  await form.getByRole('button', { name: 'Queue run' }).click();
  await expect(page).toHaveURL(RUN_URL);
  const runId = runIdOf(page);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 45_000 });
  await page.goto(`/models/${model.id}#retraining`);
  const log = page.getByRole('table', { name: 'Retraining log' });
  const row = log.locator('tr', { has: page.locator(`a[href="/runs/${runId}"]`) });
  await expect(row).toContainText('Manual');
  await expect(row).toContainText('SUCCEEDED');
  await expect(row).toContainText(/PROMOTED|NOT_A_CHALLENGER|POLICY_NOT_MET|AWAITING_APPROVAL/);
  await screenshot(page, testInfo, 'worker-model-retraining');
});
