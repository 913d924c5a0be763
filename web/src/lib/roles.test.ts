import { describe, expect, it } from 'vitest';
import { grantableRoles, hasRole, isRole, ROLES } from './roles';

describe('roles', () => {
  it('are ordered from reading to administering', () => {
    expect(ROLES).toEqual(['VIEWER', 'EDITOR', 'APPROVER', 'ADMIN']);
  });

  it('include the ones below them', () => {
    expect(hasRole('ADMIN', 'VIEWER')).toBe(true);
    expect(hasRole('ADMIN', 'ADMIN')).toBe(true);
    expect(hasRole('APPROVER', 'EDITOR')).toBe(true);
    expect(hasRole('EDITOR', 'EDITOR')).toBe(true);
  });

  it('do not include the ones above them', () => {
    expect(hasRole('EDITOR', 'APPROVER')).toBe(false);
    expect(hasRole('APPROVER', 'ADMIN')).toBe(false);
    expect(hasRole('VIEWER', 'EDITOR')).toBe(false);
  });

  it('grant nothing without a role', () => {
    expect(hasRole(null, 'VIEWER')).toBe(false);
    expect(hasRole(undefined, 'VIEWER')).toBe(false);
    expect(grantableRoles(null)).toEqual([]);
  });

  it('hand out at most the giver’s own role', () => {
    expect(grantableRoles('ADMIN')).toEqual(['VIEWER', 'EDITOR', 'APPROVER', 'ADMIN']);
    expect(grantableRoles('EDITOR')).toEqual(['VIEWER', 'EDITOR']);
  });

  it('recognise role names', () => {
    expect(isRole('APPROVER')).toBe(true);
    expect(isRole('approver')).toBe(false);
    expect(isRole(3)).toBe(false);
  });
});
