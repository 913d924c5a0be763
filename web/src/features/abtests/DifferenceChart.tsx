'use client';

import { useMemo } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { EChart } from '@/features/charts/EChart';
import { type AbResultLike, differenceIntervalOption, formatLevel } from './ab-test-view';

/** B − A with its confidence interval against zero and the ±MDE (ab-test-view.ts draws it). */
export function DifferenceChart({
  result,
  metric,
  minimumDetectableEffect,
}: {
  result: Pick<AbResultLike, 'difference' | 'ciLow' | 'ciHigh' | 'winner' | 'confidenceLevel' | 'pValue'>;
  metric: string;
  minimumDetectableEffect: number;
}) {
  const option = useMemo(() => differenceIntervalOption({ result, metric, minimumDetectableEffect }), [result, metric, minimumDetectableEffect]);
  if (!option) {
    return <EmptyState title="No difference to draw yet">Each arm needs observations (MEAN: at least 2, with some variance) before the test can be computed.</EmptyState>;
  }
  return (
    <EChart
      option={option}
      className="chart"
      testId="ab-interval-chart"
      label={`Difference B minus A in ${metric} with its ${formatLevel(result.confidenceLevel)} confidence interval, against zero`}
    />
  );
}
