import type { FamilyDefinition, RunType } from '../spec.js';
import type { SeedRun } from '../types.js';
import { type Rng, sha256 } from '../util.js';

export type Artifact = SeedRun['artifacts'][number];

const BUCKET = 's3://modelyard-demo';

interface ArtifactTemplate {
  name: string;
  kind: 'model' | 'metrics' | 'plot' | 'dataset';
  sizeBytes: readonly [number, number];
  /** Still written by a run that fails (input profiles, completed backtest windows). */
  keepOnFailure?: boolean;
  metadata: Record<string, unknown>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  png: 'image/png',
  parquet: 'application/vnd.apache.parquet',
  csv: 'text/csv',
  gz: 'application/gzip',
  txt: 'text/plain',
};

function contentType(name: string): string {
  const extension = name.split('.').pop() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

function templates(def: FamilyDefinition, type: RunType, completedWindows: number): ArtifactTemplate[] {
  const metricKeys = def.pack.rules.length;
  const plot = { width: 1200, height: 600 };
  switch (type) {
    case 'TRAIN':
      return [
        {
          name: def.modelArtifact.name,
          kind: 'model',
          sizeBytes: def.modelArtifact.sizeBytes,
          metadata: { framework: def.modelArtifact.framework, format: def.modelArtifact.format, recipe_version: '1.0.0' },
        },
        { name: 'metrics.json', kind: 'metrics', sizeBytes: [2_000, 8_000], metadata: { metric_count: metricKeys } },
        { name: 'training_curves.png', kind: 'plot', sizeBytes: [40_000, 120_000], metadata: plot },
        {
          name: 'input_profile.json',
          kind: 'dataset',
          sizeBytes: [20_000, 90_000],
          keepOnFailure: true,
          metadata: { rows: def.logs.rowsLoaded, feature_count: def.recipe.manifest.lineage.input_features.length },
        },
      ];
    case 'EVAL':
      return [
        { name: 'metrics.json', kind: 'metrics', sizeBytes: [2_000, 8_000], metadata: { metric_count: metricKeys } },
        { name: 'predictions.parquet', kind: 'dataset', sizeBytes: [3_000_000, 24_000_000], metadata: { rows: def.logs.rowsLoaded } },
        { name: 'evaluation_report.png', kind: 'plot', sizeBytes: [60_000, 160_000], metadata: plot },
      ];
    case 'BACKTEST':
      return [
        {
          name: 'backtest_windows.csv',
          kind: 'metrics',
          sizeBytes: [1_500, 6_000],
          keepOnFailure: true,
          metadata: { windows: completedWindows, planned_windows: def.history.backtest.windows },
        },
        { name: 'backtest_trend.png', kind: 'plot', sizeBytes: [50_000, 140_000], metadata: plot },
      ];
  }
}

/** Artifacts under `s3://modelyard-demo/<model>/<run>/`, with a checksum derived from the URI. */
export function buildArtifacts(
  def: FamilyDefinition,
  type: RunType,
  modelKey: string,
  runKey: string,
  failed: boolean,
  completedWindows: number,
  rng: Rng,
): Artifact[] {
  return templates(def, type, completedWindows)
    .filter((template) => !failed || template.keepOnFailure)
    .map((template) => {
      const uri = `${BUCKET}/${modelKey}/${runKey}/${template.name}`;
      return {
        name: template.name,
        uri,
        sizeBytes: rng.int(template.sizeBytes[0], template.sizeBytes[1]),
        kind: template.kind,
        metadata: { checksum: `sha256:${sha256(uri)}`, content_type: contentType(template.name), ...template.metadata },
      };
    });
}

export function artifactPrefix(modelKey: string, runKey: string): string {
  return `${BUCKET}/${modelKey}/${runKey}/`;
}
