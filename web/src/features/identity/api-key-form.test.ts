import { describe, expect, it } from 'vitest';
import { apiKeyState, buildAddMemberInput, buildCreateApiKeyInput } from './api-key-form';
import { signInProblems } from './sign-in-state';

const NOW = new Date('2026-11-30T10:00:00Z');

describe('buildCreateApiKeyInput', () => {
  it('trims the name; no expiry means until revoked', () => {
    expect(buildCreateApiKeyInput({ name: '  nightly-training ', role: 'EDITOR', expiresOn: '' }, NOW)).toEqual({
      input: { name: 'nightly-training', role: 'EDITOR', expiresAt: null },
      problems: [],
    });
  });

  it('ends a key with an expiry date at the end of that day (UTC)', () => {
    const { input } = buildCreateApiKeyInput({ name: 'ci', role: 'VIEWER', expiresOn: '2026-12-31' }, NOW);
    expect(input?.expiresAt).toBe('2026-12-31T23:59:59.000Z');
  });

  it('accepts today (the day has not ended), refuses the past', () => {
    expect(buildCreateApiKeyInput({ name: 'ci', role: 'VIEWER', expiresOn: '2026-11-30' }, NOW).input).not.toBeNull();
    expect(buildCreateApiKeyInput({ name: 'ci', role: 'VIEWER', expiresOn: '2026-11-29' }, NOW).problems).toEqual([
      { field: 'expiresOn', message: 'The expiry date must be in the future.' },
    ]);
  });

  it('names every problem at once', () => {
    const { input, problems } = buildCreateApiKeyInput({ name: ' ', role: 'ADMIN', expiresOn: 'soon' }, NOW);
    expect(input).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(['name', 'expiresOn']);
  });

  it('refuses a name longer than the API allows', () => {
    expect(buildCreateApiKeyInput({ name: 'x'.repeat(101), role: 'ADMIN', expiresOn: '' }, NOW).problems[0]?.field).toBe('name');
  });
});

describe('apiKeyState', () => {
  it('is active without revocation or past expiry', () => {
    expect(apiKeyState({ revokedAt: null, expiresAt: null }, NOW)).toBe('active');
    expect(apiKeyState({ revokedAt: null, expiresAt: '2027-01-01T00:00:00Z' }, NOW)).toBe('active');
  });

  it('is expired after its expiry, revoked when revoked (whatever the expiry)', () => {
    expect(apiKeyState({ expiresAt: '2026-11-30T09:59:59Z' }, NOW)).toBe('expired');
    expect(apiKeyState({ revokedAt: '2026-11-01T00:00:00Z', expiresAt: '2026-01-01T00:00:00Z' }, NOW)).toBe('revoked');
  });
});

describe('buildAddMemberInput', () => {
  it('sends name and password only when given', () => {
    expect(buildAddMemberInput({ email: ' ana@example.com ', name: '', role: 'EDITOR', password: '' }).input).toEqual({
      email: 'ana@example.com',
      role: 'EDITOR',
      name: null,
      password: null,
    });
  });

  it('refuses a bad email and a short password', () => {
    const { input, problems } = buildAddMemberInput({ email: 'ana', name: 'Ana', role: 'VIEWER', password: 'short' });
    expect(input).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(['email', 'password']);
  });
});

describe('signInProblems', () => {
  it('asks for what is missing', () => {
    expect(signInProblems('', '')).toEqual(['Enter your email address.', 'Enter your password.']);
    expect(signInProblems('admin', 'x')).toEqual(['Enter a valid email address.']);
    expect(signInProblems('admin@modelyard.local', 'modelyard-demo')).toEqual([]);
  });
});
