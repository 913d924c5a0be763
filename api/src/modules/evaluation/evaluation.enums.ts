import { registerEnumType } from 'type-graphql';

export enum MetricDirection {
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
}
export enum EvaluationStatus {
  PASS = 'PASS',
  WARN = 'WARN',
  FAIL = 'FAIL',
}
export enum MetricEvaluationStatus {
  PASS = 'PASS',
  WARN = 'WARN',
  FAIL = 'FAIL',
  SKIPPED = 'SKIPPED',
}
export enum EvaluationKind {
  RUN = 'RUN',
  MONITOR = 'MONITOR',
}

registerEnumType(MetricDirection, { name: 'MetricDirection' });
registerEnumType(EvaluationStatus, { name: 'EvaluationStatus', description: 'Overall status: FAIL if any metric fails, else WARN if any warns, else PASS.' });
registerEnumType(MetricEvaluationStatus, { name: 'MetricEvaluationStatus', description: 'Per-metric status; SKIPPED is an optional metric that was not reported.' });
registerEnumType(EvaluationKind, { name: 'EvaluationKind', description: 'RUN: evaluation of a run; MONITOR: evaluation of a monitoring snapshot.' });
