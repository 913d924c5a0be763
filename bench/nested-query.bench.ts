/**
 * Nested-query benchmark: a model with 1,000 runs and 5 evaluation results each.
 * Times `model { runs(first: 1000) { evaluationResults { metrics } } }` over HTTP against the
 * hand-written single SQL statement (json aggregation) returning the same data, and prints the
 * medians, their ratio and the SQL statement count of the GraphQL request.
 *
 *   npm run bench                      # embedded PostgreSQL (or DATABASE_URL when set)
 *   BENCH_ITERATIONS=50 npm run bench
 */
import 'reflect-metadata';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { modelWithEvaluatedRuns } from '../api/test/fixtures.js';
import { benchDatabase } from './bench-database.js';
import { createOrm, migrate } from '../api/src/platform/db/orm.js';
import { createLogger } from '../api/src/platform/logger.js';
import { startApi } from '../api/src/platform/app.js';
import { createWorkspace } from '../api/src/modules/workspaces/workspace.service.js';
import { benchApiKey } from './bench-credentials.js';

const RUNS = 1000;
const RESULTS_PER_RUN = 5;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);

const QUERY = `query Bench($id: ID!) {
  model(id: $id) {
    id name
    runs(first: ${RUNS}) {
      edges { node { id status createdAt metrics { key value }
        evaluationResults { id status summary metrics { key actual status promotable thresholds { key direction promote warn fail required } } } } }
    }
  }
}`;

const SQL = `
select json_build_object('model', json_build_object('id', m.id, 'name', m.name, 'runs', json_build_object('edges', coalesce((
  select json_agg(json_build_object('node', json_build_object('id', r.id, 'status', r.status, 'createdAt', r.created_at, 'metrics', r.metrics,
    'evaluationResults', coalesce((select json_agg(json_build_object('id', e.id, 'status', e.status, 'summary', e.summary, 'metrics', e.metrics) order by e.created_at, e.id)
                                   from evaluation_result e where e.run_id = r.id), '[]'::json))) order by r.created_at desc, r.id desc)
  from (select * from run where model_id = m.id order by created_at desc, id desc limit ${RUNS}) r), '[]'::json)))) as data
from model m where m.id = $1`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const log = createLogger('warn');
const database = await benchDatabase('modelyard_bench', log);
const { url } = database;

let statements = 0;
const orm = await createOrm({ url, onQuery: () => statements++ });
try {
  await migrate(orm);
  await createWorkspace(orm.em.fork(), { slug: 'bench', name: 'Bench' });
  const modelId = await modelWithEvaluatedRuns(orm, 'bench', RUNS, RESULTS_PER_RUN);
  const apiKey = await benchApiKey(orm.em.fork(), 'bench');
  const api = await startApi({ orm, log, port: 0, host: '127.0.0.1', corsOrigins: [] });
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();

  const graphql = async () => {
    const res = await fetch(`http://127.0.0.1:${api.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: JSON.stringify({ query: QUERY, variables: { id: modelId } }) });
    const body = (await res.json()) as { data?: { model: { runs: { edges: { node: { evaluationResults: unknown[] } }[] } } }; errors?: unknown };
    if (body.errors || body.data?.model.runs.edges.length !== RUNS) throw new Error(`unexpected answer: ${JSON.stringify(body.errors)}`);
    if (body.data.model.runs.edges.some((e) => e.node.evaluationResults.length !== RESULTS_PER_RUN)) throw new Error('missing evaluation results');
  };
  const sql = async () => {
    const { rows } = await client.query(SQL, [modelId]);
    const data = rows[0].data as { model: { runs: { edges: unknown[] } } };
    if (data.model.runs.edges.length !== RUNS) throw new Error('unexpected SQL answer');
    JSON.stringify(data); // a server would serialise it too
  };

  for (let i = 0; i < 3; i++) {
    await graphql();
    await sql();
  }
  const gqlTimes: number[] = [];
  const sqlTimes: number[] = [];
  const perRequest: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    statements = 0;
    let t = performance.now();
    await graphql();
    gqlTimes.push(performance.now() - t);
    perRequest.push(statements);
    t = performance.now();
    await sql();
    sqlTimes.push(performance.now() - t);
  }
  const g = median(gqlTimes);
  const s = median(sqlTimes);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${database.embedded ? 'embedded' : 'from DATABASE_URL'}`);
  console.log(`data: 1 model, ${RUNS} runs, ${RESULTS_PER_RUN} evaluation results per run (${RUNS * RESULTS_PER_RUN} results); ${ITERATIONS} timed iterations`);
  console.log(`graphql over HTTP  median ${g.toFixed(1)} ms`);
  console.log(`hand-written SQL   median ${s.toFixed(1)} ms`);
  console.log(`ratio              ${(g / s).toFixed(2)} (target ≤ 2)`);
  console.log(`SQL statements per GraphQL request: ${[...new Set(perRequest)].join(', ')} (constant: ${new Set(perRequest).size === 1})`);
  await client.end();
  await api.close();
} finally {
  await orm.close();
  await database.drop();
}
