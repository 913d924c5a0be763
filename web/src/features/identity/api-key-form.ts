import type { CreateApiKeyInput, Role } from '@/gql/graphql';

import type { FormProblem as Problem } from '@/lib/form-draft';

export type ApiKeyFormField = 'name' | 'role' | 'expiresOn' | 'email' | 'memberName' | 'password';
export type FormProblem = Problem<ApiKeyFormField>;

export interface CreateApiKeyFormState {
  name: string;
  role: Role;
  /** `YYYY-MM-DD` from a date input, or '' for a key that works until revoked. */
  expiresOn: string;
}

export const NAME_MAX = 100;

/**
 * The `createApiKey` input for the form, or the problems to fix first. A key given an expiry date
 * works until the end of that day (UTC); the date must be after today.
 */
export function buildCreateApiKeyInput(
  state: CreateApiKeyFormState,
  now: Date,
): { input: CreateApiKeyInput | null; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const name = state.name.trim();
  if (!name) problems.push({ field: 'name', message: 'Name the key after who or what uses it, e.g. nightly-training.' });
  else if (name.length > NAME_MAX) problems.push({ field: 'name', message: `The name is longer than ${NAME_MAX} characters.` });
  let expiresAt: string | null = null;
  if (state.expiresOn) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(state.expiresOn);
    const end = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59) : Number.NaN;
    if (Number.isNaN(end)) problems.push({ field: 'expiresOn', message: 'The expiry date is not a date.' });
    else if (end <= now.getTime()) problems.push({ field: 'expiresOn', message: 'The expiry date must be in the future.' });
    else expiresAt = new Date(end).toISOString();
  }
  if (problems.length) return { input: null, problems };
  return { input: { name, role: state.role, expiresAt }, problems };
}

export type ApiKeyState = 'active' | 'revoked' | 'expired';

/** Whether a key still works: revoked wins over expired. */
export function apiKeyState(key: { revokedAt?: string | null; expiresAt?: string | null }, now: Date): ApiKeyState {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

export interface AddMemberFormState {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export const MIN_PASSWORD_LENGTH = 10;

/**
 * The `addWorkspaceMember` input, or the problems to fix first. Name and password are only needed
 * for an email without an account (the API says so when they are missing); a password, when given,
 * must be long enough.
 */
export function buildAddMemberInput(state: AddMemberFormState): {
  input: { email: string; role: Role; name: string | null; password: string | null } | null;
  problems: FormProblem[];
} {
  const problems: FormProblem[] = [];
  const email = state.email.trim();
  if (!email) problems.push({ field: 'email', message: 'Enter the member’s email address.' });
  else if (!/^[^\s@]+@[^\s@]+$/.test(email)) problems.push({ field: 'email', message: 'Enter a valid email address.' });
  if (state.password && state.password.length < MIN_PASSWORD_LENGTH) {
    problems.push({ field: 'password', message: `The initial password needs at least ${MIN_PASSWORD_LENGTH} characters.` });
  }
  if (problems.length) return { input: null, problems };
  return { input: { email, role: state.role, name: state.name.trim() || null, password: state.password || null }, problems };
}
