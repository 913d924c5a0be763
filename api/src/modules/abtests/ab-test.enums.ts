import { registerEnumType } from 'type-graphql';

export enum AbTestKind {
  /** A continuous metric per observation: Welch's t-test on the means. */
  MEAN = 'MEAN',
  /** A 0/1 outcome per observation: two-proportion z-test on the rates. */
  PROPORTION = 'PROPORTION',
}
export enum AbTestStatus {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  STOPPED = 'STOPPED',
}
export enum AbTestSource {
  /** Values recorded per arm with recordAbObservations. */
  OBSERVATIONS = 'OBSERVATIONS',
  /** Prediction logs of model A / model B (not shadow) logged since the test started that have an actual. */
  PREDICTION_LOGS = 'PREDICTION_LOGS',
}
export enum AbArm {
  A = 'A',
  B = 'B',
}

registerEnumType(AbTestKind, { name: 'AbTestKind', description: 'MEAN: Welch’s t-test on the means; PROPORTION: two-proportion z-test on the rates (values 0 or 1).' });
registerEnumType(AbTestStatus, { name: 'AbTestStatus', description: 'RUNNING → COMPLETED (required sample size reached, or concludeAbTest) | STOPPED (stopAbTest).' });
registerEnumType(AbTestSource, { name: 'AbTestSource', description: 'Where the observations of the arms come from.' });
registerEnumType(AbArm, { name: 'AbArm', description: 'A: model A (the control); B: model B (the treatment, receiving `split` of the traffic).' });

/** Allowed status transitions: only a RUNNING test can end. */
export const AB_TEST_TRANSITIONS: Record<AbTestStatus, readonly AbTestStatus[]> = {
  [AbTestStatus.RUNNING]: [AbTestStatus.COMPLETED, AbTestStatus.STOPPED],
  [AbTestStatus.COMPLETED]: [],
  [AbTestStatus.STOPPED]: [],
};
