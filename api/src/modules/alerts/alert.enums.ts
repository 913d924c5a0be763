import { registerEnumType } from 'type-graphql';

export enum AlertType {
  DRIFT_DETECTED = 'DRIFT_DETECTED',
  PERFORMANCE_DEGRADED = 'PERFORMANCE_DEGRADED',
  DATA_STALE = 'DATA_STALE',
  RUN_FAILED = 'RUN_FAILED',
  PROMOTION_PENDING = 'PROMOTION_PENDING',
  BACKTEST_DEGRADATION = 'BACKTEST_DEGRADATION',
  EXPERIMENT_COMPLETE = 'EXPERIMENT_COMPLETE',
  AB_TEST_COMPLETE = 'AB_TEST_COMPLETE',
}
export enum AlertSeverity {
  INFO = 'INFO',
  WARNING = 'WARNING',
  CRITICAL = 'CRITICAL',
}
export enum AlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(AlertType, { name: 'AlertType' });
registerEnumType(AlertSeverity, { name: 'AlertSeverity' });
registerEnumType(AlertStatus, { name: 'AlertStatus', description: 'OPEN → ACKNOWLEDGED → RESOLVED, OPEN → RESOLVED, and OPEN | ACKNOWLEDGED → DISMISSED.' });

/** The alert lifecycle: which statuses each status may move to. */
export const ALERT_TRANSITIONS: Record<AlertStatus, readonly AlertStatus[]> = {
  [AlertStatus.OPEN]: [AlertStatus.ACKNOWLEDGED, AlertStatus.RESOLVED, AlertStatus.DISMISSED],
  [AlertStatus.ACKNOWLEDGED]: [AlertStatus.RESOLVED, AlertStatus.DISMISSED],
  [AlertStatus.RESOLVED]: [],
  [AlertStatus.DISMISSED]: [],
};

/** Severities from the lowest to the highest. */
export const SEVERITY_RANK: readonly AlertSeverity[] = [AlertSeverity.INFO, AlertSeverity.WARNING, AlertSeverity.CRITICAL];
