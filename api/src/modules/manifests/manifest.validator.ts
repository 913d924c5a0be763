import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Problem } from '../../platform/errors.js';
import type { RecipeFamily } from '../recipes/recipe.enums.js';
import { commonManifestSchema, manifestSchemas } from './schemas/index.js';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, schemas: [commonManifestSchema] });
// ajv-formats is CommonJS: under NodeNext its default import is the plugin itself.
(addFormats as unknown as (ajv: Ajv) => Ajv)(ajv);

/** Compiled once per family, at start-up (a broken schema fails loudly then). */
const validators = new Map<RecipeFamily, ValidateFunction>(
  Object.entries(manifestSchemas).map(([family, schema]) => [family as RecipeFamily, ajv.compile(schema)]),
);

/** `/monitoring/alerts/2/threshold` under `manifest` → `manifest.monitoring.alerts[2].threshold`. */
function jsonPath(prefix: string, pointer: string, ...extra: string[]): string {
  const segments = [...pointer.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~')), ...extra];
  return segments.reduce((path, s) => {
    if (/^\d+$/.test(s)) return `${path}[${s}]`;
    return /^[A-Za-z_$][\w$]*$/.test(s) ? `${path}.${s}` : `${path}[${JSON.stringify(s)}]`;
  }, prefix);
}

/** An ajv error as a problem: a missing or unknown property is named in the path itself. */
function toProblem(error: ErrorObject, prefix: string): Problem {
  const params = error.params as Record<string, unknown>;
  const at = (...extra: string[]) => jsonPath(prefix, error.instancePath, ...extra);
  switch (error.keyword) {
    case 'required':
      return { path: at(String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: at(String(params.additionalProperty)), message: 'is not a known property' };
    case 'enum':
      return { path: at(), message: `must be one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'type':
      return { path: at(), message: `must be ${[params.type].flat().join(' or ')}` };
    case 'const':
      return { path: at(), message: `must be ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path: at(), message: error.message ?? 'is invalid' };
  }
}

/**
 * Every problem of `manifest` against its family's schema, each with its path under `prefix`
 * (e.g. `input.manifest.deployment.mode`); empty when the manifest is valid.
 */
export function manifestProblems(family: RecipeFamily, manifest: unknown, prefix = 'manifest'): Problem[] {
  const validate = validators.get(family);
  if (!validate) throw new Error(`No manifest schema for family ${family}`);
  if (validate(manifest)) return [];
  // `if` only repeats its `then` branch's own errors.
  return (validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => toProblem(e, prefix));
}
