import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '@/gql';
import type { RecipeTable_RecipeFragment as RecipeData } from '@/gql/graphql';
import { RecipeTable, RecipeTable_RecipeFragment } from './RecipeTable';

const now = new Date('2025-06-15T12:00:00.000Z');

function recipe(overrides: Partial<RecipeData> = {}) {
  return makeFragmentData(
    {
      id: 'r1',
      name: 'Retail demand forecast',
      family: 'FORECASTING',
      level: 'BASELINE',
      status: 'APPROVED',
      updatedAt: '2025-06-15T09:00:00.000Z',
      latestVersion: { id: 'rv1', version: '1.2.0' },
      parent: null,
      ...overrides,
    },
    RecipeTable_RecipeFragment,
  );
}

describe('RecipeTable', () => {
  it('shows each recipe with its family, level, status badge, latest version and age', () => {
    const html = renderToString(<RecipeTable recipes={[recipe()]} now={now} />);
    expect(html).toContain('Retail demand forecast');
    expect(html).toContain('Forecasting');
    expect(html).toContain('Baseline');
    expect(html).toMatch(/<span class="badge badge--success">APPROVED<\/span>/);
    expect(html).toContain('1.2.0');
    expect(html).toContain('3 hours ago');
    expect(html).toContain('title="15 Jun 2025, 09:00 UTC"');
  });

  it('links each recipe to its page and names the recipe it was cloned from', () => {
    const html = renderToString(
      <RecipeTable
        recipes={[recipe({ id: 'r2', status: 'DRAFT', level: 'CLIENT', parent: { id: 'r1', name: 'Forecasting Baseline' } })]}
        now={now}
      />,
    );
    expect(html).toContain('href="/recipes/r2"');
    expect(html).toContain('cloned from <!-- -->Forecasting Baseline');
    expect(html).toMatch(/<span class="badge badge--draft">DRAFT<\/span>/);
  });

  it('says when a recipe has no version yet', () => {
    const html = renderToString(
      <RecipeTable recipes={[recipe({ latestVersion: null })]} now={now} />,
    );
    expect(html).toContain('No versions');
  });

  it('shows an empty state, not an empty table, when there are no recipes', () => {
    const html = renderToString(<RecipeTable recipes={[]} now={now} />);
    expect(html).toContain('No recipes yet');
    expect(html).not.toContain('<table');
  });

  it('says the filters hide everything rather than that there are no recipes', () => {
    const html = renderToString(<RecipeTable recipes={[]} now={now} filtered />);
    expect(html).toContain('No recipes match these filters');
  });
});
