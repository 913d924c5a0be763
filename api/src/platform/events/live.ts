import { type Context, workspaceOf } from '../context.js';
import { BadInputError, DomainError } from '../errors.js';
import { Loaders } from '../loaders.js';
import { eventsSince } from './outbox.js';
import type { EntityClass } from '@mikro-orm/core';
import { materialize } from '../materialize.js';
import type { LiveEvent, Row, Topic } from './topics.js';

/** `since` must be an event id a subscriber received (a decimal integer). */
export function parseSince(since: string | null | undefined): string | null {
  if (since === null || since === undefined) return null;
  if (!/^\d{1,19}$/.test(since)) throw new BadInputError('since must be the id of a received event (a decimal integer)', { argument: 'since' });
  return since;
}

/**
 * The stream behind every subscription: first the stored events after `since` that match, in order,
 * then live events — with no gap (the live listener is attached before the replay query runs) and no
 * duplicate at the seam (replayed ids are skipped when they arrive live). Ends with an error when
 * the event channel is lost, so the client reconnects and resumes with `since`.
 */
export async function* liveEvents(ctx: Context, topics: readonly Topic[], sinceArg: string | null | undefined, accept: (event: LiveEvent) => boolean): AsyncGenerator<LiveEvent> {
  const since = parseSince(sinceArg);
  const workspaceId = workspaceOf(ctx);
  const wanted = new Set<Topic>(topics);
  const live = ctx.bus.subscribe(workspaceId);
  let lost: (reason: Error) => void = () => undefined;
  const channelLost = new Promise<never>((_, reject) => {
    lost = reject;
  });
  channelLost.catch(() => undefined);
  const unsubscribe = ctx.bus.onDisconnect((reason) => lost(new DomainError('UNAVAILABLE', reason)));
  try {
    let next = live.next(); // attaches the listener now: events committed during the replay are buffered
    const replayed = new Set<string>();
    if (since !== null) {
      for (const event of await eventsSince(ctx.em.fork(), workspaceId, topics, since)) {
        if (!accept(event)) continue;
        replayed.add(event.id);
        yield event;
      }
    }
    for (;;) {
      const { value: event, done } = await Promise.race([next, channelLost]);
      if (done) return;
      next = live.next();
      if (!wanted.has(event.topic) || replayed.has(event.id)) continue;
      if (since !== null && BigInt(event.id) <= BigInt(since)) continue;
      if (accept(event)) yield event;
    }
  } finally {
    unsubscribe();
    await live.return?.();
  }
}

/** A context for resolving one event: fresh EntityManager and loaders, so nested fields read current rows. */
export function eventContext(ctx: Context): Context {
  return { ...ctx, em: ctx.em.fork(), loaders: new Loaders() };
}

/** The entity an event carries, as it was committed (no database read). */
export function fromRow<T extends object>(ctx: Context, entity: EntityClass<T>, row: Row): T {
  return materialize(ctx.em, entity, [row])[0]!;
}
