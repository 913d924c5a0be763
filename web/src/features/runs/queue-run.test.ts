import { describe, expect, it } from 'vitest';
import { buildQueueRunInput, cancelState, initialQueueRunState, paramsFromRows, parseSeed } from './queue-run';

describe('queue-run form', () => {
  it('starts as a small TRAIN with seed 1 and no params', () => {
    expect(initialQueueRunState()).toEqual({ type: 'TRAIN', size: 'SMALL', seed: '1', params: [], modelName: '' });
  });

  it('turns rows into trimmed params, drops blank rows, names rows it cannot use', () => {
    expect(paramsFromRows([{ key: ' algorithm ', value: ' holt_winters ' }, { key: '', value: '' }])).toEqual({
      params: [{ key: 'algorithm', value: 'holt_winters' }],
      problems: [],
    });
    const { params, problems } = paramsFromRows([
      { key: 'a', value: '1' },
      { key: '', value: '2' },
      { key: 'a', value: '3' },
    ]);
    expect(params).toEqual([{ key: 'a', value: '1' }]);
    expect(problems.map((p) => p.message)).toEqual(['Param 2 has a value but no name', 'Param a is given twice']);
  });

  it('accepts a whole-number seed that fits a GraphQL Int', () => {
    expect(parseSeed(' 42 ')).toEqual({ seed: 42 });
    expect(parseSeed('0')).toEqual({ seed: 0 });
    expect(parseSeed('-1')).toHaveProperty('problem.field', 'seed');
    expect(parseSeed('1.5')).toHaveProperty('problem.field', 'seed');
    expect(parseSeed('')).toHaveProperty('problem.field', 'seed');
    expect(parseSeed('2147483648')).toHaveProperty('problem.message', 'The seed is at most 2147483647');
  });

  it('builds the input for a model', () => {
    const state = { ...initialQueueRunState('BACKTEST'), size: 'DEFAULT' as const, seed: '7', params: [{ key: 'horizon', value: '28' }] };
    expect(buildQueueRunInput({ modelId: 'm1' }, state, 'web:k1')).toEqual({
      input: {
        modelId: 'm1',
        type: 'BACKTEST',
        trigger: 'MANUAL',
        dataset: { seed: 7, size: 'DEFAULT' },
        params: [{ key: 'horizon', value: '28' }],
        idempotencyKey: 'web:k1',
      },
      problems: [],
    });
  });

  it('names the new model only for a recipe version, and only when one is typed', () => {
    const state = { ...initialQueueRunState(), modelName: '  Demand v2 ' };
    expect(buildQueueRunInput({ recipeVersionId: 'v1' }, state).input).toMatchObject({ recipeVersionId: 'v1', modelName: 'Demand v2' });
    expect(buildQueueRunInput({ recipeVersionId: 'v1' }, initialQueueRunState()).input).not.toHaveProperty('modelName');
    expect(buildQueueRunInput({ modelId: 'm1' }, state).input).not.toHaveProperty('modelName');
  });

  it('sends nothing while a field is wrong', () => {
    const result = buildQueueRunInput({ modelId: 'm1' }, { ...initialQueueRunState(), seed: 'x', params: [{ key: '', value: 'v' }] });
    expect(result.input).toBeNull();
    expect(result.problems.map((p) => p.field)).toEqual(['seed', 'params']);
  });
});

describe('cancelState', () => {
  it('offers Cancel for a worker run that is queued or running', () => {
    expect(cancelState({ status: 'QUEUED', cancelRequestedAt: null, workerRun: true })).toBe('cancel');
    expect(cancelState({ status: 'RUNNING', cancelRequestedAt: null, workerRun: true })).toBe('cancel');
  });

  it('says the cancellation is requested once asked, until the worker stops the run', () => {
    expect(cancelState({ status: 'RUNNING', cancelRequestedAt: '2025-01-01T00:00:00Z', workerRun: true })).toBe('requested');
    expect(cancelState({ status: 'CANCELLED', cancelRequestedAt: '2025-01-01T00:00:00Z', workerRun: true })).toBe('none');
  });

  it('offers nothing for finished runs or runs reported from outside', () => {
    for (const status of ['SUCCEEDED', 'FAILED', 'CANCELLED'] as const) {
      expect(cancelState({ status, cancelRequestedAt: null, workerRun: true })).toBe('none');
    }
    expect(cancelState({ status: 'RUNNING', cancelRequestedAt: null, workerRun: false })).toBe('none');
  });
});
