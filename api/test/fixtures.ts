import type { MikroORM } from '@mikro-orm/postgresql';
import { evaluate } from '../src/modules/evaluation/evaluation.engine.js';
import { EvaluationKind, MetricDirection } from '../src/modules/evaluation/evaluation.enums.js';
import { EvaluationPack } from '../src/modules/evaluation/evaluation-pack.entity.js';
import { EvaluationPackVersion } from '../src/modules/evaluation/evaluation-pack-version.entity.js';
import { EvaluationResult } from '../src/modules/evaluation/evaluation-result.entity.js';
import type { MetricRule } from '../src/modules/evaluation/metric-rule.types.js';
import { PackAttachment } from '../src/modules/evaluation/pack-attachment.entity.js';
import { Model } from '../src/modules/models/model.entity.js';
import { ModelStatus } from '../src/modules/models/model.enums.js';
import { Recipe } from '../src/modules/recipes/recipe.entity.js';
import { RecipeFamily, RecipeLevel, RecipeStatus } from '../src/modules/recipes/recipe.enums.js';
import { RecipeVersion } from '../src/modules/recipes/recipe-version.entity.js';
import { Run } from '../src/modules/runs/run.entity.js';
import { RunStatus, RunType } from '../src/modules/runs/run.enums.js';
import { Workspace } from '../src/modules/workspaces/workspace.entity.js';

const RULES: MetricRule[] = [
  { key: 'MAPE', direction: MetricDirection.LOWER_IS_BETTER, promote: 0.15, warn: 0.25, fail: 0.4, required: true },
  { key: 'MAE', direction: MetricDirection.LOWER_IS_BETTER, promote: 10, warn: 15, fail: 25, required: true },
  { key: 'coverage_80', direction: MetricDirection.HIGHER_IS_BETTER, promote: 0.8, warn: 0.75, fail: 0.6, required: false },
];

/**
 * A model with `runs` SUCCEEDED runs, each evaluated by `packs` attached pack versions, written with
 * multi-row inserts (for the N+1 test and the bench). Returns the model id.
 */
export async function modelWithEvaluatedRuns(orm: MikroORM, workspaceSlug: string, runs: number, packs: number): Promise<string> {
  const em = orm.em.fork();
  const workspace = await em.findOneOrFail(Workspace, { slug: workspaceSlug });
  const t0 = Date.now() - runs * 60_000;
  return em.transactional(async (tx) => {
    const recipe = tx.create(Recipe, { workspace, name: 'Bulk forecast', family: RecipeFamily.FORECASTING, level: RecipeLevel.BASELINE, status: RecipeStatus.APPROVED });
    const version = tx.create(RecipeVersion, { workspace, recipe, version: '1.0.0', manifest: {}, changeNote: 'bulk', author: 'fixture' });
    const model = tx.create(Model, { workspace, recipe, recipeVersion: version, family: RecipeFamily.FORECASTING, name: `Bulk model ${runs}`, status: ModelStatus.PRODUCTION });
    const packVersions = Array.from({ length: packs }, (_, i) => {
      const pack = tx.create(EvaluationPack, { workspace, name: `Bulk pack ${i + 1}`, family: RecipeFamily.FORECASTING });
      const pv = tx.create(EvaluationPackVersion, { workspace, pack, version: '1.0.0', rules: RULES, changeNote: 'bulk', author: 'fixture' });
      tx.create(PackAttachment, { workspace, recipe, packVersion: pv });
      return pv;
    });
    await tx.flush();
    const runRows = Array.from({ length: runs }, (_, i) => {
      const at = new Date(t0 + i * 60_000);
      const metrics = [
        { key: 'MAPE', value: 0.1 + (i % 40) / 100 },
        { key: 'MAE', value: 8 + (i % 20) },
        { key: 'coverage_80', value: 0.7 + (i % 25) / 100 },
      ];
      return tx.create(Run, { workspace, model, recipe, recipeVersion: version, type: RunType.TRAIN, status: RunStatus.SUCCEEDED, metrics, progress: 1, createdAt: at, updatedAt: at, startedAt: at, finishedAt: at });
    });
    await tx.flush();
    for (const run of runRows) {
      for (const pv of packVersions) {
        const outcome = evaluate(pv.rules, run.metrics);
        tx.create(EvaluationResult, { workspace, model, run, packVersion: pv, kind: EvaluationKind.RUN, ...outcome, createdAt: run.finishedAt });
      }
    }
    await tx.flush();
    tx.clear();
    return model.id;
  });
}
