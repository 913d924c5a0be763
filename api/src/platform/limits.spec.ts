import { describe, expect, it } from 'vitest';
import { hideSuggestions } from './limits.js';

describe('hideSuggestions', () => {
  it('removes every form of the hint graphql-js writes', () => {
    const hide = (message: string) => hideSuggestions({ message }).message;
    expect(hide('Cannot query field "nme" on type "Model". Did you mean "name"?')).toBe('Cannot query field "nme" on type "Model".');
    expect(hide('Unknown argument "frist" on field "Query.models". Did you mean "first" or "last"?')).toBe('Unknown argument "frist" on field "Query.models".');
    expect(hide('Value "FORECASTIN" does not exist in "ModelFamily" enum. Did you mean the enum value "FORECASTING"?')).toBe('Value "FORECASTIN" does not exist in "ModelFamily" enum.');
    expect(hide('Field "x" is not defined by type "RunFilter". Did you mean "a", "b", or "c"?')).toBe('Field "x" is not defined by type "RunFilter".');
  });
});
