import { describe, expect, it } from 'vitest';
import { shortChecksum } from './ArtifactTable';

describe('shortChecksum', () => {
  it('shows the first 12 hex digits of a sha256', () => {
    expect(shortChecksum('e86f47c53d61396ac85ac383dc03dcf6e4512a2a872dc28e1c9831c5790e1efc')).toBe('e86f47c53d61…');
  });

  it('shows a dash for an artifact reported from outside (no checksum)', () => {
    expect(shortChecksum(null)).toBe('—');
    expect(shortChecksum('')).toBe('—');
  });
});
