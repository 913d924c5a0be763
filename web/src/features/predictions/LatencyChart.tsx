'use client';

import { useMemo } from 'react';
import type { StatsBucket } from '@/gql/graphql';
import { EChart } from '@/features/charts/EChart';
import { latencyOption, type StatsBucketLike } from './prediction-view';

export function LatencyChart({ buckets, bucket }: { buckets: readonly StatsBucketLike[]; bucket: StatsBucket }) {
  const option = useMemo(() => latencyOption(buckets, bucket), [buckets, bucket]);
  return <EChart option={option} testId="latency-chart" label="Prediction latency percentiles and prediction counts per time bucket" />;
}
