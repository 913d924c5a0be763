import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError as ClassValidationError } from 'class-validator';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  /** A dependency (e.g. the live event channel) is temporarily away: retry or resume. */
  | 'UNAVAILABLE';

export interface Problem {
  path: string;
  message: string;
}

/** A failure the caller can act on. Services throw these; `formatError` maps them. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} ${id} was not found`, { entity, id });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

export class BadInputError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, details);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(readonly problems: Problem[], message = summarize(problems)) {
    super('VALIDATION_FAILED', message, { problems });
  }
}

function summarize(problems: Problem[]): string {
  const first = problems[0];
  const head = first ? `${first.path}: ${first.message}` : 'invalid input';
  return problems.length > 1 ? `Validation failed: ${head} (and ${problems.length - 1} more)` : `Validation failed: ${head}`;
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unreachable: ${String(value)}`);
}

/** Flattens class-validator errors into `{path, message}` problems (path like `input.points[3].value`). */
export function problemsFromClassValidator(errors: ClassValidationError[], prefix: string): Problem[] {
  const out: Problem[] = [];
  for (const error of errors) {
    const key = /^\d+$/.test(error.property) ? `[${error.property}]` : `.${error.property}`;
    const path = `${prefix}${key}`;
    for (const message of Object.values(error.constraints ?? {})) out.push({ path, message });
    if (error.children?.length) out.push(...problemsFromClassValidator(error.children, path));
  }
  return out;
}

function withCode(formatted: GraphQLFormattedError, code: string, extra: Record<string, unknown> = {}, message?: string): GraphQLFormattedError {
  return {
    ...formatted,
    message: message ?? formatted.message,
    extensions: { ...extra, code },
  };
}

/**
 * The one place where errors become client-visible. Domain errors keep their code and details;
 * argument validation becomes VALIDATION_FAILED with problem paths; anything unexpected is logged
 * and reaches the client as a generic INTERNAL_SERVER_ERROR.
 */
export function makeFormatError(log: (err: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Duck-typed: a second copy of graphql-js (ESM vs CJS) would defeat `instanceof GraphQLError`.
    const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
    if (original instanceof DomainError) {
      return withCode(formatted, original.code, original.details, original.message);
    }
    if (original instanceof ArgumentValidationError) {
      const argName = typeof formatted.path?.[0] === 'string' ? 'input' : 'input';
      const problems = problemsFromClassValidator(original.extensions.validationErrors as ClassValidationError[], argName);
      return withCode(formatted, 'VALIDATION_FAILED', { problems }, `Validation failed: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    log(original);
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
