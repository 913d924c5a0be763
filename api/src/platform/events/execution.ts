import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  visit,
  type ASTNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Context } from '../context.js';
import { readScoped, scopeOf } from '../db/scope.js';
import { checkOperation, MAX_TOKENS } from '../limits.js';
import { eventContext, LiveStream, NeedsDatabase } from './live.js';
import type { LiveEvent } from './topics.js';

/** A parsed and validated operation, shared by every subscriber that sends the same text. */
interface Prepared {
  id: number;
  document: DocumentNode;
  /**
   * Variables an event's payload can depend on: all of them except those used only in the root
   * subscription field's arguments (`filter`, `since`, `modelId`…), which choose *which* events a
   * subscriber gets (they are read by the field's `subscribe`, never by its `resolve`).
   */
  payloadVariables: string[];
}

const MAX_PREPARED = 1_000;

/** A payload-only execution that hit a field needing the database (live.ts's `eventContext`). */
const needsDatabase = (result: ExecutionResult) => result.errors?.some((e) => e.originalError instanceof NeedsDatabase) ?? false;

/**
 * A parse or validation error is the client's: it carries the code Apollo gives it over HTTP
 * (instead of becoming an INTERNAL_SERVER_ERROR logged as a server failure).
 */
function withRequestErrorCode(error: GraphQLError, code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED'): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions, code } });
}

function parses(query: string): boolean {
  try {
    parse(query, { maxTokens: MAX_TOKENS });
    return true;
  } catch {
    return false;
  }
}

function variablesIn(nodes: readonly (ASTNode | undefined)[], into: Set<string>): void {
  for (const node of nodes) {
    if (!node) continue;
    visit(node, {
      Variable: (v) => {
        into.add(v.name.value);
      },
    });
  }
}

function payloadVariablesOf(document: DocumentNode, operationName: string | undefined): string[] {
  const operation = getOperationAST(document, operationName);
  const names = new Set<string>();
  if (!operation) return [];
  const [root, ...rest] = operation.selectionSet.selections;
  // Anything but a single plain root field: every variable counts.
  const rootField = root?.kind === Kind.FIELD && rest.length === 0 ? root : undefined;
  variablesIn([...(operation.directives ?? [])], names);
  if (rootField) variablesIn([...(rootField.directives ?? []), rootField.selectionSet], names);
  else variablesIn([operation.selectionSet], names);
  variablesIn(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION), names);
  return [...names].sort();
}

/**
 * A way to write a graphql-ws message straight to the subscriber's socket: returns false (and writes
 * nothing) when the socket is closed or its buffer is full, and the message then goes through
 * graphql-ws, which waits for the socket to drain.
 */
export type DirectSend = (message: string) => boolean;

const DIRECT = Symbol('direct send');

/** Messages a subscription writes in a row before it yields to the event loop. */
const YIELD_EVERY = 64;

interface DirectArgs extends ExecutionArgs {
  [DIRECT]?: { id: string; send: DirectSend };
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as { then?: unknown })?.then === 'function';

/**
 * Subscription execution for graphql-ws, built for fan-out.
 *
 * - `onSubscribe`: parses and validates an operation once per distinct text and operation name,
 *   with the same limits as HTTP, instead of once per subscriber.
 * - `subscribe`: the source stream comes from the field's `subscribe` (`liveEvents`: filters,
 *   replay, workspace scoping — all per subscriber), and each event is executed in a fresh per-event
 *   context (own EntityManager and loaders). The result is shared: subscribers that receive the same
 *   event object through the same operation, with the same payload variables and the same caller
 *   (workspace and actor), get the one execution result, serialised once — 1,000 dashboards
 *   subscribed to `alertRaised` cost one execution and one JSON.stringify per alert, not 1,000.
 *   Error-free results are written straight to the socket (`{"id":…,"type":"next","payload":…}`,
 *   exactly what graphql-ws would send), draining every event already waiting without a promise per
 *   event; results with errors, and sockets whose buffer is full, go through graphql-ws (`onNext`
 *   formatting, waiting for the socket to drain).
 *
 * The sharing relies on one rule for subscription fields: `resolve` builds the payload from the
 * event (and the caller), never from the field's arguments, which only `subscribe` reads.
 */
export function createSubscriptionExecution(schema: GraphQLSchema, validationRules: readonly ValidationRule[]) {
  const prepared = new Map<string, Prepared | { errors: readonly GraphQLError[] }>();
  const byDocument = new WeakMap<DocumentNode, Prepared>();
  let nextId = 0;
  /** Execution results per event object, per group key; collected with the event. */
  const shared = new WeakMap<object, Map<string, ExecutionResult | Promise<ExecutionResult>>>();
  /** The JSON of a shared result. */
  const serialised = new WeakMap<ExecutionResult, string>();

  function prepare(query: string, operationName: string | undefined): Prepared | { errors: readonly GraphQLError[] } {
    const key = `${operationName ?? ''}\u0000${query}`;
    let entry = prepared.get(key);
    if (!entry) {
      const checked = checkOperation(schema, query, validationRules);
      if ('errors' in checked) {
        const code = parses(query) ? 'GRAPHQL_VALIDATION_FAILED' : 'GRAPHQL_PARSE_FAILED';
        entry = { errors: checked.errors.map((e) => withRequestErrorCode(e, code)) };
      }
      else {
        entry = { id: ++nextId, document: checked.document, payloadVariables: payloadVariablesOf(checked.document, operationName) };
        byDocument.set(entry.document, entry);
      }
      if (prepared.size >= MAX_PREPARED) prepared.clear();
      prepared.set(key, entry);
    }
    return entry;
  }

  const jsonOf = (result: ExecutionResult) => {
    let json = serialised.get(result);
    if (json === undefined) serialised.set(result, (json = JSON.stringify(result)));
    return json;
  };

  return {
    /**
     * graphql-ws `onSubscribe`: execution arguments, or the parse/validation errors. `direct` (the
     * subscription id and a writer to its socket) enables writing results straight to the socket.
     */
    onSubscribe(
      payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
      direct?: { id: string; send: DirectSend },
    ): ExecutionArgs | readonly GraphQLError[] {
      const entry = prepare(payload.query, payload.operationName ?? undefined);
      if ('errors' in entry) return entry.errors;
      const args: DirectArgs = { schema, document: entry.document, operationName: payload.operationName ?? undefined, variableValues: payload.variables ?? undefined };
      if (direct) args[DIRECT] = direct;
      return args;
    },

    /** graphql-ws `subscribe`: the per-subscriber source stream, mapped through shared executions. */
    async subscribe(args: DirectArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
      const stream = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
      const ctx = args.contextValue as Context;
      const entry = byDocument.get(args.document);
      const variables = args.variableValues ?? {};
      // Without a prepared entry (not through onSubscribe) nothing is shared.
      const group = entry ? JSON.stringify([entry.id, args.operationName ?? null, entry.payloadVariables.map((name) => variables[name] ?? null), ctx.caller]) : null;
      // An event is resolved from its payload alone first (most selections need nothing else, and stay
      // synchronous). When a field reaches for the database, the event is resolved again, in a
      // transaction of its own under the caller's row-level security scope.
      const scoped = (event: unknown) => {
        const em = ctx.em.fork();
        return readScoped(em, scopeOf(ctx.caller), () => execute({ ...args, rootValue: event, contextValue: eventContext(ctx, em) }));
      };
      const run = (event: unknown): ExecutionResult | Promise<ExecutionResult> => {
        const first = execute({ ...args, rootValue: event, contextValue: eventContext(ctx, null) });
        if (isPromise(first)) return first.then((result) => (needsDatabase(result) ? scoped(event) : result));
        return needsDatabase(first) ? scoped(event) : first;
      };
      const resultFor = (event: unknown): ExecutionResult | Promise<ExecutionResult> => {
        if (group === null || typeof event !== 'object' || event === null) return run(event);
        let results = shared.get(event);
        if (!results) shared.set(event, (results = new Map()));
        let result = results.get(group);
        if (!result) {
          result = run(event);
          results.set(group, result);
          // Later subscribers get the settled value, without a promise.
          if (isPromise(result)) void result.then((settled) => results.set(group, settled), () => undefined);
        }
        return result;
      };
      const direct = args[DIRECT];
      const prefix = direct ? `{"id":${JSON.stringify(direct.id)},"type":"next","payload":` : '';

      if (stream instanceof LiveStream) {
        let finished = false;
        let sent = 0;
        const finish = () => {
          finished = true;
          stream.close();
        };
        const drained: AsyncIterableIterator<ExecutionResult> = {
          async next(): Promise<IteratorResult<ExecutionResult>> {
            try {
              for (;;) {
                let event: LiveEvent | undefined;
                while (!finished && (event = stream.take()) !== undefined) {
                  const pending = resultFor(event);
                  const result = isPromise(pending) ? await pending : pending;
                  if (finished) break;
                  if (direct && !result.errors && direct.send(`${prefix}${jsonOf(result)}}`)) {
                    // A long backlog (a replay, a burst) lets other sockets and requests in now and then.
                    if (++sent % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
                    continue;
                  }
                  return { value: result, done: false };
                }
                if (finished || stream.closed) return { value: undefined, done: true };
                await stream.wait();
              }
            } catch (error) {
              finish();
              throw error;
            }
          },
          async return() {
            finish();
            return { value: undefined, done: true };
          },
          async throw(error: unknown) {
            finish();
            throw error;
          },
          [Symbol.asyncIterator]: () => drained,
        };
        return drained;
      }

      // Any other async iterable: a plain mapping, one execution per event.
      const source = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      const close = async () => {
        try {
          await source.return?.();
        } catch {
          // keep the original error
        }
      };
      const mapped: AsyncIterableIterator<ExecutionResult> = {
        async next(): Promise<IteratorResult<ExecutionResult>> {
          const step = await source.next();
          if (step.done) return { value: undefined, done: true };
          try {
            return { value: await resultFor(step.value), done: false };
          } catch (error) {
            await close();
            throw error;
          }
        },
        async return() {
          await close();
          return { value: undefined, done: true };
        },
        async throw(error: unknown) {
          await close();
          throw error;
        },
        [Symbol.asyncIterator]: () => mapped,
      };
      return mapped;
    },
  };
}
