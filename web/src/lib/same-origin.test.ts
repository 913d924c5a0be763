import { describe, expect, it } from 'vitest';
import { sameOriginRequest } from './same-origin';

describe('sameOriginRequest', () => {
  it('lets the dashboard’s own pages through (and requests without Origin)', () => {
    expect(sameOriginRequest('http://localhost:3000', 'localhost:3000')).toBe(true);
    expect(sameOriginRequest(null, 'localhost:3000')).toBe(true);
  });

  it('refuses another site, another port and garbage', () => {
    expect(sameOriginRequest('https://evil.example', 'localhost:3000')).toBe(false);
    expect(sameOriginRequest('http://localhost:4000', 'localhost:3000')).toBe(false);
    expect(sameOriginRequest('null', 'localhost:3000')).toBe(false);
    expect(sameOriginRequest('http://localhost:3000', null)).toBe(false);
  });
});
