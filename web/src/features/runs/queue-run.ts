/**
 * The queue-run form's rules, apart from React: which fields become which `QueueRunInput`, what
 * is refused before the API is asked, and whether a run can be cancelled. Unit-tested in
 * queue-run.test.ts.
 */
import type { FormProblem as Problem } from '@/lib/form-draft';
import type { DatasetSize, QueueRunInput, RunStatus, RunType } from '@/gql/graphql';

export const DATASET_SIZE_OPTIONS: ReadonlyArray<{ value: DatasetSize; label: string; hint: string }> = [
  { value: 'SMALL', label: 'Small', hint: 'about a second' },
  { value: 'DEFAULT', label: 'Default', hint: 'the full shipped data set' },
];

export const RUN_TYPE_HINTS: Readonly<Record<RunType, string>> = {
  TRAIN: 'fits the model, then the attached packs evaluate it',
  EVAL: 'scores the latest trained model (fits one first if there is none)',
  BACKTEST: 'refits and scores walk-forward windows over the history',
};

/** GraphQL `Int` is 32-bit signed. */
const INT_MAX = 2 ** 31 - 1;

export interface ParamRow {
  key: string;
  value: string;
}

/** What the user chose, as the form holds it (text fields stay text until submitted). */
export interface QueueRunFormState {
  type: RunType;
  size: DatasetSize;
  seed: string;
  params: readonly ParamRow[];
  modelName: string;
}

/** Queue a run of this model, or register a DRAFT model from this version of an APPROVED recipe first. */
export type QueueRunTarget = { modelId: string } | { recipeVersionId: string };

export type QueueRunField = 'seed' | 'params' | 'modelName';
export type FormProblem = Problem<QueueRunField>;

export function initialQueueRunState(type: RunType = 'TRAIN'): QueueRunFormState {
  return { type, size: 'SMALL', seed: '1', params: [], modelName: '' };
}

/** Rows with a key become params (trimmed); blank rows are dropped; a value without a key or a key given twice is a problem. */
export function paramsFromRows(rows: readonly ParamRow[]): { params: ParamRow[]; problems: FormProblem[] } {
  const params: ParamRow[] = [];
  const problems: FormProblem[] = [];
  rows.forEach((row, i) => {
    const key = row.key.trim();
    const value = row.value.trim();
    if (!key && !value) return;
    if (!key) {
      problems.push({ field: 'params', message: `Param ${i + 1} has a value but no name` });
      return;
    }
    if (params.some((p) => p.key === key)) {
      problems.push({ field: 'params', message: `Param ${key} is given twice` });
      return;
    }
    params.push({ key, value });
  });
  return { params, problems };
}

/** The generator seed: a whole number from 0 to 2³¹ − 1. */
export function parseSeed(raw: string): { seed: number } | { problem: FormProblem } {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return { problem: { field: 'seed', message: 'The seed is a whole number (0 or more)' } };
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed > INT_MAX) return { problem: { field: 'seed', message: `The seed is at most ${INT_MAX}` } };
  return { seed };
}

/** The mutation's input, or the problems to fix first. */
export function buildQueueRunInput(
  target: QueueRunTarget,
  state: QueueRunFormState,
  idempotencyKey?: string,
): { input: QueueRunInput; problems: [] } | { input: null; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const seed = parseSeed(state.seed);
  if ('problem' in seed) problems.push(seed.problem);
  const { params, problems: paramProblems } = paramsFromRows(state.params);
  problems.push(...paramProblems);
  const modelName = state.modelName.trim();
  if ('recipeVersionId' in target && modelName.length > 200) problems.push({ field: 'modelName', message: 'The model name is at most 200 characters' });
  if (problems.length > 0 || 'problem' in seed) return { input: null, problems };
  const input: QueueRunInput = {
    ...target,
    type: state.type,
    trigger: 'MANUAL',
    dataset: { seed: seed.seed, size: state.size },
    params,
    ...('recipeVersionId' in target && modelName ? { modelName } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  };
  return { input, problems: [] };
}

/**
 * What the run page offers to stop a run: `cancel` for a worker's run that is QUEUED or RUNNING,
 * `requested` once cancelRun asked a RUNNING run to stop (the worker ends it at its next step),
 * `none` otherwise (finished runs, and runs reported from outside, whose pipeline sets the status).
 */
export function cancelState(run: { status: RunStatus; cancelRequestedAt: string | null; workerRun: boolean }): 'cancel' | 'requested' | 'none' {
  if (!run.workerRun) return 'none';
  if (run.status === 'QUEUED') return 'cancel';
  if (run.status === 'RUNNING') return run.cancelRequestedAt ? 'requested' : 'cancel';
  return 'none';
}
