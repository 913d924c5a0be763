import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { buildDemoData, type DemoData } from '@modelyard/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from '../src/modules/seed/seed.service.js';
import { ok, startTestApi, type TestApi } from './harness.js';

let api: TestApi;
let slug: string;
const now = new Date();

function demoIn(workspaceSlug: string): DemoData {
  const data = buildDemoData(now);
  return { ...data, workspace: { ...data.workspace, slug: workspaceSlug as 'demo' } };
}

const COUNTS = `{
  recipes { totalCount edges { node { name family level status versions { id } attachedPacks { id } syntheticExample { id } } } }
  evaluationPacks { totalCount edges { node { versions { id rules { key } } } } }
  models(first: 10) { totalCount edges { node { name family status
    runs(first: 20) { totalCount edges { node { status type evaluationResults { status kind } } } }
    monitorSnapshots { recordedAt driftShare freshness { stale } evaluationResults { status kind } } } } }
}`;

beforeAll(async () => {
  api = await startTestApi();
  slug = `demo-${randomUUID().slice(0, 8)}`;
  const result = await seedDemoWorkspace(api.orm.em.fork(), now, demoIn(slug));
  expect(result.created).toBe(true);
});
afterAll(() => api?.close());

describe('the demo workspace', () => {
  it('has exactly the counts SPEC.md gives', async () => {
    const data = ok(await api.gql(COUNTS, {}, slug));
    const recipes = data.recipes.edges.map((e: any) => e.node);
    const models = data.models.edges.map((e: any) => e.node);
    const runs = models.flatMap((m: any) => m.runs.edges.map((e: any) => e.node));
    const snapshots = models.flatMap((m: any) => m.monitorSnapshots);
    expect(data.recipes.totalCount).toBe(4);
    expect(recipes.flatMap((r: any) => r.versions)).toHaveLength(4);
    expect(recipes.flatMap((r: any) => r.attachedPacks)).toHaveLength(4);
    expect(recipes.every((r: any) => r.level === 'BASELINE' && r.status === 'APPROVED' && r.syntheticExample)).toBe(true);
    expect(new Set(recipes.map((r: any) => r.family)).size).toBe(4);
    expect(data.evaluationPacks.totalCount).toBe(4);
    expect(data.evaluationPacks.edges.flatMap((e: any) => e.node.versions)).toHaveLength(4);
    expect(data.models.totalCount).toBe(6);
    const byFamily = (family: string) => models.filter((m: any) => m.family === family).map((m: any) => m.status).sort();
    expect(byFamily('FORECASTING')).toEqual(['PRODUCTION']);
    expect(byFamily('PRICING')).toEqual(['DRAFT', 'PRODUCTION']);
    expect(byFamily('NEXT_BEST_ACTION')).toEqual(['PRODUCTION']);
    expect(byFamily('LOCATION_SCORING')).toEqual(['PRODUCTION', 'STAGING']);
    expect(runs).toHaveLength(19);
    expect(runs.filter((r: any) => r.status === 'SUCCEEDED')).toHaveLength(11 - 1);
    const runResults = runs.flatMap((r: any) => r.evaluationResults);
    expect(runResults).toHaveLength(10);
    expect(new Set(runResults.map((r: any) => r.status))).toEqual(new Set(['PASS', 'WARN', 'FAIL']));
    expect(snapshots).toHaveLength(28);
    const snapshotsPerFamily = Object.fromEntries(['FORECASTING', 'PRICING', 'NEXT_BEST_ACTION', 'LOCATION_SCORING'].map((f) => [f, models.filter((m: any) => m.family === f).flatMap((m: any) => m.monitorSnapshots).length]));
    expect(snapshotsPerFamily).toEqual({ FORECASTING: 9, PRICING: 9, NEXT_BEST_ACTION: 5, LOCATION_SCORING: 5 });
    expect(snapshots.flatMap((s: any) => s.evaluationResults)).toHaveLength(15);
    expect(snapshots.flatMap((s: any) => s.evaluationResults).every((r: any) => r.kind === 'MONITOR')).toBe(true);
  });

  it('drifts more over time and looks current', async () => {
    const { models } = ok(await api.gql(`{ models(filter: { status: PRODUCTION }) { edges { node { name monitorSnapshots { recordedAt driftShare } } } } }`, {}, slug));
    for (const { node } of models.edges) {
      const shares = node.monitorSnapshots.map((s: any) => s.driftShare);
      expect(shares.at(-1)).toBeGreaterThan(shares[0]);
      const newest = new Date(node.monitorSnapshots.at(-1).recordedAt).getTime();
      expect(now.getTime() - newest).toBeLessThan(7 * 24 * 3_600_000);
      expect(newest).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('changes nothing when loaded twice', async () => {
    const before = ok(await api.gql(COUNTS, {}, slug));
    const again = await seedDemoWorkspace(api.orm.em.fork(), new Date(), demoIn(slug));
    expect(again.created).toBe(false);
    expect(ok(await api.gql(COUNTS, {}, slug))).toEqual(before);
  });

  it('raises the alerts its data implies, de-duplicated', async () => {
    const { alerts, alertCounts } = ok(await api.gql(`{
      alerts(first: 100) { totalCount edges { node { type severity status count model { name } run { status } } } }
      alertCounts { total open bySeverity { severity count } }
    }`, {}, slug));
    const nodes = alerts.edges.map((e: any) => e.node);
    const byType = (type: string) => nodes.filter((a: any) => a.type === type);
    // One per failed run: no model failed twice with the same run type.
    expect(byType('RUN_FAILED')).toHaveLength(9);
    expect(byType('RUN_FAILED').every((a: any) => a.count === 1 && a.run.status === 'FAILED')).toBe(true);
    // WARN and FAIL monitor evaluations of a model count on one alert that escalated to the worst.
    const degraded = Object.fromEntries(byType('PERFORMANCE_DEGRADED').map((a: any) => [a.model.name, [a.severity, a.count]]));
    expect(Object.keys(degraded)).toHaveLength(4);
    expect(Object.values(degraded).sort()).toEqual([['CRITICAL', 2], ['CRITICAL', 3], ['CRITICAL', 3], ['WARNING', 2]]);
    // Only the pricing model's newest snapshot is past its manifest's freshness limit.
    expect(byType('DATA_STALE')).toEqual([expect.objectContaining({ severity: 'CRITICAL', count: 1, model: { name: expect.stringMatching(/price/i) } })]);
    expect(nodes.every((a: any) => a.status === 'OPEN')).toBe(true);
    expect(alertCounts.total).toBe(14);
    expect(alertCounts.open).toBe(14);
  });

  it('filters and searches the library', async () => {
    const q = `query($f: ModelFilter) { models(filter: $f) { totalCount edges { node { name } } } }`;
    expect(ok(await api.gql(q, { f: { family: 'LOCATION_SCORING' } }, slug)).models.totalCount).toBe(2);
    expect(ok(await api.gql(q, { f: { status: 'PRODUCTION' } }, slug)).models.totalCount).toBe(4);
    const { recipes } = ok(await api.gql(`{ recipes(filter: { search: "pRiCiNg" }) { edges { node { family } } } }`, {}, slug));
    expect(recipes.edges.map((e: any) => e.node.family)).toEqual(['PRICING']);
    const { runs } = ok(await api.gql(`{ runs(first: 100, filter: { statuses: [FAILED] }) { totalCount } }`, {}, slug));
    expect(runs.totalCount).toBe(9);
    const names = ok(await api.gql(`{ models(orderBy: { field: NAME, direction: ASC }) { edges { node { name } } } }`, {}, slug)).models.edges.map((e: any) => e.node.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
