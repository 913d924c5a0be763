import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../platform/env.js';
import { createSchema, printSchemaSDL } from '../platform/schema.js';

/** `npm run schema:print`: writes the code-first schema to `schema.graphql` at the repository root. */
const target = path.join(repoRoot, 'schema.graphql');
writeFileSync(target, printSchemaSDL(await createSchema()));
console.log(`wrote ${target}`);
