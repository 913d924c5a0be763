import { describe, expect, it } from 'vitest';
import { buildStartAbTestInput, EMPTY_START_AB_TEST, type StartAbTestFormState } from './ab-test-form';

const filled: StartAbTestFormState = {
  ...EMPTY_START_AB_TEST,
  name: '  Checkout copy  ',
  modelAId: 'a',
  modelBId: 'b',
  metric: ' revenue_per_visit ',
  splitPercent: '20',
  minimumDetectableEffect: '0,5',
};

describe('buildStartAbTestInput', () => {
  it('turns the form into the startAbTest input: B’s share as a fraction, decimals with a comma, trimmed text, empty options left out', () => {
    expect(buildStartAbTestInput(filled)).toEqual({
      input: {
        name: 'Checkout copy',
        modelAId: 'a',
        modelBId: 'b',
        metric: 'revenue_per_visit',
        kind: 'MEAN',
        direction: 'HIGHER_IS_BETTER',
        source: 'OBSERVATIONS',
        split: 0.2,
        minimumDetectableEffect: 0.5,
        alpha: 0.05,
        power: 0.8,
      },
      problems: [],
    });
  });

  it('sends a baseline, a standard deviation and a description when given', () => {
    const { input } = buildStartAbTestInput({ ...filled, baseline: '10', standardDeviation: '2.5', description: ' why ' });
    expect(input).toMatchObject({ baseline: 10, standardDeviation: 2.5, description: 'why' });
  });

  it('ignores a standard deviation typed before switching to PROPORTION, and checks rates', () => {
    const ok = buildStartAbTestInput({ ...filled, kind: 'PROPORTION', minimumDetectableEffect: '0.02', baseline: '0.1', standardDeviation: '3' });
    expect(ok.problems).toEqual([]);
    expect(ok.input).not.toHaveProperty('standardDeviation');
    const bad = buildStartAbTestInput({ ...filled, kind: 'PROPORTION', minimumDetectableEffect: '2', baseline: '1.5' });
    expect(bad.input).toBeNull();
    expect(bad.problems.map((p) => p.field)).toEqual(['minimumDetectableEffect', 'baseline']);
  });

  it('lists every problem of an empty form, one per field, and sends nothing', () => {
    const { input, problems } = buildStartAbTestInput({ ...EMPTY_START_AB_TEST, splitPercent: '100', alpha: '', power: '1' });
    expect(input).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(['name', 'modelAId', 'modelBId', 'metric', 'splitPercent', 'minimumDetectableEffect', 'alpha', 'power']);
  });

  it('refuses the same model in both arms, and numbers that are not numbers', () => {
    const { problems } = buildStartAbTestInput({ ...filled, modelBId: 'a', splitPercent: 'half', standardDeviation: '-1', baseline: 'x' });
    expect(problems).toEqual([
      { field: 'modelBId', message: 'Model B must be another model than model A.' },
      { field: 'splitPercent', message: "Model B's share of the traffic must be a percentage between 0 and 100 (exclusive), e.g. 50." },
      { field: 'baseline', message: 'The baseline must be a number.' },
      { field: 'standardDeviation', message: 'The standard deviation must be a positive number.' },
    ]);
  });
});
