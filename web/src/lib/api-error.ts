import {
  CombinedGraphQLErrors,
  CombinedProtocolErrors,
  ServerError,
  ServerParseError,
} from '@apollo/client/errors';

/** One problem as the user sees it: the message, and the API's `extensions.code` if it sent one. */
export interface ApiProblem {
  message: string;
  code: string | null;
  path: string | null;
}

export type ApiErrorKind = 'graphql' | 'http' | 'network' | 'unknown';

export interface ApiErrorInfo {
  kind: ApiErrorKind;
  title: string;
  problems: ApiProblem[];
}

interface FormattedErrorLike {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown } | null;
}

function toProblem(error: FormattedErrorLike): ApiProblem {
  const code = error.extensions?.code;
  return {
    message: typeof error.message === 'string' && error.message ? error.message : 'Unknown error',
    code: typeof code === 'string' ? code : null,
    path: Array.isArray(error.path) && error.path.length > 0 ? error.path.join('.') : null,
  };
}

/** A non-2xx body may still be a GraphQL response ({"errors": [...]}) worth showing as such. */
function graphQLErrorsInBody(bodyText: string): ApiProblem[] | null {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)) {
      const errors = body.errors.filter((e): e is FormattedErrorLike => !!e && typeof e === 'object');
      return errors.length > 0 ? errors.map(toProblem) : null;
    }
  } catch {
    // not JSON
  }
  return null;
}

function networkCause(error: Error): string | null {
  const cause: unknown = error.cause;
  if (!cause || typeof cause !== 'object') return null;
  const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
  const message = 'message' in cause && typeof cause.message === 'string' ? cause.message : '';
  return message || code;
}

/**
 * Turns whatever Apollo Client threw for a query into something the page can show:
 * GraphQL errors keep their `extensions.code`; HTTP and network failures say what happened
 * and where.
 */
export function describeApiError(error: unknown, apiUrl: string): ApiErrorInfo {
  if (CombinedGraphQLErrors.is(error)) {
    return {
      kind: 'graphql',
      title: 'The API returned an error',
      problems: error.errors.map(toProblem),
    };
  }
  if (ServerError.is(error)) {
    const problems = graphQLErrorsInBody(error.bodyText);
    return {
      kind: problems ? 'graphql' : 'http',
      title: `The API answered with HTTP ${error.statusCode}`,
      problems: problems ?? [
        {
          message: error.bodyText.trim().slice(0, 500) || error.message,
          code: null,
          path: null,
        },
      ],
    };
  }
  if (ServerParseError.is(error)) {
    return {
      kind: 'http',
      title: `The API's response (HTTP ${error.statusCode}) is not valid JSON`,
      problems: [{ message: error.message, code: null, path: null }],
    };
  }
  if (CombinedProtocolErrors.is(error)) {
    return {
      kind: 'graphql',
      title: 'The API reported a protocol error',
      problems: error.errors.map(toProblem),
    };
  }
  if (error instanceof TypeError && error.message === 'fetch failed') {
    const cause = networkCause(error);
    return {
      kind: 'network',
      title: 'Could not reach the API',
      problems: [{ message: `${apiUrl}${cause ? ` (${cause})` : ''}`, code: null, path: null }],
    };
  }
  return {
    kind: 'unknown',
    title: 'Could not load data from the API',
    problems: [
      {
        message: error instanceof Error ? error.message : String(error),
        code: null,
        path: null,
      },
    ],
  };
}

/** The API refused the credentials (none, expired, revoked): signing in again is the way out. */
export function isUnauthenticated(info: ApiErrorInfo): boolean {
  return info.problems.some((p) => p.code === 'UNAUTHENTICATED');
}

/**
 * What a refusal means, in words, for the codes a user can act on: FORBIDDEN (the role is too low,
 * or not a member of the workspace) and UNAUTHENTICATED. Null for every other code.
 */
export function problemHint(code: string | null): string | null {
  switch (code) {
    case 'FORBIDDEN':
      return 'Your role in this workspace does not allow this. A workspace ADMIN can give you a higher role.';
    case 'UNAUTHENTICATED':
      return 'You are not signed in (or your session ended). Sign in again.';
    default:
      return null;
  }
}
