import { describe, expect, it } from 'vitest';
import { isPublicPath, safeRedirectTarget, signInHref } from './session';

describe('safeRedirectTarget', () => {
  it('keeps a path of this site with its query and hash', () => {
    expect(safeRedirectTarget('/models/abc?tab=runs#metrics')).toBe('/models/abc?tab=runs#metrics');
    expect(safeRedirectTarget('/')).toBe('/');
    expect(safeRedirectTarget('/settings/api-keys')).toBe('/settings/api-keys');
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeRedirectTarget('/a/../alerts')).toBe('/alerts');
    expect(safeRedirectTarget('/../../etc')).toBe('/etc');
  });

  it.each([
    ['an absolute URL', 'https://evil.example/'],
    ['an absolute URL of the same host', 'http://localhost:3000/alerts'],
    ['a protocol-relative URL', '//evil.example/path'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a backslash later on', '/models\\..\\..\\evil'],
    ['a tab hidden in the authority', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['a relative path', 'models/1'],
    ['an empty string', ''],
    ['the sign-in page (a loop)', '/sign-in?next=/alerts'],
    ['signing out', '/sign-out'],
    ['a huge value', `/${'a'.repeat(3000)}`],
  ])('refuses %s', (_label, value) => {
    expect(safeRedirectTarget(value)).toBe('/');
  });

  it('refuses what is not a string, with the fallback given', () => {
    expect(safeRedirectTarget(undefined, '/alerts')).toBe('/alerts');
    expect(safeRedirectTarget(['/x'], '/alerts')).toBe('/alerts');
    expect(safeRedirectTarget(null)).toBe('/');
  });
});

describe('signInHref', () => {
  it('comes back to the page asked for', () => {
    expect(signInHref('/runs/1?x=2')).toBe('/sign-in?next=%2Fruns%2F1%3Fx%3D2');
  });

  it('leaves out the library (the default) and anything unsafe', () => {
    expect(signInHref('/')).toBe('/sign-in');
    expect(signInHref('https://evil.example')).toBe('/sign-in');
    expect(signInHref(null)).toBe('/sign-in');
  });

  it('says why when the session ended', () => {
    expect(signInHref('/alerts', 'expired')).toBe('/sign-in?next=%2Falerts&reason=expired');
  });
});

describe('isPublicPath', () => {
  it('is signing in and out only', () => {
    expect(isPublicPath('/sign-in')).toBe(true);
    expect(isPublicPath('/sign-out')).toBe(true);
    expect(isPublicPath('/sign-in/')).toBe(true);
    expect(isPublicPath('/sign-inx')).toBe(false);
    expect(isPublicPath('/')).toBe(false);
    expect(isPublicPath('/settings/api-keys')).toBe(false);
  });
});
