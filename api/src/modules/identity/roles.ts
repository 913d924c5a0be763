import { registerEnumType } from 'type-graphql';

/** A member's (or an API key's) role in a workspace. Ordered: each role may do everything the ones before it may. */
export enum Role {
  VIEWER = 'VIEWER',
  EDITOR = 'EDITOR',
  APPROVER = 'APPROVER',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'VIEWER reads; EDITOR also writes recipes, runs, monitoring, alerts, packs, A/B tests, predictions, experiments; APPROVER also approves recipes, moves models, promotes, decides experiments; ADMIN also manages members, API keys and settings.',
});

export const ROLE_ORDER: readonly Role[] = [Role.VIEWER, Role.EDITOR, Role.APPROVER, Role.ADMIN];

/** True when `role` is `required` or above it. */
export function roleAtLeast(role: Role | undefined | null, required: Role): boolean {
  return role != null && ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(required);
}

/**
 * Who may call a root field: a workspace role (that role or above, in the selected workspace),
 * `USER` (any signed-in user, whatever the workspace: sign out, change password, create a workspace)
 * or `PUBLIC` (anyone, even without credentials).
 */
export type Access = Role | 'USER' | 'PUBLIC';

const { VIEWER, EDITOR, APPROVER, ADMIN } = Role;

/**
 * THE rule of every root field. The resolvers carry the same rule in `@Authorized(...)` (none for
 * PUBLIC); `createSchema` refuses to build when a root field is missing here or its decorator
 * disagrees, and test/roles.test.ts calls every field with every role against this table.
 */
export const ROOT_FIELD_RULES: Record<'Query' | 'Mutation' | 'Subscription', Record<string, Access>> = {
  Query: {
    viewer: 'PUBLIC',
    workspace: VIEWER,
    apiKeys: ADMIN,
    workspaceMembers: ADMIN,
    recipes: VIEWER,
    recipe: VIEWER,
    validateManifest: VIEWER,
    evaluationPacks: VIEWER,
    evaluationPack: VIEWER,
    models: VIEWER,
    model: VIEWER,
    runs: VIEWER,
    run: VIEWER,
    schedules: VIEWER,
    monitorSnapshot: VIEWER,
    alerts: VIEWER,
    alert: VIEWER,
    alertCounts: VIEWER,
    arenas: VIEWER,
    arena: VIEWER,
    evaluatePromotion: VIEWER,
    abTests: VIEWER,
    abTest: VIEWER,
    shadowComparison: VIEWER,
    experiments: VIEWER,
    experiment: VIEWER,
    experimentCounts: VIEWER,
    auditEvents: VIEWER,
  },
  Mutation: {
    // identity
    signIn: 'PUBLIC',
    signOut: 'USER',
    changePassword: 'USER',
    createWorkspace: 'USER',
    createApiKey: ADMIN,
    revokeApiKey: ADMIN,
    addWorkspaceMember: ADMIN,
    changeMemberRole: ADMIN,
    removeWorkspaceMember: ADMIN,
    // recipes
    createRecipe: EDITOR,
    createRecipeVersion: EDITOR,
    cloneRecipe: EDITOR,
    deleteRecipe: EDITOR,
    attachPack: EDITOR,
    detachPack: EDITOR,
    approveRecipe: APPROVER,
    archiveRecipe: APPROVER,
    restoreRecipe: APPROVER,
    // evaluation packs
    createEvaluationPack: EDITOR,
    createEvaluationPackVersion: EDITOR,
    updateEvaluationPack: EDITOR,
    deleteEvaluationPack: EDITOR,
    evaluateRun: EDITOR,
    // models
    registerModel: EDITOR,
    updateModel: EDITOR,
    transitionModel: APPROVER,
    // runs
    createRun: EDITOR,
    queueRun: EDITOR,
    cancelRun: EDITOR,
    updateRunStatus: EDITOR,
    logRunMetrics: EDITOR,
    appendRunLogs: EDITOR,
    reportRunProgress: EDITOR,
    // schedules
    pauseSchedule: EDITOR,
    resumeSchedule: EDITOR,
    runScheduleNow: EDITOR,
    // monitoring
    recordMonitorSnapshot: EDITOR,
    recordMonitorSample: EDITOR,
    uploadReferenceProfile: EDITOR,
    // alerts
    acknowledgeAlert: EDITOR,
    resolveAlert: EDITOR,
    dismissAlert: EDITOR,
    // arena: setting a slot up is editing; what changes the traffic production gets is approving
    createArena: EDITOR,
    addArenaEntry: EDITOR,
    removeArenaEntry: EDITOR,
    setTrafficWeights: APPROVER,
    promote: APPROVER,
    approvePromotion: APPROVER,
    rejectPromotion: APPROVER,
    updatePromotionPolicy: APPROVER,
    // A/B tests
    startAbTest: EDITOR,
    recordAbObservations: EDITOR,
    concludeAbTest: APPROVER,
    stopAbTest: APPROVER,
    // predictions
    logPredictions: EDITOR,
    recordActuals: EDITOR,
    recordFeatureImportance: EDITOR,
    // experiments
    proposeExperiment: EDITOR,
    updateExperiment: EDITOR,
    linkExperiment: EDITOR,
    unlinkExperiment: EDITOR,
    approveExperiment: APPROVER,
    rejectExperiment: APPROVER,
    startExperiment: APPROVER,
    startShadowTesting: APPROVER,
    completeExperiment: APPROVER,
  },
  Subscription: {
    runUpdated: VIEWER,
    runLogAppended: VIEWER,
    monitorSnapshotRecorded: VIEWER,
    alertRaised: VIEWER,
    alertUpdated: VIEWER,
    modelUpdated: VIEWER,
    evaluationCompleted: VIEWER,
    experimentUpdated: VIEWER,
    abTestUpdated: VIEWER,
  },
};
