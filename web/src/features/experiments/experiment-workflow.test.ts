import { describe, expect, it } from 'vitest';
import {
  allowedExperimentActions,
  buildBoard,
  buildCompletionInput,
  buildProposalInput,
  buildTimeline,
  EMPTY_PROPOSAL,
  formatRelativeChange,
  parseExperimentBoardParams,
  parsePercent,
} from './experiment-workflow';

describe('buildBoard', () => {
  const counts = [
    { status: 'COMPLETED', count: 30 },
    { status: 'PROPOSED', count: 2 },
    { status: 'APPROVED', count: 0 },
  ] as const;

  it('has the six columns in workflow order, with the endings last, each with its count and cards', () => {
    const board = buildBoard(counts, { PROPOSED: ['p1', 'p2'], COMPLETED: ['c1', 'c2', 'c3'] });
    expect(board.map((c) => [c.status, c.count, c.cards.length, c.hidden])).toEqual([
      ['PROPOSED', 2, 2, 0],
      ['APPROVED', 0, 0, 0],
      ['IN_PROGRESS', 0, 0, 0],
      ['SHADOW_TESTING', 0, 0, 0],
      ['COMPLETED', 30, 3, 27],
      ['REJECTED', 0, 0, 0],
    ]);
    expect(board[3]).toMatchObject({ label: 'Shadow testing', hint: 'Candidates scored in shadow' });
  });

  it('shows one column for a status view, and never fewer in the count than cards on it', () => {
    const board = buildBoard([], { IN_PROGRESS: ['a'] }, 'IN_PROGRESS');
    expect(board).toHaveLength(1);
    expect(board[0]).toMatchObject({ status: 'IN_PROGRESS', count: 1, hidden: 0 });
  });
});

describe('allowedExperimentActions', () => {
  it.each([
    ['PROPOSED', ['approve', 'reject']],
    ['APPROVED', ['start']],
    ['IN_PROGRESS', ['shadow', 'complete']],
    ['SHADOW_TESTING', ['complete']],
    ['COMPLETED', []],
    ['REJECTED', []],
  ] as const)('%s offers %j', (status, actions) => {
    expect(allowedExperimentActions(status)).toEqual(actions);
  });
});

describe('buildTimeline', () => {
  it('orders the audit events oldest first and says what each step did, by whom, with its reason', () => {
    const timeline = buildTimeline([
      { id: '5', action: 'experiment.complete', actor: 'ana', createdAt: '2026-01-05T00:00:00Z', reason: 'MAPE fell 8 %', after: { status: 'COMPLETED', decision: 'PARTIAL_ADOPT' } },
      { id: '4', action: 'experiment.link', actor: 'bo', createdAt: '2026-01-04T00:00:00Z', after: { models: [{ model: 'm', role: 'CANDIDATE' }], runs: ['r1', 'r2'] } },
      { id: '3', action: 'experiment.update', actor: 'bo', createdAt: '2026-01-03T00:00:00Z', before: { hypothesis: 'x' }, after: { hypothesis: 'y', targetMetric: 'MAE' } },
      { id: '2', action: 'experiment.approve', actor: 'ana', createdAt: '2026-01-02T00:00:00Z', reason: ' ', after: { status: 'APPROVED' } },
      { id: '1', action: 'experiment.propose', actor: 'bo', createdAt: '2026-01-01T00:00:00Z', after: { status: 'PROPOSED', name: 'n' } },
      { id: '6', action: 'experiment.unlink', actor: 'bo', createdAt: '2026-01-06T00:00:00Z', before: { abTests: ['t'] } },
    ]);
    expect(timeline.map((e) => [e.id, e.title, e.status, e.actor, e.reason])).toEqual([
      ['1', 'Proposed', 'PROPOSED', 'bo', null],
      ['2', 'Approved', 'APPROVED', 'ana', null],
      ['3', 'Edited hypothesis, target metric', null, 'bo', null],
      ['4', 'Linked 1 model, 2 runs', null, 'bo', null],
      ['5', 'Completed: Partial adopt', 'COMPLETED', 'ana', 'MAPE fell 8 %'],
      ['6', 'Unlinked 1 A/B test', null, 'bo', null],
    ]);
  });
});

describe('the propose form', () => {
  it('reads the expected improvement as a percentage', () => {
    expect(parsePercent('5')).toBe(0.05);
    expect(parsePercent('2,5 %')).toBe(0.025);
    expect(parsePercent('0')).toBeNull();
    expect(parsePercent('abc')).toBeNull();
    expect(parsePercent('')).toBeNull();
  });

  it('lists every problem at once and sends nothing', () => {
    const { input, problems } = buildProposalInput({ ...EMPTY_PROPOSAL, name: ' ', expectedImprovement: '-3' });
    expect(input).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(['name', 'hypothesis', 'targetMetric', 'expectedImprovement']);
  });

  it('builds the input, trimmed, without the empty model rows', () => {
    const { input, problems } = buildProposalInput({
      name: ' Promotions ',
      hypothesis: 'Promotions lower MAPE',
      targetMetric: 'MAPE',
      expectedImprovement: '5',
      description: '',
      models: [
        { modelId: 'a', role: 'BASELINE' },
        { modelId: '', role: 'CANDIDATE' },
        { modelId: 'b', role: 'CANDIDATE' },
      ],
    });
    expect(problems).toEqual([]);
    expect(input).toEqual({
      name: 'Promotions',
      hypothesis: 'Promotions lower MAPE',
      targetMetric: 'MAPE',
      expectedImprovement: 0.05,
      description: '',
      models: [
        { modelId: 'a', role: 'BASELINE' },
        { modelId: 'b', role: 'CANDIDATE' },
      ],
    });
  });

  it('refuses a model listed twice', () => {
    const { problems } = buildProposalInput({ ...EMPTY_PROPOSAL, name: 'n', hypothesis: 'h', targetMetric: 'm', expectedImprovement: '1', models: [{ modelId: 'a', role: 'BASELINE' }, { modelId: 'a', role: 'CANDIDATE' }] });
    expect(problems).toEqual([{ field: 'models', message: 'A model is listed twice.' }]);
  });
});

describe('the complete form', () => {
  const base = { decision: 'ADOPT' as const, rationale: 'Better', resultsSummary: '', results: [], adoptModelIds: [] };

  it('needs a rationale, and for a partial adoption the models', () => {
    const { input, problems } = buildCompletionInput('e1', { ...base, decision: 'PARTIAL_ADOPT', rationale: '  ' });
    expect(input).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(['rationale', 'adoptModelIds']);
  });

  it('skips blank result rows and names what is wrong with the others', () => {
    const { problems } = buildCompletionInput('e1', {
      ...base,
      results: [
        { metric: '', baseline: '', observed: '', note: '' },
        { metric: 'MAPE', baseline: 'x', observed: '0.12', note: '' },
        { metric: '', baseline: '1', observed: '2', note: '' },
      ],
    });
    expect(problems.map((p) => p.message)).toEqual(['Result 2: the baseline must be a number.', 'Result 3: name the metric.']);
  });

  it('builds the input: numbers parsed, models only for PARTIAL_ADOPT', () => {
    const adopt = buildCompletionInput('e1', { ...base, adoptModelIds: ['stale'], results: [{ metric: 'MAPE', baseline: '0,14', observed: '0.13', note: ' n ' }] });
    expect(adopt.input).toEqual({ id: 'e1', decision: 'ADOPT', rationale: 'Better', results: [{ metric: 'MAPE', baseline: 0.14, observed: 0.13, note: 'n' }] });
    const partial = buildCompletionInput('e1', { ...base, decision: 'PARTIAL_ADOPT', resultsSummary: ' s ', adoptModelIds: ['m1'] });
    expect(partial.input).toEqual({ id: 'e1', decision: 'PARTIAL_ADOPT', rationale: 'Better', resultsSummary: 's', results: [], adoptModelIds: ['m1'] });
  });
});

describe('board parameters and formatting', () => {
  it('keeps the cursor only for a one-column view', () => {
    expect(parseExperimentBoardParams({ q: ' promo ', after: 'c1' })).toEqual({ q: 'promo', status: null, page: { after: null, trail: [], index: 0 } });
    expect(parseExperimentBoardParams({ status: 'COMPLETED', after: 'c2', trail: 'c1' })).toMatchObject({ status: 'COMPLETED', page: { after: 'c2', index: 2 } });
    expect(parseExperimentBoardParams({ status: 'BOGUS' }).status).toBeNull();
  });

  it('writes relative changes with their sign', () => {
    expect(formatRelativeChange(-0.125)).toBe('−12.5 %');
    expect(formatRelativeChange(0.03)).toBe('+3 %');
    expect(formatRelativeChange(null)).toBe('—');
  });
});
