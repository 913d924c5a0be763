import { describe, it } from 'vitest';
import { expectClose, loadStatsFixture } from '../../../test/fixtures/stats/load.js';
import { kstwoSf, smirnovSf } from './kolmogorov.js';

const fixture = loadStatsFixture<{ cases: { name: string; points: { n: number; x: number; sf: number }[] }[] }>('kolmogorov.json');
const points = (name: string) => fixture.cases.find((c) => c.name === name)!.points;

describe('Kolmogorov distributions against scipy', () => {
  it('kstwo.sf(x, n) in every regime (Ruben–Gambino, Durbin matrix, Pomeranz, Pelz–Good, 2·smirnov)', () => {
    for (const p of points('kstwo.sf')) expectClose(kstwoSf(p.x, p.n), p.sf, `kstwo.sf(${p.x}, ${p.n})`);
  });

  it('smirnov(n, x)', () => {
    for (const p of points('smirnov')) expectClose(smirnovSf(p.n, p.x), p.sf, `smirnov(${p.n}, ${p.x})`);
  });
});
