import type { Role } from '@/gql/graphql';

/**
 * Workspace roles, lowest first: each may do everything the ones before it may (the API's rule,
 * README "Security"). The API enforces them; the dashboard only uses them to show the right forms.
 */
export const ROLES = ['VIEWER', 'EDITOR', 'APPROVER', 'ADMIN'] as const satisfies readonly Role[];

// A role added to the schema but not to ROLES is a type error here.
type Missing = Exclude<Role, (typeof ROLES)[number]>;
const complete: [Missing] extends [never] ? true : { missing: Missing } = true;
void complete;

export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  VIEWER: 'reads everything in the workspace',
  EDITOR: 'also creates and updates recipes, runs, monitoring, alerts, A/B tests and experiments',
  APPROVER: 'also approves recipes, moves models between stages, promotes and decides experiments',
  ADMIN: 'also manages members, API keys and settings',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `required` or above it; false without a role. */
export function hasRole(role: Role | null | undefined, required: Role): boolean {
  return role != null && ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** The roles someone with `role` may hand out (to an API key: at most their own). */
export function grantableRoles(role: Role | null | undefined): Role[] {
  return ROLES.filter((r) => hasRole(role, r));
}
