import { describe, expect, it } from 'vitest';
import { differenceIntervalOption, formatInterval, formatPValue, intervalRange, parseAbTestListParams, sampleProgress, verdict } from './ab-test-view';

type Bar = { markLine: { data: object[] }; lineStyle: { color: string } };
const errorBar = (option: ReturnType<typeof differenceIntervalOption>) => option!.series[0] as unknown as Bar;

const significant = { difference: 0.5, ciLow: 0.3, ciHigh: 0.7, pValue: 1e-6, winner: 'B' as const, confidenceLevel: 0.95 };

describe('differenceIntervalOption', () => {
  it('draws the difference as a point and its interval as an error bar, against zero and ±MDE', () => {
    const option = differenceIntervalOption({ result: significant, metric: 'revenue', minimumDetectableEffect: 0.2 })!;
    const [bar, point] = option.series;
    expect(bar).toMatchObject({ type: 'line', data: [[0.3, 'B − A'], [0.7, 'B − A']], symbol: 'rect' });
    expect(point).toMatchObject({ type: 'scatter', data: [[0.5, 'B − A']] });
    expect(errorBar(option).markLine.data.map((d) => (d as { xAxis: number }).xAxis)).toEqual([0, -0.2, 0.2]);
    // Zero, the interval and both MDE lines are inside the axis.
    expect(option.xAxis.min).toBeLessThan(-0.2);
    expect(option.xAxis.max).toBeGreaterThan(0.7);
    // A declared winner is drawn green.
    expect(errorBar(option).lineStyle.color).toBe('#1b6b34');
    expect(option.animation).toBe(false);
  });

  it('keeps zero in view for an interval far from it, and draws a non-significant one in blue', () => {
    const option = differenceIntervalOption({ result: { ...significant, difference: 10, ciLow: 9, ciHigh: 11, winner: null }, metric: 'm' })!;
    expect(option.xAxis.min).toBeLessThan(0);
    expect(errorBar(option).lineStyle.color).toBe('#2f5bd3');
    expect(errorBar(option).markLine.data).toHaveLength(1);
  });

  it('says what the tooltip shows: the difference, the interval, p and the winner', () => {
    const option = differenceIntervalOption({ result: significant, metric: 'revenue' })!;
    expect(option.tooltip.formatter()).toBe('revenue: B − A = 0.5<br/>95 % interval 0.3 to 0.7<br/>p < 0.0001 · B wins');
  });

  it('has nothing to draw before the test can be computed', () => {
    expect(differenceIntervalOption({ result: { ...significant, difference: null }, metric: 'm' })).toBeNull();
  });

  it('opens a range around a lone zero', () => {
    expect(intervalRange([0])).toEqual({ min: -1, max: 1 });
  });
});

describe('sampleProgress', () => {
  it('counts the smaller arm towards the size per arm of an even split', () => {
    const progress = sampleProgress({ armA: { n: 1200 }, armB: { n: 300 }, requiredSampleSizeA: 1000, requiredSampleSizeB: 1000, sampleSizeReached: false });
    expect(progress).toEqual({ required: { a: 1000, b: 1000 }, fraction: 0.3, label: '300 of 1,000 per arm (30 %)', requiredLabel: 'of 1,000 per arm' });
  });

  it('counts each arm towards its own size for an uneven split: the one furthest behind decides', () => {
    const progress = sampleProgress({ armA: { n: 4706 }, armB: { n: 235 }, requiredSampleSizeA: 9412, requiredSampleSizeB: 2353, sampleSizeReached: false });
    expect(progress).toEqual({
      required: { a: 9412, b: 2353 },
      fraction: 235 / 2353,
      label: 'A 4,706 of 9,412 · B 235 of 2,353 (9 %)',
      requiredLabel: 'of 9,412 (A) / 2,353 (B)',
    });
  });

  it('is full once reached, and says so when the size is not known yet', () => {
    expect(sampleProgress({ armA: { n: 5 }, armB: { n: 5 }, requiredSampleSizeA: 5, requiredSampleSizeB: 5, sampleSizeReached: true }).fraction).toBe(1);
    expect(sampleProgress({ armA: { n: 1 }, armB: { n: 0 }, requiredSampleSizeA: null, requiredSampleSizeB: null, sampleSizeReached: false })).toEqual({
      required: null,
      fraction: null,
      label: '0 per arm so far; the required size is not known yet',
      requiredLabel: 'size unknown',
    });
  });
});

describe('verdict and formats', () => {
  const arms = { armA: { n: 10 }, armB: { n: 10 }, requiredSampleSizeA: 100, requiredSampleSizeB: 100, sampleSizeReached: false };
  it('names the winner, or says why there is none', () => {
    expect(verdict({ ...arms, ...significant }, 0.05)).toBe('B is better: p < 0.0001, below α 0.05.');
    expect(verdict({ ...arms, ...significant, pValue: 0.2, winner: null }, 0.05)).toBe('No significant difference: p = 0.2, not below α 0.05.');
    expect(verdict({ ...arms, confidenceLevel: 0.95 }, 0.05)).toBe('Not enough observations for the test yet.');
  });

  it('formats p-values and intervals', () => {
    expect(formatPValue(0.04321)).toBe('0.043');
    expect(formatPValue(null)).toBe('—');
    expect(formatInterval(significant)).toBe('0.5 [0.3, 0.7]');
    expect(formatInterval({ difference: null })).toBe('—');
  });
});

describe('parseAbTestListParams', () => {
  it('reads a status and a model id, ignoring anything else', () => {
    const id = '3f0c1f9e-51b4-4a57-9b7e-0d3c2f1e4a5b';
    expect(parseAbTestListParams({ status: 'RUNNING', model: id })).toMatchObject({ status: 'RUNNING', modelId: id });
    expect(parseAbTestListParams({ status: 'nope', model: 'x; drop' })).toMatchObject({ status: null, modelId: null });
  });
});
