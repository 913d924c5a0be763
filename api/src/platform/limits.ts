import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  BREAK,
  getNamedType,
  getOperationAST,
  GraphQLError,
  GraphQLInt,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  valueFromAST,
  visit,
} from 'graphql';
import type { Context } from './context.js';

/**
 * What every operation may ask for, over HTTP and WebSocket alike. Measured against the real
 * operations (test/limits.test.ts checks them all: the dashboard's, the playground's examples,
 * README's and the benches'):
 * - depth: field nesting, fragments flattened (a spread is not a level). Deepest real operation:
 *   README's `models → edges → node → runs → edges → node → evaluationResults → metrics →
 *   thresholds → direction` = 10 (so a 7-level limit would refuse it); the dashboard's deepest is
 *   7 (CompareRuns; 9 if every fragment spread counted as a level), the nested-query bench 8.
 * - cost: armor's estimate (object 2, scalar 1, times the page size, linear in depth), at
 *   validation with literal page sizes and again once variables are known (`operationCost`).
 *   Highest real: the nested-query bench (`runs(first: 1000)`) 32,004; the dashboard's
 *   ExperimentBoard 23,410 with page sizes of 100 given as variables (6,223 at its literals alone).
 * - aliases: dashboard's most 6 (ExperimentBoard); directives: dashboard's most 5 (LibraryPage);
 *   tokens: the longest real operation has 556.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxCost: 50_000,
  maxAliases: 20,
  maxDirectives: 20,
  /** Parser limit (Apollo's `parseOptions.maxTokens`; armor's own answers a malformed query with HTTP 500). */
  maxTokens: 10_000,
} as const;

/** The parser's token limit (also used by the WebSocket path's own parse, events/execution.ts). */
export const MAX_TOKENS = QUERY_LIMITS.maxTokens;

export interface QueryLimitOptions {
  /** NODE_ENV=production: introspection for signed-in users only, no "Did you mean …" hints. */
  production?: boolean;
}

/** Armor words its refusals "Syntax Error: Query depth limit of 10 exceeded, found 12."; the prefix is wrong. */
const refuse = (context: ValidationContext | null, error: GraphQLError) => {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
};

/**
 * Query limits shared by HTTP and WebSocket: depth, cost, aliases and directives (graphql-armor),
 * the parser's token limit, and in production introspection for signed-in users only (HTTP; over
 * graphql-ws only subscriptions run, and they cannot select `__schema`). Refusals are validation errors:
 * HTTP 400 over HTTP, an `error` message over graphql-ws.
 */
export function createLimits(options: QueryLimitOptions = {}) {
  const reject = { onReject: [refuse], propagateOnRejection: false };
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, ...reject },
    // Linear in depth (armor's default ×1.5 per level refuses ordinary nested connection queries;
    // depth has its own limit).
    costLimit: { maxCost: QUERY_LIMITS.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1, flattenFragments: true, ...reject },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...reject },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...reject },
    maxTokens: { enabled: false },
    // Apollo-only (a plugin); `hideSuggestions` below covers HTTP and WebSocket.
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  // Checks that need the variables or the caller, once the operation is resolved: the cost with page
  // sizes given through variables and the schema's defaults (armor's rule sees literals only), and
  // in production introspection.
  const resolvedOperationChecks: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request, contextValue }) {
          const refusal = costRefusal(schema, document, operationName, request.variables);
          if (refusal) throw refusal;
          // In production only signed-in users introspect (the playground's docs and autocompletion).
          if (options.production && !(contextValue as Partial<Context>).caller?.user && introspects(document)) {
            throw new GraphQLError('GraphQL introspection is only open to signed-in users in production: sign in to the dashboard, or use schema.graphql', {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
  return {
    plugins: [...plugins, resolvedOperationChecks],
    validationRules: validationRules as ValidationRule[],
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    /** Applied to every error a client sees: in production, validation errors lose their "Did you mean …" hints. */
    formatError: options.production ? hideSuggestions : (formatted: GraphQLFormattedError) => formatted,
  };
}

/** Whether a document selects `__schema` or `__type` anywhere (fragments included; `__typename` is not introspection). */
export function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** `Cannot query field "nme" on type "Model". Did you mean "name"?` → `Cannot query field "nme" on type "Model".` */
export function hideSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(/\s*Did you mean [^?]*\?/g, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

/** Parses and validates a WebSocket operation with the same rules and limits as HTTP. */
export function checkOperation(schema: GraphQLSchema, query: string, rules: readonly ValidationRule[]): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
  } catch (error) {
    return { errors: [error as GraphQLError] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...rules]);
  return errors.length ? { errors } : { document };
}

/** The refusal of an operation over the cost limit once its variables are known (HTTP 400), or null. */
export function costRefusal(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables?: Record<string, unknown> | null): GraphQLError | null {
  const cost = operationCost(schema, document, operationName, variables ?? {});
  if (cost <= QUERY_LIMITS.maxCost) return null;
  return new GraphQLError(`Query Cost limit of ${QUERY_LIMITS.maxCost} exceeded, found ${cost} (page sizes from variables included).`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
  });
}

/**
 * The cost of an operation with its variables: armor's measure (object 2, scalar 1, each selection
 * multiplied by its field's page size), except that the page size is also read from variables and
 * from the schema's defaults (`first: Int! = 20`), not only from literals. Armor's validation rule
 * sees no variables: `models(first: $n) { … runs(first: $n) }` with n = 1000 would pass it.
 * Introspection fields cost nothing (production refuses them).
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> = {}): number {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    values[name] = variables[name] !== undefined ? variables[name] : definition.defaultValue ? valueFromAST(definition.defaultValue, GraphQLInt) : undefined;
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const costOf = (set: SelectionSetNode, type: GraphQLNamedType | undefined, inFragments: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += costOf(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type, inFragments);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || inFragments.has(fragment.name.value)) continue;
        cost += costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), new Set([...inFragments, fragment.name.value]));
      } else {
        const name = selection.name.value;
        if (name === '__schema' || name === '__type') continue;
        if (!selection.selectionSet) {
          cost += 1;
          continue;
        }
        const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
        let pageSize = 1;
        for (const argName of ['first', 'last']) {
          const node = selection.arguments?.find((a) => a.name.value === argName);
          const value = node ? valueFromAST(node.value, GraphQLInt, values) : field?.args.find((a) => a.name === argName)?.defaultValue;
          if (typeof value === 'number' && value > pageSize) pageSize = value;
        }
        cost += pageSize * (2 + costOf(selection.selectionSet, field ? getNamedType(field.type) : undefined, inFragments));
      }
    }
    return cost;
  };
  return costOf(operation.selectionSet, root, new Set());
}
