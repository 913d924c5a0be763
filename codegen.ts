import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types the web client's GraphQL operations from the API's printed schema.
 *
 * Run from web/ (`npm run codegen -w web`, i.e. `graphql-codegen --config ../codegen.ts`)
 * or from the repository root (`npm run codegen`). Every path is resolved from this
 * file's directory (the repository root), so the working directory does not matter.
 *
 * CODEGEN_SCHEMA overrides the schema location (e.g. a temporary SDL file while the
 * API's `schema.graphql` is being written); by default it is `<repo root>/schema.graphql`.
 */
const root = path.dirname(fileURLToPath(import.meta.url));
const fromRoot = (p: string) => path.resolve(root, p);

const config: CodegenConfig = {
  schema: process.env.CODEGEN_SCHEMA ?? fromRoot('schema.graphql'),
  documents: [fromRoot('web/src/**/*.{ts,tsx}'), `!${fromRoot('web/src/gql/**')}`],
  ignoreNoDocuments: true,
  generates: {
    [`${fromRoot('web/src/gql')}/`]: {
      preset: 'client',
      presetConfig: {
        // Components receive masked fragment refs and unmask them with getFragmentData().
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
      },
      config: {
        useTypeImports: true,
        scalars: { DateTimeISO: 'string', JSON: 'unknown', ID: 'string' },
        defaultScalarType: 'unknown',
      },
    },
  },
};

export default config;
