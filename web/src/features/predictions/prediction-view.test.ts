import { describe, expect, it } from 'vitest';
import { latencyOption, shadowPairs, statsWindow } from './prediction-view';

describe('statsWindow', () => {
  it('ends with the hour of the newest prediction and spans the window', () => {
    expect(statsWindow('2026-03-10T14:25:00Z', '24h')).toEqual({ from: '2026-03-09T15:00:00.000Z', to: '2026-03-10T15:00:00.000Z', bucket: 'HOUR' });
    expect(statsWindow('2026-03-10T14:25:00Z', '7d')).toMatchObject({ from: '2026-03-03T15:00:00.000Z', bucket: 'HOUR' });
  });

  it('uses days for 30 days', () => {
    expect(statsWindow('2026-03-10T14:25:00Z', '30d')).toEqual({ from: '2026-02-09T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z', bucket: 'DAY' });
  });
});

describe('latencyOption', () => {
  const bucket = (hour: number, count: number, p50: number) => ({
    start: new Date(Date.UTC(2026, 0, 1, hour)).toISOString(),
    count,
    latencyP50: p50,
    latencyP95: p50 * 2,
    latencyP99: p50 * 3,
  });

  it('draws counts as bars on the right axis and the percentiles as lines, broken where buckets are missing', () => {
    const option = latencyOption([bucket(0, 10, 5), bucket(1, 20, 6), bucket(4, 5, 7)], 'HOUR');
    const [bars, p50, p95, p99] = option.series;
    expect(bars).toMatchObject({ type: 'bar', yAxisIndex: 1 });
    expect(bars!.data).toEqual([
      [Date.UTC(2026, 0, 1, 0), 10],
      [Date.UTC(2026, 0, 1, 1), 20],
      [Date.UTC(2026, 0, 1, 4), 5],
    ]);
    expect(p50!.data).toEqual([
      [Date.UTC(2026, 0, 1, 0), 5],
      [Date.UTC(2026, 0, 1, 1), 6],
      [Date.UTC(2026, 0, 1, 2), null],
      [Date.UTC(2026, 0, 1, 4), 7],
    ]);
    expect([p50!.name, p95!.name, p99!.name]).toEqual(['p50', 'p95', 'p99']);
    expect(p99!.data[3]).toEqual([Date.UTC(2026, 0, 1, 4), 21]);
    expect(option.animation).toBe(false);
  });
});

describe('shadowPairs', () => {
  const entries = [
    { role: 'CHAMPION', model: { id: 'c', name: 'Champion' } },
    { role: 'CHALLENGER', model: { id: 'x', name: 'X' } },
    { role: 'SHADOW', model: { id: 's', name: 'S' } },
  ];

  it('compares the champion with every other entry on its own page', () => {
    expect(shadowPairs('c', entries).map((p) => [p.champion.id, p.challenger.id, p.role])).toEqual([
      ['c', 'x', 'CHALLENGER'],
      ['c', 's', 'SHADOW'],
    ]);
  });

  it('compares a challenger or shadow with the champion, and nothing without a champion', () => {
    expect(shadowPairs('s', entries).map((p) => [p.champion.id, p.challenger.id])).toEqual([['c', 's']]);
    expect(shadowPairs('x', entries.slice(1))).toEqual([]);
  });
});
