import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '@/gql';
import type { ModelTable_ModelFragment as ModelData } from '@/gql/graphql';
import { ModelTable, ModelTable_ModelFragment } from './ModelTable';

const now = new Date('2025-06-15T12:00:00.000Z');

function model(overrides: Partial<ModelData> = {}) {
  return makeFragmentData(
    {
      id: 'm1',
      name: 'Dynamic pricing v2',
      owner: 'pricing-team@example.com',
      status: 'PRODUCTION',
      updatedAt: '2025-06-14T12:00:00.000Z',
      recipe: { id: 'r2', name: 'Baseline pricing', family: 'PRICING' },
      latestEvaluation: {
        id: 'e1',
        status: 'WARN',
        summary: 'Evaluation WARN: 4/5 metrics passed, 1 warning',
        createdAt: '2025-06-15T11:30:00.000Z',
      },
      ...overrides,
    },
    ModelTable_ModelFragment,
  );
}

describe('ModelTable', () => {
  it("shows the model's family through its recipe, its status, owner and latest evaluation", () => {
    const html = renderToString(<ModelTable models={[model()]} now={now} />);
    expect(html).toContain('Dynamic pricing v2');
    expect(html).toContain('Baseline pricing');
    expect(html).toContain('<td>Pricing</td>');
    expect(html).toMatch(/<span class="badge badge--production">PRODUCTION<\/span>/);
    expect(html).toContain('pricing-team@example.com');
    expect(html).toMatch(/<span class="badge badge--warning">WARN<\/span>/);
    expect(html).toContain('Evaluation WARN: 4/5 metrics passed, 1 warning');
    expect(html).toContain('30 minutes ago');
    expect(html).toContain('href="/models/m1"');
    expect(html).toContain('href="/recipes/r2"');
  });

  it('colours a failed evaluation red and a staging model blue', () => {
    const html = renderToString(
      <ModelTable
        models={[
          model({
            status: 'STAGING',
            latestEvaluation: {
              id: 'e2',
              status: 'FAIL',
              summary: 'Evaluation FAIL: 3/5 metrics passed, 2 failed',
              createdAt: '2025-06-15T10:00:00.000Z',
            },
          }),
        ]}
       
        now={now}
      />,
    );
    expect(html).toMatch(/<span class="badge badge--info">STAGING<\/span>/);
    expect(html).toMatch(/<span class="badge badge--danger">FAIL<\/span>/);
  });

  it('says a model has not been evaluated instead of leaving the cell blank', () => {
    const html = renderToString(
      <ModelTable models={[model({ latestEvaluation: null })]} now={now} />,
    );
    expect(html).toContain('Not evaluated yet');
  });

  it('shows an empty state when there are no models', () => {
    const html = renderToString(<ModelTable models={[]} now={now} />);
    expect(html).toContain('No models yet');
    expect(html).not.toContain('<table');
  });
});
