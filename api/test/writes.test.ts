import { buildDemoData } from '@modelyard/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, ok, startTestApi, type TestApi } from './harness.js';

/** The seeded forecasting manifest: createRecipe only takes manifests that satisfy the family's schema. */
const manifest = buildDemoData(new Date()).recipes.find((r) => r.family === 'FORECASTING')!.version.manifest as Record<string, any>;

let api: TestApi;
let ws: string;
beforeAll(async () => {
  api = await startTestApi();
  ws = await api.newWorkspace('writes');
});
afterAll(() => api?.close());

async function recipeWithModel() {
  const { createRecipe } = ok(
    await api.gql(
      `mutation($input: CreateRecipeInput!) { createRecipe(input: $input) { id name level status latestVersion { id version author } } }`,
      { input: { name: 'Store demand forecast', family: 'FORECASTING', manifest, description: 'Daily demand' } },
      ws,
    ),
  );
  // Only an APPROVED recipe's versions can register models.
  ok(await api.gql(`mutation($id: ID!) { approveRecipe(id: $id) { id } }`, { id: createRecipe.id }, ws));
  const { registerModel } = ok(
    await api.gql(
      `mutation($input: RegisterModelInput!) { registerModel(input: $input) { id status family recipe { id } } }`,
      { input: { recipeVersionId: createRecipe.latestVersion.id, name: 'Demand model', owner: 'ana@example.com' } },
      ws,
    ),
  );
  return { recipe: createRecipe, model: registerModel };
}

describe('recipes', () => {
  it('creates a DRAFT baseline recipe with version 1.0.0, and new versions with semver and an RFC 6902 diff', async () => {
    const { recipe } = await recipeWithModel();
    expect(recipe).toMatchObject({ level: 'BASELINE', status: 'DRAFT', latestVersion: { version: '1.0.0', author: 'apikey:admin' } });
    const changed = { ...manifest, pipeline: { ...manifest.pipeline, training: { ...manifest.pipeline.training, seasonal_periods: 14 } } };
    const { createRecipeVersion } = ok(
      await api.gql(
        `mutation($input: CreateRecipeVersionInput!) { createRecipeVersion(input: $input) { version changeNote diff { op path value } manifest } }`,
        { input: { recipeId: recipe.id, manifest: changed, changeNote: 'Fortnightly seasonality', bump: 'MINOR' } },
        ws,
      ),
    );
    expect(createRecipeVersion.version).toBe('1.1.0');
    expect(createRecipeVersion.diff).toEqual([{ op: 'replace', path: '/pipeline/training/seasonal_periods', value: 14 }]);
    const major = ok(
      await api.gql(`mutation($input: CreateRecipeVersionInput!) { createRecipeVersion(input: $input) { version } }`, { input: { recipeId: recipe.id, manifest: changed, changeNote: 'Same manifest', bump: 'MAJOR' } }, ws),
    );
    expect(major.createRecipeVersion.version).toBe('2.0.0');
    const { recipe: read } = ok(await api.gql(`query($id: ID!) { recipe(id: $id) { versions { version } latestVersion { version } } }`, { id: recipe.id }, ws));
    expect(read.versions.map((v: { version: string }) => v.version)).toEqual(['2.0.0', '1.1.0', '1.0.0']);
    expect(read.latestVersion.version).toBe('2.0.0');
  });

  it('reports every invalid field of an input with its path under VALIDATION_FAILED', async () => {
    const res = await api.gql(`mutation($input: CreateRecipeInput!) { createRecipe(input: $input) { id } }`, { input: { name: '', family: 'PRICING', manifest: [1, 2], changeNote: '' } }, ws);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    const paths = res.errors![0]!.extensions!.problems.map((p: { path: string }) => p.path).sort();
    expect(paths).toEqual(['input.changeNote', 'input.manifest', 'input.name']);
    const { recipes } = ok(await api.gql(`{ recipes { totalCount } }`, {}, ws));
    expect(recipes.totalCount).toBe(1);
  });

  it('answers an unknown or malformed id with NOT_FOUND', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await api.gql(`query($id: ID!) { recipe(id: $id) { id } }`, { id }, ws);
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(res.errors![0]!.message).toContain(id);
    }
  });

  it('rejects an unknown enum value as a GraphQL validation error', async () => {
    const res = await api.gql(`{ recipes(filter: { family: WEATHER }) { totalCount } }`, {}, ws);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('runs', () => {
  it('creates QUEUED runs idempotently and walks the status machine, refusing other transitions', async () => {
    const { model } = await recipeWithModel();
    const create = `mutation($input: CreateRunInput!) { createRun(input: $input) { id status trigger params { key value } } }`;
    const input = { modelId: model.id, type: 'TRAIN', trigger: 'MANUAL', idempotencyKey: 'pipeline-42', params: [{ key: 'alpha', value: '0.3' }] };
    const first = ok(await api.gql(create, { input }, ws)).createRun;
    const retry = ok(await api.gql(create, { input }, ws)).createRun;
    expect(retry.id).toBe(first.id);
    expect(first).toMatchObject({ status: 'QUEUED', trigger: 'MANUAL', params: [{ key: 'alpha', value: '0.3' }] });
    const { runs } = ok(await api.gql(`query($f: RunFilter) { runs(filter: $f) { totalCount } }`, { f: { modelId: model.id } }, ws));
    expect(runs.totalCount).toBe(1);
    const byIds = `query($f: RunFilter) { runs(filter: $f, first: 100) { totalCount edges { node { id } } } }`;
    const picked = ok(await api.gql(byIds, { f: { ids: [first.id, 'not-a-uuid', '00000000-0000-4000-8000-000000000000'] } }, ws)).runs;
    expect(picked).toEqual({ totalCount: 1, edges: [{ node: { id: first.id } }] });
    const tooMany = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(codeOf(await api.gql(byIds, { f: { ids: tooMany } }, ws))).toBe('VALIDATION_FAILED');

    const update = `mutation($input: UpdateRunStatusInput!) { updateRunStatus(input: $input) { status startedAt finishedAt progress metrics { key value } } }`;
    const bad = await api.gql(update, { input: { runId: first.id, status: 'SUCCEEDED' } }, ws);
    expect(codeOf(bad)).toBe('CONFLICT');
    expect(bad.errors![0]!.message).toMatch(/QUEUED.*SUCCEEDED/);

    const running = ok(await api.gql(update, { input: { runId: first.id, status: 'RUNNING', progress: 0.1 } }, ws)).updateRunStatus;
    expect(running.startedAt).toBeTruthy();
    const progress = `mutation($input: ReportRunProgressInput!) { reportRunProgress(input: $input) { status progress } }`;
    expect(ok(await api.gql(progress, { input: { runId: first.id, progress: 0.5 } }, ws)).reportRunProgress).toEqual({ status: 'RUNNING', progress: 0.5 });
    expect(codeOf(await api.gql(progress, { input: { runId: first.id, progress: 1.5 } }, ws))).toBe('VALIDATION_FAILED');

    const points = Array.from({ length: 50 }, (_, step) => ({ key: 'MAPE', step, value: 0.5 - step * 0.005 }));
    const logged = ok(await api.gql(`mutation($input: LogRunMetricsInput!) { logRunMetrics(input: $input) { metrics { key value } } }`, { input: { runId: first.id, points } }, ws));
    expect(logged.logRunMetrics.metrics).toEqual([{ key: 'MAPE', value: 0.5 - 49 * 0.005 }]);
    const logs = ok(await api.gql(`mutation($input: AppendRunLogsInput!) { appendRunLogs(input: $input) { seq level message } }`, { input: { runId: first.id, lines: [{ message: 'epoch 1' }, { level: 'WARN', message: 'slow shard' }] } }, ws));
    expect(logs.appendRunLogs.map((l: { seq: number }) => l.seq)).toEqual([1, 2]);
    const more = ok(await api.gql(`mutation($input: AppendRunLogsInput!) { appendRunLogs(input: $input) { seq } }`, { input: { runId: first.id, lines: [{ message: 'epoch 2' }] } }, ws));
    expect(more.appendRunLogs[0].seq).toBe(3);

    const done = ok(await api.gql(update, { input: { runId: first.id, status: 'SUCCEEDED', metrics: [{ key: 'RMSE', value: 12.5 }] } }, ws)).updateRunStatus;
    expect(done.progress).toBe(1);
    expect(done.finishedAt).toBeTruthy();
    expect(done.metrics).toEqual(expect.arrayContaining([{ key: 'MAPE', value: 0.5 - 49 * 0.005 }, { key: 'RMSE', value: 12.5 }]));

    const { run } = ok(await api.gql(`query($id: ID!) { run(id: $id) { metricHistory(key: "MAPE") { step value } logs(afterSeq: 1) { seq message } model { id } } }`, { id: first.id }, ws));
    expect(run.metricHistory).toHaveLength(50);
    expect(run.metricHistory[49]).toEqual({ step: 49, value: 0.5 - 49 * 0.005 });
    expect(run.logs.map((l: { message: string }) => l.message)).toEqual(['slow shard', 'epoch 2']);
    expect(run.model.id).toBe(model.id);

    const again = await api.gql(update, { input: { runId: first.id, status: 'RUNNING' } }, ws);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(codeOf(await api.gql(progress, { input: { runId: first.id, progress: 0.2 } }, ws))).toBe('CONFLICT');
    const late = await api.gql(`mutation($input: LogRunMetricsInput!) { logRunMetrics(input: $input) { id } }`, { input: { runId: first.id, points: [{ key: 'MAPE', step: 99, value: 1 }] } }, ws);
    expect(codeOf(late)).toBe('CONFLICT');
  });

  it('writes nothing of a batch with one bad point, and names the bad point’s path', async () => {
    const { model } = await recipeWithModel();
    const { createRun } = ok(await api.gql(`mutation($input: CreateRunInput!) { createRun(input: $input) { id } }`, { input: { modelId: model.id, type: 'EVAL' } }, ws));
    const points = [{ key: 'AUC', step: 0, value: 0.7 }, { key: '', step: -1, value: 0.8 }];
    const res = await api.gql(`mutation($input: LogRunMetricsInput!) { logRunMetrics(input: $input) { id } }`, { input: { runId: createRun.id, points } }, ws);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.extensions!.problems.map((p: { path: string }) => p.path).sort()).toEqual(['input.points[1].key', 'input.points[1].step']);
    const { run } = ok(await api.gql(`query($id: ID!) { run(id: $id) { metricHistory { key } metrics { key } } }`, { id: createRun.id }, ws));
    expect(run.metricHistory).toEqual([]);
    expect(run.metrics).toEqual([]);
  });

  it('does not let one workspace see or write another workspace’s objects', async () => {
    const { model } = await recipeWithModel();
    const other = await api.newWorkspace('other');
    expect(codeOf(await api.gql(`query($id: ID!) { model(id: $id) { id } }`, { id: model.id }, other))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(`mutation($input: CreateRunInput!) { createRun(input: $input) { id } }`, { input: { modelId: model.id, type: 'EVAL' } }, other))).toBe('NOT_FOUND');
    const { models } = ok(await api.gql(`{ models { totalCount } }`, {}, other));
    expect(models.totalCount).toBe(0);
  });
});
