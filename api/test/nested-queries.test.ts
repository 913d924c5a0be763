import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelWithEvaluatedRuns } from './fixtures.js';
import { ok, startTestApi, type TestApi } from './harness.js';

const NESTED = `query($id: ID!, $first: Int!) {
  model(id: $id) {
    name
    latestEvaluation { status }
    runs(first: $first) {
      totalCount
      edges { node { id status metrics { key value } evaluationResults { status summary pack { name } metrics { key actual status thresholds { warn fail } } } } }
    }
  }
}`;

let api: TestApi;
let ws: string;
let modelId: string;
beforeAll(async () => {
  api = await startTestApi();
  ws = await api.newWorkspace('nested');
  modelId = await modelWithEvaluatedRuns(api.orm, ws, 210, 2);
});
afterAll(() => api?.close());

describe('nested queries', () => {
  it('send the same number of SQL statements for 10 and for 200 runs (no N+1)', async () => {
    const counts: Record<number, number> = {};
    for (const first of [10, 200]) {
      api.resetStatements();
      const { model } = ok(await api.gql(NESTED, { id: modelId, first }, ws));
      counts[first] = api.statements.length;
      expect(model.runs.edges).toHaveLength(first);
      expect(model.runs.totalCount).toBe(210);
      for (const { node } of model.runs.edges) {
        expect(node.evaluationResults).toHaveLength(2);
        expect(node.evaluationResults[0].metrics).toHaveLength(3);
      }
    }
    expect(counts[200]).toBe(counts[10]);
    // 3 of them frame the request: BEGIN, the row-level security scope, ROLLBACK.
    expect(counts[10]).toBeLessThanOrEqual(11);
  });

  it('batch one nested connection per parent across many models', async () => {
    const other = await modelWithEvaluatedRuns(api.orm, ws, 5, 1);
    api.resetStatements();
    const { models } = ok(await api.gql(`{ models(first: 50, orderBy: { field: NAME, direction: ASC }) { edges { node { id name runs(first: 3) { totalCount edges { node { id evaluationResults { status } } } } } } } }`, {}, ws));
    const byId = new Map(models.edges.map((e: any) => [e.node.id, e.node]));
    expect((byId.get(modelId) as any).runs.totalCount).toBe(210);
    expect((byId.get(other) as any).runs.totalCount).toBe(5);
    expect((byId.get(other) as any).runs.edges).toHaveLength(3);
    const statementsForTwoModels = api.statements.length;
    await modelWithEvaluatedRuns(api.orm, ws, 4, 1);
    api.resetStatements();
    ok(await api.gql(`{ models(first: 50, orderBy: { field: NAME, direction: ASC }) { edges { node { id name runs(first: 3) { totalCount edges { node { id evaluationResults { status } } } } } } } }`, {}, ws));
    expect(api.statements.length).toBe(statementsForTwoModels);
  });

  it('pages through runs with keyset cursors without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { model }: any = ok(await api.gql(`query($id: ID!, $after: String) { model(id: $id) { runs(first: 64, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) { pageInfo { hasNextPage endCursor hasPreviousPage } edges { cursor node { id createdAt } } } } }`, { id: modelId, after }, ws));
      seen.push(...model.runs.edges.map((e: any) => e.node.id));
      expect(model.runs.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!model.runs.pageInfo.hasNextPage) break;
      after = model.runs.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(210);
    expect(new Set(seen).size).toBe(210);
  });
});
