import { describe, expect, it } from 'vitest';
import { distributionOption, featureStatistics } from './drift-view';

describe('distributionOption', () => {
  const histogram = { labels: ['[0, 1]', '(1, 2]', '(2, 3]'], reference: [0.5, 0.3, 0.2], current: [0.2, 0.3, 0.5] };

  it('draws reference and current shares side by side per bin, in percent', () => {
    const option = distributionOption('price', histogram);
    expect(option.xAxis.data).toEqual(['[0, 1]', '(1, 2]', '(2, 3]']);
    expect(option.series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['Reference', 'bar', [50, 30, 20]],
      ['Current', 'bar', [20, 30, 50]],
    ]);
    expect(option.yAxis.max).toBe(55);
    expect(option.animation).toBe(false);
  });

  it('tells a bin’s shares and their change in the tooltip', () => {
    const text = distributionOption('price', histogram).tooltip.formatter([{ dataIndex: 2 }]);
    expect(text).toBe('price (2, 3]<br/>Reference 20.0%<br/>Current 50.0%<br/>Change +30.0 pts');
  });
});

describe('featureStatistics', () => {
  it('lists the deciding method first, then every statistic computed, for a numeric feature', () => {
    const rows = featureStatistics({
      feature: 'price',
      method: 'KS',
      score: 0.31,
      threshold: 0.05,
      pValue: 0.0000123,
      drifted: true,
      psi: 0.42,
      psiLevel: 'SIGNIFICANT',
      ksStatistic: 0.31,
      ksPValue: 0.0000123,
      wasserstein: 12.5,
      wassersteinNormed: 0.8,
      jensenShannon: null,
      chiSquare: null,
      referenceRows: 800,
      currentRows: 1200,
    });
    expect(rows.map((r) => [r.label, r.value, r.note, r.decides])).toEqual([
      ['Decision: Kolmogorov–Smirnov', 'p = 1.23e-5', 'drift when p < 0.05 · drifted', true],
      ['PSI', '0.42', 'significant (0.1 moderate, 0.25 significant)', false],
      ['KS statistic', '0.31', '', false],
      ['KS p-value', '1.23e-5', '', false],
      ['Wasserstein distance', '12.5', 'in the feature’s unit', false],
      ['Wasserstein, normed', '0.8', 'divided by the reference standard deviation', false],
      ['Reference rows', '800', '', false],
      ['Current rows', '1,200', '', false],
    ]);
  });

  it('describes a distance-based decision by its score and threshold', () => {
    const [first] = featureStatistics({ feature: 'channel', method: 'JENSEN_SHANNON', score: 0.04, threshold: 0.1, drifted: false, jensenShannon: 0.04 });
    expect(first).toMatchObject({ label: 'Decision: Jensen–Shannon distance', value: '0.04', note: 'drift when > 0.1 · within threshold' });
  });
});
