import { buildDemoData, type DemoData } from '@modelyard/seeds';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../platform/context.js';
import { raiseMonitorAlerts, raiseRunFailedAlert } from '../alerts/alert.rules.js';
import type { Alert } from '../alerts/alert.entity.js';
import { evaluateRunIn, evaluateSnapshotIn } from '../evaluation/evaluation.service.js';
import { EvaluationPack } from '../evaluation/evaluation-pack.entity.js';
import { EvaluationPackVersion } from '../evaluation/evaluation-pack-version.entity.js';
import type { MetricDirection } from '../evaluation/evaluation.enums.js';
import { PackAttachment } from '../evaluation/pack-attachment.entity.js';
import { Model } from '../models/model.entity.js';
import type { ModelStatus } from '../models/model.enums.js';
import { MonitorSnapshot } from '../monitoring/monitor-snapshot.entity.js';
import type { DriftMethod } from '../monitoring/monitoring.types.js';
import { Recipe } from '../recipes/recipe.entity.js';
import type { RecipeFamily, RecipeLevel, RecipeStatus } from '../recipes/recipe.enums.js';
import { RecipeVersion } from '../recipes/recipe-version.entity.js';
import { SyntheticExample } from '../recipes/synthetic-example.entity.js';
import { RunArtifact, RunLogLine, RunMetricPoint } from '../runs/run-detail.entities.js';
import { Run } from '../runs/run.entity.js';
import type { LogLevel, RunStatus, RunTrigger, RunType } from '../runs/run.enums.js';
import { Workspace } from '../workspaces/workspace.entity.js';

export interface SeedResult {
  created: boolean;
  workspace: string;
  counts: Record<string, number>;
}

/** Something the seeded data implies an alert for, raised in time order once every row is written. */
interface AlertTrigger {
  at: Date;
  raise: (ctx: Context) => Promise<Alert | Alert[] | null>;
}

/**
 * Loads the demo workspace (SPEC.md "The seeded data set") in one transaction, with timestamps
 * relative to `now`, and raises the alerts its failed runs and snapshots imply with the same rules
 * the API uses (so repeated conditions are de-duplicated). If the workspace already exists nothing
 * is written: loading twice changes nothing.
 */
export async function seedDemoWorkspace(em: EntityManager, now: Date, data: DemoData = buildDemoData(now)): Promise<SeedResult> {
  const slug = data.workspace.slug;
  if (await em.count(Workspace, { slug })) return { created: false, workspace: slug, counts: {} };
  const counts = { recipes: 0, recipeVersions: 0, packs: 0, packVersions: 0, attachments: 0, models: 0, runs: 0, runEvaluationResults: 0, snapshots: 0, monitorEvaluationResults: 0, alerts: 0 };
  await em.transactional(async (tx) => {
    const workspace = tx.create(Workspace, { slug, name: data.workspace.name, createdAt: now });
    const triggers: AlertTrigger[] = [];
    const packVersions = new Map<string, EvaluationPackVersion>();
    for (const p of data.packs) {
      const pack = tx.create(EvaluationPack, { workspace, name: p.name, family: p.family as RecipeFamily, description: p.description, tags: p.tags, createdAt: p.version.createdAt, updatedAt: p.version.createdAt });
      const rules = p.version.rules.map((r) => ({ ...r, direction: r.direction as MetricDirection }));
      packVersions.set(p.key, tx.create(EvaluationPackVersion, { workspace, pack, version: p.version.version, rules, changeNote: p.version.changeNote, author: p.version.author, createdAt: p.version.createdAt }));
      counts.packs++;
      counts.packVersions++;
    }
    const recipes = new Map<string, { recipe: Recipe; version: RecipeVersion }>();
    for (const r of data.recipes) {
      const at = r.version.createdAt;
      const recipe = tx.create(Recipe, { workspace, name: r.name, description: r.description, family: r.family as RecipeFamily, level: r.level as RecipeLevel, status: r.status as RecipeStatus, createdAt: at, updatedAt: at });
      const version = tx.create(RecipeVersion, { workspace, recipe, version: r.version.version, manifest: r.version.manifest, changeNote: r.version.changeNote, author: r.version.author, createdAt: at });
      tx.create(SyntheticExample, { workspace, recipe, ...r.syntheticExample, createdAt: at });
      const packVersion = packVersions.get(r.packKey);
      if (!packVersion) throw new Error(`seed: recipe ${r.key} names unknown pack ${r.packKey}`);
      tx.create(PackAttachment, { workspace, recipe, packVersion, attachedAt: at });
      recipes.set(r.key, { recipe, version });
      counts.recipes++;
      counts.recipeVersions++;
      counts.attachments++;
    }
    await tx.flush();
    for (const m of data.models) {
      const source = recipes.get(m.recipeKey);
      if (!source) throw new Error(`seed: model ${m.key} names unknown recipe ${m.recipeKey}`);
      const model = tx.create(Model, { workspace, recipe: source.recipe, recipeVersion: source.version, family: source.recipe.family, name: m.name, description: m.description, owner: m.owner, status: m.status as ModelStatus, createdAt: m.createdAt, updatedAt: m.createdAt });
      counts.models++;
      for (const r of m.runs) {
        const run = tx.create(Run, {
          workspace, model, recipe: source.recipe, recipeVersion: source.version,
          type: r.type as RunType, status: r.status as RunStatus, trigger: r.trigger as RunTrigger,
          params: r.params, metrics: r.metrics, progress: r.status === 'SUCCEEDED' ? 1 : 0.5, error: r.error ?? undefined,
          idempotencyKey: `seed:${m.key}:${r.key}`, createdAt: r.createdAt, updatedAt: r.finishedAt, startedAt: r.startedAt, finishedAt: r.finishedAt,
        });
        r.history.forEach((p) => tx.create(RunMetricPoint, { workspace, run, key: p.key, step: p.step, value: p.value, recordedAt: p.recordedAt }));
        r.artifacts.forEach((a) => tx.create(RunArtifact, { workspace, run, ...a, createdAt: r.finishedAt }));
        r.logs.forEach((l, i) => tx.create(RunLogLine, { workspace, run, seq: i + 1, level: l.level as LogLevel, message: l.message, loggedAt: l.loggedAt }));
        counts.runs++;
        if (r.status === 'SUCCEEDED') counts.runEvaluationResults += (await evaluateRunIn(tx, run, model, r.finishedAt)).length;
        if (r.status === 'FAILED') triggers.push({ at: r.finishedAt, raise: (ctx) => raiseRunFailedAlert(tx, ctx, run, model, r.finishedAt) });
      }
      for (const s of m.snapshots) {
        const snapshot = tx.create(MonitorSnapshot, {
          workspace, model, recordedAt: s.recordedAt, performance: s.performance,
          drift: s.drift.map((d) => ({ ...d, method: d.method as DriftMethod })),
          lastDataAt: s.freshness.lastDataAt, freshnessLimitHours: s.freshness.limitHours, rowCount: s.rowCount, createdAt: s.recordedAt,
        });
        counts.snapshots++;
        const results = s.evaluate ? await evaluateSnapshotIn(tx, snapshot, model, s.recordedAt) : [];
        counts.monitorEvaluationResults += results.length;
        triggers.push({ at: s.recordedAt, raise: (ctx) => raiseMonitorAlerts(tx, ctx, snapshot, model, results, s.recordedAt) });
      }
    }
    await tx.flush();
    // The alert rules write through `tx` and read only the caller from their context.
    const ctx = { caller: { workspaceSlug: slug, workspaceId: workspace.id, actor: 'seed' } } as Pick<Context, 'caller'> as Context;
    const alertIds = new Set<string>();
    for (const trigger of triggers.sort((a, b) => a.at.getTime() - b.at.getTime())) {
      for (const alert of [await trigger.raise(ctx)].flat()) if (alert) alertIds.add(alert.id);
    }
    counts.alerts = alertIds.size;
  });
  return { created: true, workspace: slug, counts };
}
