import { registerEnumType } from 'type-graphql';

export enum ScheduleKind {
  /** Forecasting models in PRODUCTION: a backtest of yesterday, every day. */
  DAILY_BACKTEST = 'DAILY_BACKTEST',
  /** Forecasting models in PRODUCTION: the full walk-forward backtest, every week. */
  WEEKLY_BACKTEST = 'WEEKLY_BACKTEST',
  /** Models in STAGING or PRODUCTION whose manifest has `deployment.schedule`: a retrain (trigger SCHEDULED). */
  RETRAIN = 'RETRAIN',
}
registerEnumType(ScheduleKind, { name: 'ScheduleKind' });

export enum RetrainingOutcome {
  /** The run has not finished yet. */
  PENDING = 'PENDING',
  PROMOTED = 'PROMOTED',
  /** A drift- or degradation-triggered challenger run: a person decides (PROMOTION_PENDING). */
  AWAITING_APPROVAL = 'AWAITING_APPROVAL',
  POLICY_NOT_MET = 'POLICY_NOT_MET',
  /** The model is not a challenger in an arena (or the trigger never auto-promotes): nothing to promote. */
  NOT_A_CHALLENGER = 'NOT_A_CHALLENGER',
  RUN_FAILED = 'RUN_FAILED',
  RUN_CANCELLED = 'RUN_CANCELLED',
}
registerEnumType(RetrainingOutcome, { name: 'RetrainingOutcome' });
