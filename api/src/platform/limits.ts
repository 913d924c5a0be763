import { ApolloArmor } from '@escape.tech/graphql-armor';
import { parse, specifiedRules, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';

/** Parser limit for every operation (Apollo's `parseOptions.maxTokens`; armor's own answers with HTTP 500). */
export const MAX_TOKENS = 10_000;

/**
 * Query limits shared by HTTP and WebSocket: depth, cost, aliases and directives (graphql-armor).
 * Tuned so that the dashboard's and README's queries pass.
 */
export function createLimits() {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    // Cost = fields × literal `first` page sizes (armor multiplies lists by `first`), linear in depth
    // (armor's default ×1.5 per level refuses ordinary nested connection queries; depth has its own
    // limit). 100k admits `model { runs(first: 1000) { … evaluationResults { metrics { thresholds } } } }`.
    costLimit: { maxCost: 100_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 50 },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules, parseOptions: { maxTokens: MAX_TOKENS } };
}

/** Parses and validates a WebSocket operation with the same rules and limits as HTTP. */
export function checkOperation(schema: GraphQLSchema, query: string, rules: readonly ValidationRule[]): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: MAX_TOKENS });
  } catch (error) {
    return { errors: [error as GraphQLError] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...rules]);
  return errors.length ? { errors } : { document };
}
