import { describe, expect, it } from 'vitest';
import { ExperimentDecision, ExperimentModelRole } from './experiment.enums.js';
import type { CompleteExperimentInput } from './experiment.inputs.js';
import { adoptedModels, completionProblems, proposalProblems, relativeChange, toResults } from './experiment.validation.js';

const { BASELINE, CANDIDATE } = ExperimentModelRole;
const links = [
  { modelId: 'base', role: BASELINE },
  { modelId: 'c1', role: CANDIDATE },
  { modelId: 'c2', role: CANDIDATE },
];
const completion = (input: Partial<CompleteExperimentInput>): CompleteExperimentInput => ({ id: 'e', decision: ExperimentDecision.REJECT, rationale: 'why', ...input });

describe('adoptedModels', () => {
  it('adopts every candidate in link order for ADOPT, none for REJECT, the named ones for PARTIAL_ADOPT', () => {
    expect(adoptedModels({ decision: ExperimentDecision.ADOPT }, links)).toEqual({ ids: ['c1', 'c2'], problems: [] });
    expect(adoptedModels({ decision: ExperimentDecision.REJECT }, links)).toEqual({ ids: [], problems: [] });
    expect(adoptedModels({ decision: ExperimentDecision.PARTIAL_ADOPT, adoptModelIds: ['c2'] }, links)).toEqual({ ids: ['c2'], problems: [] });
  });

  it('refuses ADOPT without candidates and PARTIAL_ADOPT of models that are not linked candidates', () => {
    expect(adoptedModels({ decision: ExperimentDecision.ADOPT }, [links[0]!]).problems).toEqual([{ path: 'input.decision', message: 'ADOPT needs at least one CANDIDATE model linked to the experiment' }]);
    expect(adoptedModels({ decision: ExperimentDecision.PARTIAL_ADOPT, adoptModelIds: ['c1', 'x', 'base'] }, links)).toEqual({
      ids: [],
      problems: [
        { path: 'input.adoptModelIds[1]', message: 'model x is not linked to the experiment' },
        { path: 'input.adoptModelIds[2]', message: "model base is the experiment's BASELINE; only CANDIDATE models can be adopted" },
      ],
    });
  });
});

describe('completionProblems', () => {
  it('requires a rationale, finite results and adoptModelIds exactly for PARTIAL_ADOPT', () => {
    expect(completionProblems(completion({}))).toEqual([]);
    expect(completionProblems(completion({ rationale: '  ', results: [{ metric: 'MAPE', baseline: Number.NaN, observed: Infinity }] }))).toEqual([
      { path: 'input.rationale', message: 'a rationale is required to complete an experiment' },
      { path: 'input.results[0].baseline', message: 'must be a finite number' },
      { path: 'input.results[0].observed', message: 'must be a finite number' },
    ]);
    expect(completionProblems(completion({ decision: ExperimentDecision.PARTIAL_ADOPT }))).toEqual([{ path: 'input.adoptModelIds', message: 'PARTIAL_ADOPT needs the CANDIDATE models to adopt' }]);
    expect(completionProblems(completion({ decision: ExperimentDecision.REJECT, adoptModelIds: ['c1'] }))).toEqual([{ path: 'input.adoptModelIds', message: 'only PARTIAL_ADOPT names models; REJECT adopts none' }]);
  });
});

describe('proposalProblems', () => {
  it('names every problem at once, and duplicate links by index', () => {
    expect(
      proposalProblems({ name: 'n', hypothesis: '', targetMetric: ' ', expectedImprovement: Number.POSITIVE_INFINITY, description: '', models: [{ modelId: 'm', role: CANDIDATE }, { modelId: 'm', role: BASELINE }], runIds: ['r', 'r'] }),
    ).toEqual([
      { path: 'input.hypothesis', message: 'must not be empty' },
      { path: 'input.targetMetric', message: 'must not be empty' },
      { path: 'input.expectedImprovement', message: 'must be a positive relative improvement, e.g. 0.05 for 5 %' },
      { path: 'input.models[1].modelId', message: 'm is listed twice' },
      { path: 'input.runIds[1]', message: 'r is listed twice' },
    ]);
  });
});

describe('results', () => {
  it('stores the relative change against |baseline| (null for a zero baseline)', () => {
    expect(relativeChange(0.2, 0.18)).toBeCloseTo(-0.1, 12);
    expect(relativeChange(-2, -1)).toBe(0.5);
    expect(relativeChange(0, 1)).toBeNull();
    expect(toResults([{ metric: ' MAPE ', baseline: 4, observed: 5, note: '  ' }])).toEqual([{ metric: 'MAPE', baseline: 4, observed: 5, relativeChange: 0.25, note: null }]);
  });
});
