import { JobInputError } from '../types.js';
import { encode, fitEncoder, type FeatureEncoder, type Table } from './feature-encoder.js';
import { fitLogistic, predictLogistic, type LogisticFit } from './logistic-regression.js';
import { isRecord } from '../common/manifest-reader.js';

/**
 * Two-model (T-learner) uplift: one logistic regression of the label per action arm, fitted on the
 * randomised rows that received that action. The uplift of action a for a customer is
 * p̂_a(x) − p̂_control(x); the recommendation is the action with the largest uplift when it exceeds
 * `minUplift`, else the control.
 */
export interface ArmModel {
  coefficients: number[];
  rows: number;
  conversionRate: number;
  iterations: number;
  converged: boolean;
}

export interface UpliftModel {
  format: 'modelyard.two_model_uplift';
  version: 1;
  baseLearner: 'logistic_regression';
  label: string;
  actionColumn: string;
  actions: string[];
  controlAction: string;
  minUplift: number;
  l2: number;
  encoder: FeatureEncoder;
  arms: Record<string, ArmModel>;
}

export interface FitOptions {
  label: string;
  actionColumn: string;
  actions: readonly string[];
  controlAction: string;
  features: readonly string[];
  l2: number;
  maxIterations: number;
  minUplift: number;
  datasetName: string;
}

/** Fits every arm; `onArm` is told after each one (for progress and loss curves). */
export async function fitUpliftModel(
  table: Table,
  rows: readonly number[],
  options: FitOptions,
  onArm: (action: string, fit: LogisticFit, index: number) => Promise<void>,
): Promise<UpliftModel> {
  const encoder = fitEncoder(table, options.features, rows, options.datasetName);
  const labels = table[options.label]!;
  const actions = table[options.actionColumn]!;
  const arms: Record<string, ArmModel> = {};
  for (const [index, action] of options.actions.entries()) {
    const armRows = rows.filter((r) => actions[r] === action);
    if (armRows.length < 20) {
      throw new JobInputError(`Action '${action}' has ${armRows.length} randomised training rows; at least 20 are needed to fit its model`);
    }
    const x = encode(encoder, table, armRows, options.datasetName);
    const y = Float64Array.from(armRows, (r) => (labels[r] ? 1 : 0));
    const fit = fitLogistic(x, y, encoder.columns.length, { l2: options.l2, maxIterations: options.maxIterations, tolerance: 1e-6 });
    arms[action] = {
      coefficients: fit.coefficients,
      rows: armRows.length,
      conversionRate: y.reduce((s, v) => s + v, 0) / y.length,
      iterations: fit.iterations,
      converged: fit.converged,
    };
    await onArm(action, fit, index);
  }
  return {
    format: 'modelyard.two_model_uplift',
    version: 1,
    baseLearner: 'logistic_regression',
    label: options.label,
    actionColumn: options.actionColumn,
    actions: [...options.actions],
    controlAction: options.controlAction,
    minUplift: options.minUplift,
    l2: options.l2,
    encoder,
    arms,
  };
}

export interface UpliftScores {
  /** Per action: predicted conversion probability per row. */
  probability: Record<string, Float64Array>;
  recommended: string[];
  bestTreatment: string[];
  /** The best treatment's predicted uplift. */
  score: Float64Array;
}

export function scoreUplift(model: UpliftModel, table: Table, rows: readonly number[], datasetName: string): UpliftScores {
  const x = encode(model.encoder, table, rows, datasetName);
  const d = model.encoder.columns.length;
  const probability: Record<string, Float64Array> = {};
  for (const action of model.actions) probability[action] = predictLogistic(x, rows.length, d, model.arms[action]!.coefficients);
  const control = probability[model.controlAction]!;
  const treatments = model.actions.filter((a) => a !== model.controlAction);
  const recommended: string[] = [];
  const bestTreatment: string[] = [];
  const score = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    let best = treatments[0]!;
    let bestUplift = -Infinity;
    for (const action of treatments) {
      const uplift = probability[action]![i]! - control[i]!;
      if (uplift > bestUplift) {
        bestUplift = uplift;
        best = action;
      }
    }
    bestTreatment.push(best);
    score[i] = bestUplift;
    recommended.push(bestUplift > model.minUplift ? best : model.controlAction);
  }
  return { probability, recommended, bestTreatment, score };
}

/** Validates a stored `model.json` (an EVAL's trained model). */
export function parseUpliftModel(value: unknown): UpliftModel {
  if (!isRecord(value) || value.format !== 'modelyard.two_model_uplift' || value.version !== 1) {
    throw new JobInputError('The trained model is not a next-best-action two-model uplift model (format modelyard.two_model_uplift, version 1)');
  }
  const model = value as unknown as UpliftModel;
  const width = Array.isArray(model.encoder?.columns) ? model.encoder.columns.length : -1;
  if (!Array.isArray(model.actions) || !isRecord(model.arms) || width < 0) throw new JobInputError('The trained model is malformed: actions, arms or encoder is missing');
  for (const action of model.actions) {
    const arm = model.arms[action];
    if (!arm || !Array.isArray(arm.coefficients) || arm.coefficients.length !== width + 1) {
      throw new JobInputError(`The trained model is malformed: the arm '${action}' has no coefficients for its ${width} features`);
    }
  }
  if (!model.actions.includes(model.controlAction)) throw new JobInputError(`The trained model's control action '${model.controlAction}' is not one of its actions`);
  return model;
}
