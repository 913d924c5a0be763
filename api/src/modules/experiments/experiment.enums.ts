import { registerEnumType } from 'type-graphql';

export enum ExperimentStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  IN_PROGRESS = 'IN_PROGRESS',
  SHADOW_TESTING = 'SHADOW_TESTING',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ExperimentStatus, {
  name: 'ExperimentStatus',
  description: 'PROPOSED → APPROVED | REJECTED; APPROVED → IN_PROGRESS; IN_PROGRESS → SHADOW_TESTING | COMPLETED; SHADOW_TESTING → COMPLETED.',
});

/** The experiment workflow (SPEC.md "A/B tests and experiments"): which statuses each status may move to. */
export const EXPERIMENT_TRANSITIONS: Record<ExperimentStatus, readonly ExperimentStatus[]> = {
  [ExperimentStatus.PROPOSED]: [ExperimentStatus.APPROVED, ExperimentStatus.REJECTED],
  [ExperimentStatus.APPROVED]: [ExperimentStatus.IN_PROGRESS],
  [ExperimentStatus.REJECTED]: [],
  [ExperimentStatus.IN_PROGRESS]: [ExperimentStatus.SHADOW_TESTING, ExperimentStatus.COMPLETED],
  [ExperimentStatus.SHADOW_TESTING]: [ExperimentStatus.COMPLETED],
  [ExperimentStatus.COMPLETED]: [],
};

/** Statuses in which nothing about the experiment changes any more. */
export const FINAL_STATUSES: readonly ExperimentStatus[] = [ExperimentStatus.REJECTED, ExperimentStatus.COMPLETED];

export enum ExperimentDecision {
  ADOPT = 'ADOPT',
  REJECT = 'REJECT',
  PARTIAL_ADOPT = 'PARTIAL_ADOPT',
}
registerEnumType(ExperimentDecision, {
  name: 'ExperimentDecision',
  description: 'ADOPT promotes every CANDIDATE model; PARTIAL_ADOPT only the candidates named in `adoptModelIds`; REJECT promotes none.',
});

export enum ExperimentModelRole {
  BASELINE = 'BASELINE',
  CANDIDATE = 'CANDIDATE',
}
registerEnumType(ExperimentModelRole, { name: 'ExperimentModelRole', description: 'BASELINE: what the experiment compares against; CANDIDATE: what it may adopt.' });

export enum AdoptionOutcome {
  PROMOTED_TO_CHAMPION = 'PROMOTED_TO_CHAMPION',
  ALREADY_CHAMPION = 'ALREADY_CHAMPION',
  MOVED_TO_PRODUCTION = 'MOVED_TO_PRODUCTION',
  ALREADY_PRODUCTION = 'ALREADY_PRODUCTION',
}
registerEnumType(AdoptionOutcome, {
  name: 'AdoptionOutcome',
  valuesConfig: {
    PROMOTED_TO_CHAMPION: { description: 'The model was a CHALLENGER or SHADOW of an arena and became its CHAMPION (the old champion was retired).' },
    ALREADY_CHAMPION: { description: 'The model already was the CHAMPION of its arena: nothing changed.' },
    MOVED_TO_PRODUCTION: { description: 'The model is in no arena and went from STAGING to PRODUCTION.' },
    ALREADY_PRODUCTION: { description: 'The model is in no arena and already was PRODUCTION: nothing changed.' },
  },
});
