import { registerEnumType } from 'type-graphql';

export enum RunType {
  TRAIN = 'TRAIN',
  EVAL = 'EVAL',
  BACKTEST = 'BACKTEST',
}
export enum RunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
export enum RunTrigger {
  MANUAL = 'MANUAL',
  SCHEDULED = 'SCHEDULED',
  DRIFT = 'DRIFT',
  DEGRADATION = 'DEGRADATION',
  API = 'API',
}
export enum LogLevel {
  DEBUG = 'DEBUG',
  INFO = 'INFO',
  WARN = 'WARN',
  ERROR = 'ERROR',
}

registerEnumType(RunType, { name: 'RunType' });
registerEnumType(RunStatus, { name: 'RunStatus', description: 'QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED.' });
registerEnumType(RunTrigger, { name: 'RunTrigger' });
registerEnumType(LogLevel, { name: 'LogLevel' });

/** Allowed run status transitions (SPEC.md "Runs"). */
export const RUN_TRANSITIONS: Record<RunStatus, RunStatus[]> = {
  [RunStatus.QUEUED]: [RunStatus.RUNNING, RunStatus.CANCELLED, RunStatus.FAILED],
  [RunStatus.RUNNING]: [RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED],
  [RunStatus.SUCCEEDED]: [],
  [RunStatus.FAILED]: [],
  [RunStatus.CANCELLED]: [],
};
