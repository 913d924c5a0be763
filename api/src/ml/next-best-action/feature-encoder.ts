import { JobInputError } from '../types.js';

/** A data set's columns by name, row-aligned. */
export type Table = Readonly<Record<string, readonly unknown[]>>;

export type EncodedFeature =
  | { name: string; kind: 'numeric'; mean: number; sd: number }
  | { name: string; kind: 'categorical'; levels: string[] };

/** How raw columns become a standardised design matrix: numbers and booleans are standardised, strings are one-hot encoded. */
export interface FeatureEncoder {
  features: EncodedFeature[];
  /** Names of the encoded columns (`channel_preference=web` for a one-hot level). */
  columns: string[];
}

/** The column `name` of the data set, or JobInputError naming what the data set provides. */
export function column(table: Table, name: string, datasetName: string, role: string): readonly unknown[] {
  const values = table[name];
  if (!values) {
    throw new JobInputError(
      `${role} '${name}' is not provided by the data set ${datasetName} (it provides: ${Object.keys(table).join(', ')})`,
    );
  }
  return values;
}

export function fitEncoder(table: Table, names: readonly string[], rows: readonly number[], datasetName: string): FeatureEncoder {
  const features: EncodedFeature[] = [];
  const columns: string[] = [];
  for (const name of names) {
    const values = column(table, name, datasetName, 'lineage.input_features entry');
    if (typeof values[0] === 'string') {
      const levels = [...new Set(rows.map((r) => String(values[r])))].sort();
      features.push({ name, kind: 'categorical', levels });
      for (const level of levels) columns.push(`${name}=${level}`);
    } else if (typeof values[0] === 'number' || typeof values[0] === 'boolean') {
      let sum = 0;
      let sumSquares = 0;
      for (const r of rows) {
        const v = Number(values[r]);
        sum += v;
        sumSquares += v * v;
      }
      const mean = sum / Math.max(rows.length, 1);
      const sd = Math.sqrt(Math.max(sumSquares / Math.max(rows.length, 1) - mean * mean, 0));
      features.push({ name, kind: 'numeric', mean, sd: sd > 1e-12 ? sd : 1 });
      columns.push(name);
    } else {
      throw new JobInputError(`Feature '${name}' of the data set ${datasetName} is neither numeric nor categorical`);
    }
  }
  return { features, columns };
}

/** Row-major design matrix (rows × encoder.columns.length); an unseen category encodes as all zeros. */
export function encode(encoder: FeatureEncoder, table: Table, rows: readonly number[], datasetName: string): Float64Array {
  const d = encoder.columns.length;
  const out = new Float64Array(rows.length * d);
  let offset = 0;
  for (const feature of encoder.features) {
    const values = column(table, feature.name, datasetName, 'Model feature');
    if (feature.kind === 'numeric') {
      for (let i = 0; i < rows.length; i++) out[i * d + offset] = (Number(values[rows[i]!]) - feature.mean) / feature.sd;
      offset += 1;
    } else {
      const index = new Map(feature.levels.map((level, k) => [level, k]));
      for (let i = 0; i < rows.length; i++) {
        const k = index.get(String(values[rows[i]!]));
        if (k !== undefined) out[i * d + offset + k] = 1;
      }
      offset += feature.levels.length;
    }
  }
  return out;
}
