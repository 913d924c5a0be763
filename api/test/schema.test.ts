import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/platform/env.js';
import { createSchema, printSchemaSDL } from '../src/platform/schema.js';

describe('schema.graphql', () => {
  it('is the schema printed from the code (run `npm run schema:print` after changing the API)', async () => {
    const committed = readFileSync(path.join(repoRoot, 'schema.graphql'), 'utf8');
    expect(printSchemaSDL(await createSchema())).toBe(committed);
  });
});
