import { describe, expect, it } from 'vitest';
import {
  isFiltered,
  libraryHref,
  nextPageHref,
  parseLibraryParams,
  previousPageHref,
  tabHref,
} from './library-params';
import { libraryVariables } from './library-query';

describe('parseLibraryParams', () => {
  it('defaults to the first page of recipes, most recently updated first', () => {
    const state = parseLibraryParams({});
    expect(state).toMatchObject({ tab: 'recipes', q: '', family: null, statuses: [], sort: 'UPDATED_AT', dir: 'DESC', size: 20, after: null });
    expect(libraryHref(state)).toBe('/');
    expect(isFiltered(state)).toBe(false);
  });

  it('keeps the filters a tab has and drops the ones it does not', () => {
    const state = parseLibraryParams({ tab: 'runs', q: 'price', family: 'PRICING', status: 'FAILED,CANCELLED', type: 'TRAIN' });
    expect(state.q).toBe('');
    expect(state.family).toBeNull();
    expect(state.statuses).toEqual(['FAILED', 'CANCELLED']);
    expect(state.type).toBe('TRAIN');
    expect(libraryHref(state)).toBe('/?tab=runs&status=FAILED%2CCANCELLED&type=TRAIN');
  });

  it('ignores values that are not in the schema (a hand-edited or stale URL)', () => {
    const state = parseLibraryParams({ tab: 'models', family: 'ASTROLOGY', status: 'FAILED', sort: 'NAME; drop table', size: '7' });
    expect(state.family).toBeNull();
    expect(state.statuses).toEqual([]);
    expect(state.sort).toBe('UPDATED_AT');
    expect(state.size).toBe(20);
  });

  it('takes the first value of a repeated parameter', () => {
    expect(parseLibraryParams({ tab: ['models', 'runs'], family: ['PRICING'] })).toMatchObject({ tab: 'models', family: 'PRICING' });
  });

  it('falls back to recipes for an unknown tab', () => {
    expect(parseLibraryParams({ tab: 'nope' }).tab).toBe('recipes');
  });
});

describe('paging through keyset cursors', () => {
  it('goes forward, remembers where it came from, and comes back', () => {
    const first = parseLibraryParams({ tab: 'runs', status: 'FAILED' });
    const secondHref = nextPageHref(first, 'c1');
    expect(secondHref).toBe('/?tab=runs&status=FAILED&after=c1');

    const second = parseLibraryParams(Object.fromEntries(new URL(secondHref, 'http://x').searchParams));
    const thirdHref = nextPageHref(second, 'c2');
    expect(thirdHref).toBe('/?tab=runs&status=FAILED&after=c2&trail=c1');

    const third = parseLibraryParams(Object.fromEntries(new URL(thirdHref, 'http://x').searchParams));
    expect(previousPageHref(third)).toBe(secondHref);
    expect(previousPageHref(second)).toBe('/?tab=runs&status=FAILED');
    expect(previousPageHref(first)).toBeNull();
  });
});

describe('tabHref', () => {
  it('carries the search and family to tabs that have them, and starts the other filters afresh', () => {
    const state = parseLibraryParams({ tab: 'recipes', q: 'fore', family: 'FORECASTING', level: 'BASELINE', status: 'APPROVED', after: 'c1' });
    expect(tabHref(state, 'models')).toBe('/?tab=models&q=fore&family=FORECASTING');
    expect(tabHref(state, 'runs')).toBe('/?tab=runs');
    expect(tabHref(state, 'alerts')).toBe('/?tab=alerts&q=fore');
  });
});

describe('libraryVariables', () => {
  it('asks only for the active tab, sorts only it, and counts the others with the shared filters', () => {
    const vars = libraryVariables(parseLibraryParams({ tab: 'models', q: 'store', family: 'LOCATION_SCORING', status: 'PRODUCTION', sort: 'NAME', dir: 'ASC' }));
    expect(vars).toMatchObject({
      withModels: true,
      withRecipes: false,
      withRuns: false,
      modelFilter: { search: 'store', family: 'LOCATION_SCORING', status: 'PRODUCTION' },
      modelOrder: { field: 'NAME', direction: 'ASC' },
      recipeCountFilter: { search: 'store', family: 'LOCATION_SCORING' },
      alertCountFilter: { search: 'store' },
    });
    expect(vars.recipeOrder).toBeUndefined();
    expect(vars.alertOrder).toBeUndefined();
  });

  it("sends a tab's statuses and types to its own list only (the API validates every list's variables)", () => {
    const vars = libraryVariables(parseLibraryParams({ tab: 'models', status: 'PRODUCTION' }));
    expect(vars.modelFilter?.status).toBe('PRODUCTION');
    expect(vars.recipeFilter?.status).toBeUndefined();
    expect(vars.runFilter?.statuses).toBeUndefined();
    expect(vars.alertFilter?.statuses).toBeUndefined();
    const runs = libraryVariables(parseLibraryParams({ tab: 'runs', status: 'SUCCEEDED', type: 'EVAL' }));
    expect(runs.runFilter).toEqual({ statuses: ['SUCCEEDED'], type: 'EVAL' });
    expect(runs.alertFilter).toMatchObject({ statuses: undefined, types: undefined });
  });

  it('passes alert types and minimum severity', () => {
    const vars = libraryVariables(parseLibraryParams({ tab: 'alerts', status: 'OPEN', type: 'RUN_FAILED', severity: 'WARNING' }));
    expect(vars.alertFilter).toMatchObject({ statuses: ['OPEN'], types: ['RUN_FAILED'], minSeverity: 'WARNING' });
  });
});
