import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fnv1a } from '../../ml/common/random.js';
import { binCuts, binProportionsSorted, reservoirSample, sketchFromSorted, sortedFiniteCopy } from '../../ml/stats/index.js';
import { type Context, workspaceOf } from '../../platform/context.js';
import { type Problem, ValidationFailedError } from '../../platform/errors.js';
import { materialize } from '../../platform/materialize.js';
import { getOrNotFound } from '../../platform/repository.js';
import { recordAudit } from '../audit/audit.service.js';
import { Model } from '../models/model.entity.js';
import type { UploadReferenceProfileInput } from './drift.inputs.js';
import { countCategories, type FeatureColumn, lengthOf, parseColumns } from './feature-columns.js';
import { binLabels } from './drift-policy.js';
import { ReferenceProfileKind, ReferenceProfileSource } from './monitoring.types.js';
import { type ProfileHistogram, ReferenceProfile } from './reference-profile.entity.js';

/** Values kept per numeric profile (a reservoir sample of the reference rows beyond that). */
export const SAMPLE_LIMIT = 100_000;
/** Distinct categories a categorical profile or sample may have. */
export const MAX_CATEGORIES = 10_000;

/** A profile ready to store (computed outside any transaction: sketches and samples cost CPU, not locks). */
export interface ProfileData {
  feature: string;
  kind: ReferenceProfileKind;
  rowCount: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  quantiles: number[] | null;
  sample: Float64Array | null;
  categories: Record<string, number> | null;
  histogram: ProfileHistogram;
}

/** The profile of one column: sketch, reservoir sample and decile histogram, or category counts. */
export function buildProfile(column: FeatureColumn): ProfileData {
  if (column.kind === ReferenceProfileKind.CATEGORICAL) {
    const counts = countCategories(column.categories);
    const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const rows = column.categories.length;
    return {
      feature: column.feature, kind: column.kind, rowCount: rows, mean: null, std: null, min: null, max: null, quantiles: null, sample: null, categories: counts,
      histogram: { edges: null, labels: sorted.map(([value]) => value), shares: sorted.map(([, count]) => count / rows) },
    };
  }
  const { values } = column;
  const sorted = sortedFiniteCopy(values, column.feature);
  const sketch = sketchFromSorted(sorted, values);
  const sample = values.length <= SAMPLE_LIMIT ? values : reservoirSample(values, SAMPLE_LIMIT, fnv1a(`reference:${column.feature}`));
  // The drift bins (numericDrift's): right-closed between the distinct deciles, closed by the min and max.
  const cuts = binCuts(sketch, 10);
  const edges = [sketch.min, ...cuts, sketch.max];
  return {
    feature: column.feature, kind: column.kind, rowCount: values.length, mean: sketch.mean, std: sketch.std, min: sketch.min, max: sketch.max, quantiles: sketch.quantiles, sample, categories: null,
    histogram: { edges, labels: binLabels(edges), shares: binProportionsSorted(sorted, cuts) },
  };
}

/** Problems of categorical columns with too many distinct values (before any profile or drift is computed). */
export function categoryProblems(columns: readonly FeatureColumn[], problems: Problem[]): void {
  for (const column of columns) {
    if (column.kind !== ReferenceProfileKind.CATEGORICAL) continue;
    if (new Set(column.categories).size > MAX_CATEGORIES) problems.push({ path: `${column.path}.categories`, message: `has more than ${MAX_CATEGORIES} distinct categories` });
  }
}

/**
 * The learner's training columns of a TRAIN run as profiles. Numeric columns keep their finite
 * values; a column that ends up empty is skipped (returned in `skipped`).
 */
export function profilesFromTraining(columns: Record<string, number[] | string[]>): { profiles: ProfileData[]; skipped: string[] } {
  const profiles: ProfileData[] = [];
  const skipped: string[] = [];
  for (const [feature, values] of Object.entries(columns)) {
    const numeric = values.length > 0 && typeof values[0] === 'number';
    const column: FeatureColumn = numeric
      ? { feature, path: feature, kind: ReferenceProfileKind.NUMERIC, values: Float64Array.from((values as number[]).filter((v) => Number.isFinite(v))) }
      : { feature, path: feature, kind: ReferenceProfileKind.CATEGORICAL, categories: (values as unknown[]).filter((v) => v !== null && v !== undefined).map(String) };
    if (lengthOf(column) === 0 || (column.kind === ReferenceProfileKind.CATEGORICAL && new Set(column.categories).size > MAX_CATEGORIES)) skipped.push(feature);
    else profiles.push(buildProfile(column));
  }
  return { profiles, skipped };
}

/** Every column but the sample: what clients may read. */
const PUBLIC_COLUMNS = ['id', 'workspace_id', 'model_id', 'feature', 'kind', 'source', 'run_id', 'row_count', 'mean', 'std', 'min', 'max', 'quantiles', 'sample_size', 'categories', 'histogram', 'captured_at'];

/** Runs a statement with natively bound parameters (arrays and bytea are not inlined into the SQL text) on `em`'s transaction when it has one. */
async function nativeQuery(em: EntityManager, sql: string, bindings: unknown[]): Promise<Record<string, unknown>[]> {
  const started = Date.now();
  try {
    const query = em.getKnex().raw(sql, bindings as never[]);
    const trx = em.getTransactionContext();
    const res = (await (trx ? query.transacting(trx) : query)) as { rows: Record<string, unknown>[]; rowCount: number };
    em.config.getLogger().logQuery({ query: sql, took: Date.now() - started, affected: res.rowCount, level: 'info' });
    return res.rows;
  } catch (error) {
    em.config.getLogger().logQuery({ query: sql, took: Date.now() - started, level: 'error' });
    throw em.getDriver().convertException(error as Error);
  }
}

const UPSERT_PROFILES = `insert into reference_profile (id, workspace_id, model_id, feature, kind, source, run_id, row_count, mean, std, min, max, quantiles, sample, sample_size, categories, histogram, captured_at)
  select p.id, ?::uuid, ?::uuid, p.feature, p.kind::reference_profile_kind, ?::reference_profile_source, ?::uuid, p.row_count, p.mean, p.std, p.min, p.max, p.quantiles, p.sample, p.sample_size, p.categories, p.histogram, ?::timestamptz
  from unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::jsonb[], ?::bytea[], ?::int[], ?::jsonb[], ?::jsonb[])
    as p(id, feature, kind, row_count, mean, std, min, max, quantiles, sample, sample_size, categories, histogram)
  on conflict (model_id, feature) do update set
    kind = excluded.kind, source = excluded.source, run_id = excluded.run_id, row_count = excluded.row_count, mean = excluded.mean, std = excluded.std,
    min = excluded.min, max = excluded.max, quantiles = excluded.quantiles, sample = excluded.sample, sample_size = excluded.sample_size,
    categories = excluded.categories, histogram = excluded.histogram, captured_at = excluded.captured_at
  returning ${PUBLIC_COLUMNS.join(', ')}`;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
/** Little-endian float64 bytes of a sample (the platform is little-endian: see feature-columns.ts). */
const bytesOf = (sample: Float64Array) => Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength);

/**
 * Stores (or replaces) the model's profiles of these features with one statement, in the caller's
 * transaction. Returns them as stored, in the order given (without the samples).
 */
export async function storeProfiles(
  em: EntityManager,
  workspaceId: string,
  modelId: string,
  profiles: readonly ProfileData[],
  origin: { source: ReferenceProfileSource; runId: string | null; at: Date },
): Promise<ReferenceProfile[]> {
  if (profiles.length === 0) return [];
  const rows = await nativeQuery(em, UPSERT_PROFILES, [
    workspaceId, modelId, origin.source, origin.runId, origin.at,
    profiles.map(() => randomUUID()),
    profiles.map((p) => p.feature),
    profiles.map((p) => p.kind),
    profiles.map((p) => p.rowCount),
    profiles.map((p) => p.mean),
    profiles.map((p) => p.std),
    profiles.map((p) => p.min),
    profiles.map((p) => p.max),
    profiles.map((p) => json(p.quantiles)),
    profiles.map((p) => (p.sample ? bytesOf(p.sample) : null)),
    profiles.map((p) => p.sample?.length ?? 0),
    profiles.map((p) => json(p.categories)),
    profiles.map((p) => json(p.histogram)),
  ]);
  const byFeature = new Map(materialize(em, ReferenceProfile, rows).map((p) => [p.feature, p]));
  return profiles.map((p) => byFeature.get(p.feature)!);
}

/** `Model.referenceProfiles`: every profile of each model of the batch, by feature, in one statement (samples left out). */
export function referenceProfilesOfModel(ctx: Context, modelId: string): Promise<ReferenceProfile[]> {
  const loader = ctx.loaders.get('referenceProfiles', () => {
    const workspaceId = workspaceOf(ctx);
    return new DataLoader<string, ReferenceProfile[]>(async (ids) => {
      const qb = ctx.em.getKnex().select(PUBLIC_COLUMNS).from('reference_profile').whereIn('model_id', [...ids]).andWhere('workspace_id', workspaceId).orderBy([{ column: 'model_id' }, { column: 'feature' }]);
      const rows = (await ctx.em.execute(qb)) as Record<string, unknown>[];
      const byModel = new Map<string, ReferenceProfile[]>(ids.map((id) => [id, []]));
      for (const profile of materialize(ctx.em, ReferenceProfile, rows)) byModel.get(profile.model.id)?.push(profile);
      return ids.map((id) => byModel.get(id) ?? []);
    });
  });
  return loader.load(modelId);
}

/** A profile with its sample, for drift. */
export interface LoadedProfile {
  profile: ReferenceProfile;
  sample: Float64Array | null;
}

/** The model's profiles of these features, samples included (one statement). */
export async function profilesForDrift(em: EntityManager, workspaceId: string, modelId: string, features: readonly string[]): Promise<Map<string, LoadedProfile>> {
  const rows = await nativeQuery(em, `select ${PUBLIC_COLUMNS.join(', ')}, sample from reference_profile where workspace_id = ? and model_id = ? and feature = any(?::text[])`, [workspaceId, modelId, [...features]]);
  const profiles = materialize(em, ReferenceProfile, rows);
  return new Map(profiles.map((profile, i) => [profile.feature, { profile, sample: samplesOf(rows[i]!.sample) }]));
}

/** The stored bytes as float64 values (copied once when the driver's buffer is not 8-byte aligned). */
function samplesOf(raw: unknown): Float64Array | null {
  if (!Buffer.isBuffer(raw)) return null;
  if (raw.byteOffset % 8 === 0) return new Float64Array(raw.buffer, raw.byteOffset, raw.length / 8);
  const aligned = new Float64Array(raw.length / 8);
  new Uint8Array(aligned.buffer).set(raw);
  return aligned;
}

/** Replaces the model's profiles of the given features by the uploaded values, all in one transaction. */
export async function uploadReferenceProfiles(ctx: Context, input: UploadReferenceProfileInput): Promise<ReferenceProfile[]> {
  const workspaceId = workspaceOf(ctx);
  const model = await getOrNotFound(ctx, Model, input.modelId, 'Model');
  const problems: Problem[] = [];
  const columns = parseColumns(input.features, 'input.features', problems);
  categoryProblems(columns, problems);
  if (problems.length) throw new ValidationFailedError(problems);
  const profiles = columns.map(buildProfile);
  return ctx.em.transactional(async (em) => {
    const at = new Date();
    const stored = await storeProfiles(em, workspaceId, model.id, profiles, { source: ReferenceProfileSource.UPLOAD, runId: null, at });
    recordAudit(em, ctx, {
      action: 'referenceProfile.upload',
      subjectType: 'Model',
      subjectId: model.id,
      after: { features: profiles.map((p) => ({ feature: p.feature, kind: p.kind, rowCount: p.rowCount })) },
    }, at);
    await em.flush();
    return stored;
  });
}
