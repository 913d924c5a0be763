import { describe, it } from 'vitest';
import { expectClose, loadStatsFixture } from '../../../test/fixtures/stats/load.js';
import { chi2Sf, normalPpf, normalSf, studentTPpf, studentTSf } from './distributions.js';

const fixture = loadStatsFixture<{ cases: { name: string; points: any[] }[] }>('distributions.json');
const points = (name: string) => fixture.cases.find((c) => c.name === name)!.points;

describe('distribution functions against scipy.stats', () => {
  it('norm.sf, including the far tail', () => {
    for (const p of points('normalSf')) expectClose(normalSf(p.x), p.expected, `norm.sf(${p.x})`);
  });
  it('norm.ppf', () => {
    for (const p of points('normalPpf')) expectClose(normalPpf(p.p), p.expected, `norm.ppf(${p.p})`, 1e-9, 1e-15);
  });
  it('t.sf for integer and fractional df, small to huge, and in the tails', () => {
    for (const p of points('tSf')) expectClose(studentTSf(p.x, p.df), p.expected, `t.sf(${p.x}, df=${p.df})`);
  });
  it('t.ppf (stdtrit)', () => {
    for (const p of points('tPpf')) expectClose(studentTPpf(p.p, p.df), p.expected, `t.ppf(${p.p}, df=${p.df})`, 1e-9, 1e-15);
  });
  it('chi2.sf (upper regularized incomplete gamma), up to 5000 degrees of freedom', () => {
    for (const p of points('chi2Sf')) expectClose(chi2Sf(p.x, p.df), p.expected, `chi2.sf(${p.x}, df=${p.df})`);
  });
});
