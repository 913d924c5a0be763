import { ApolloLink } from '@apollo/client/link';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import type { DocumentNode } from 'graphql';
import { Kind, OperationTypeNode } from 'graphql';
import type { Client } from 'graphql-ws';
import { tap } from 'rxjs';

/** Whether the operation declares a `$since` variable (the API's resume argument). */
export function declaresSince(document: DocumentNode): boolean {
  return document.definitions.some(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      definition.operation === OperationTypeNode.SUBSCRIPTION &&
      (definition.variableDefinitions ?? []).some((v) => v.variable.name.value === 'since'),
  );
}

/**
 * The `eventId` of a subscription result: every Modelyard event payload carries one
 * (`{ runUpdated: { eventId, run } }`).
 */
export function eventIdOf(result: { data?: unknown }): string | null {
  const data = result.data;
  if (!data || typeof data !== 'object') return null;
  for (const value of Object.values(data)) {
    if (value && typeof value === 'object' && 'eventId' in value && typeof value.eventId === 'string') {
      return value.eventId;
    }
  }
  return null;
}

/**
 * GraphQLWsLink that resumes where it stopped. graphql-ws re-sends an active subscription's
 * payload after it reconnects a dropped socket; this link hands it a variables object of its own
 * and keeps `since` in it equal to the last event id received, so the re-sent subscription
 * replays exactly the events missed while the socket was down (the API replays stored events
 * after `since`, then continues live, with no gap and no duplicate).
 *
 * Operations opt in by declaring `$since: ID` and selecting `eventId`.
 */
export class ResumableWsLink extends GraphQLWsLink {
  constructor(client: Client) {
    super(client);
  }

  override request(operation: ApolloLink.Operation) {
    if (!declaresSince(operation.query)) return super.request(operation);
    const variables: Record<string, unknown> = { ...operation.variables };
    const resumable: ApolloLink.Operation = {
      query: operation.query,
      operationName: operation.operationName,
      operationType: operation.operationType,
      extensions: operation.extensions,
      setContext: operation.setContext,
      getContext: operation.getContext,
      client: operation.client,
      variables,
    };
    return super.request(resumable).pipe(
      tap((result) => {
        const eventId = eventIdOf(result);
        if (eventId) variables.since = eventId;
      }),
    );
  }
}
