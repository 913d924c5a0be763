import { categoricalDrift, numericDrift } from '../../ml/stats/index.js';
import { type Context, workspaceOf } from '../../platform/context.js';
import { type Problem, ValidationFailedError } from '../../platform/errors.js';
import { getOrNotFound } from '../../platform/repository.js';
import { freshnessRule } from '../alerts/alert.rules.js';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { resolvedManifest } from '../recipes/recipe.service.js';
import { RecipeVersion } from '../recipes/recipe-version.entity.js';
import { queueDriftRetrain, raiseDriftAlerts } from './drift-alerts.js';
import type { RecordMonitorSampleInput } from './drift.inputs.js';
import { categoricalFeatureDrift, chooseMethod, datasetDrift, type DriftPolicy, driftPolicyOf, type MethodChoice, numericFeatureDrift } from './drift-policy.js';
import { columnsFromRows, countCategories, type FeatureColumn, lengthOf, parseColumns } from './feature-columns.js';
import type { MonitorSnapshot } from './monitor-snapshot.entity.js';
import { checkFreshness, storeSnapshot } from './monitoring.service.js';
import { type FeatureDrift, ReferenceProfileKind } from './monitoring.types.js';
import type { ReferenceProfile } from './reference-profile.entity.js';
import { categoryProblems, type LoadedProfile, profilesForDrift, referenceProfilesOfModel } from './reference-profile.service.js';

/** Freshness limit when neither the input nor the manifest gives one. */
const DEFAULT_FRESHNESS_HOURS = 24;

const KIND_HINT: Record<ReferenceProfileKind, string> = {
  [ReferenceProfileKind.NUMERIC]: 'send values or valuesBase64',
  [ReferenceProfileKind.CATEGORICAL]: 'send categories',
};

interface Planned {
  column: FeatureColumn;
  profile: ReferenceProfile;
  choice: MethodChoice;
}

/** Matches each column with its profile and method; every mismatch is a problem at the column's path. */
function plan(columns: FeatureColumn[], profiles: Map<string, ReferenceProfile>, policy: DriftPolicy, problems: Problem[]): Planned[] {
  const planned: Planned[] = [];
  for (const column of columns) {
    const profile = profiles.get(column.feature);
    if (!profile) {
      problems.push({ path: `${column.path}.feature`, message: `the model has no reference profile for ${column.feature} (upload one with uploadReferenceProfile, or train the model with it in monitoring.drift.features)` });
      continue;
    }
    if (profile.kind !== column.kind) {
      problems.push({ path: column.path, message: `${column.feature} has a ${profile.kind.toLowerCase()} reference profile: ${KIND_HINT[profile.kind]}` });
      continue;
    }
    const choice = chooseMethod(policy, column.feature, profile.kind, profile.rowCount);
    if (!choice) {
      const asked = policy.featureMethods[column.feature]!.method;
      problems.push({ path: column.path, message: `monitoring.drift.feature_methods.${column.feature} asks for ${asked}, which does not apply to a ${profile.kind.toLowerCase()} feature` });
      continue;
    }
    planned.push({ column, profile, choice });
  }
  return planned;
}

/** The statistics of one feature against its profile, judged by its method. */
function featureDrift({ column, profile, choice }: Planned, loaded: LoadedProfile, policy: DriftPolicy): FeatureDrift {
  const base = { feature: column.feature, choice, referenceRows: profile.rowCount, currentRows: lengthOf(column) };
  if (column.kind === ReferenceProfileKind.CATEGORICAL) {
    return categoricalFeatureDrift({ ...base, stats: categoricalDrift(profile.categories ?? {}, countCategories(column.categories)) }, policy);
  }
  const sketch = { count: profile.rowCount, mean: profile.mean!, std: profile.std!, min: profile.min!, max: profile.max!, quantiles: profile.quantiles! };
  const stats = numericDrift({ sample: loaded.sample!, sketch }, column.values);
  return numericFeatureDrift({ ...base, stats, low: Math.min(sketch.min, stats.currentSketch.min), high: Math.max(sketch.max, stats.currentSketch.max) }, policy);
}

/**
 * Records a batch of current production data: per-feature drift against the model's reference
 * profiles (method and threshold per the manifest, Evidently's defaults otherwise), the data set
 * verdict, a snapshot with its evaluation and alerts (DRIFT_DETECTED included), and — when the
 * manifest asks for it and the data set drifted — a retrain with trigger DRIFT, in one transaction.
 */
export async function recordMonitorSample(ctx: Context, input: RecordMonitorSampleInput): Promise<MonitorSnapshot> {
  const workspaceId = workspaceOf(ctx);
  const model = await getOrNotFound(ctx, Model, input.modelId, 'Model');
  const recordedAt = input.recordedAt ?? new Date();
  if (input.freshness) checkFreshness(input.freshness.lastDataAt, recordedAt);

  const problems: Problem[] = [];
  const profiles = new Map((await referenceProfilesOfModel(ctx, model.id)).map((p) => [p.feature, p]));
  const manifest = (await resolvedManifest(ctx, await getOrNotFound(ctx, RecipeVersion, model.recipeVersion.id, 'RecipeVersion'))) as Record<string, unknown>;
  const policy = driftPolicyOf(manifest);
  let columns: FeatureColumn[] = [];
  if ((input.columns == null) === (input.rows == null)) {
    problems.push({ path: input.columns ? 'input.rows' : 'input', message: 'give the sample as columns or as rows (exactly one of them)' });
  } else if (input.columns) {
    columns = parseColumns(input.columns, 'input.columns', problems);
    if (input.columns.length === 0) problems.push({ path: 'input.columns', message: 'must not be empty' });
  } else {
    columns = columnsFromRows(input.rows!, new Map([...profiles].map(([feature, p]) => [feature, p.kind])), 'input.rows', problems);
    if (input.rows!.length === 0) problems.push({ path: 'input.rows', message: 'must not be empty' });
  }
  categoryProblems(columns, problems);
  const planned = plan(columns, profiles, policy, problems);
  if (problems.length) throw new ValidationFailedError(problems);

  const loaded = await profilesForDrift(ctx.em, workspaceId, model.id, planned.map((p) => p.column.feature));
  const drift = planned.map((p) => featureDrift(p, loaded.get(p.column.feature)!, policy));
  const verdict = datasetDrift(drift);
  const rowCount = input.rows ? input.rows.length : Math.max(...planned.map((p) => lengthOf(p.column)));
  const performance = (input.performance ?? []).map((m) => ({ key: m.key, value: m.value }));

  return storeSnapshot(
    ctx,
    model.id,
    {
      recordedAt,
      performance,
      drift,
      lastDataAt: input.freshness?.lastDataAt ?? recordedAt,
      freshnessLimitHours: input.freshness?.limitHours ?? freshnessRule(manifest).limitHours ?? DEFAULT_FRESHNESS_HOURS,
      rowCount,
      datasetDrifted: verdict.drifted,
    },
    {
      operation: 'recordMonitorSample',
      idempotencyKey: input.idempotencyKey,
      // A sample without performance metrics has nothing to evaluate (missing metrics would read as FAIL).
      evaluate: performance.length > 0,
      react: async (em, snapshot, locked) => {
        await raiseDriftAlerts(em, ctx, locked, snapshot, verdict.drifted);
        if (verdict.drifted && policy.retrainOnDrift && ctx.queue) {
          const run = await queueDriftRetrain(em, ctx, locked, snapshot);
          if (run) snapshot.triggeredRun = em.getReference(Run, run.id);
        }
      },
    },
  );
}
