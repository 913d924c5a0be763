import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Context, workspaceOf } from '../context.js';
import { readScoped, scopeOf } from '../db/scope.js';
import { BadInputError, DomainError } from '../errors.js';
import { Loaders } from '../loaders.js';
import { materialize } from '../materialize.js';
import type { BusSubscription } from './bus.js';
import { eventsSince, REPLAY_PAGE } from './outbox.js';
import type { LiveEvent, Row, Topic } from './topics.js';

/** `since` must be an event id a subscriber received (a decimal integer); returned normalised. */
export function parseSince(since: string | null | undefined): string | null {
  if (since === null || since === undefined) return null;
  if (!/^\d{1,19}$/.test(since)) throw new BadInputError('since must be the id of a received event (a decimal integer)', { argument: 'since' });
  return BigInt(since).toString();
}

/** Compares two event ids (decimal strings without leading zeros) without parsing them. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Events a subscriber may have waiting (its socket is slower than the events arrive). Beyond that the
 * stream delivers what it has and then ends with UNAVAILABLE; the client resumes with `since` from
 * the outbox: memory stays bounded and nothing is lost.
 */
export const MAX_BUFFERED_EVENTS = 10_000;

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * The stream behind every subscription: first the stored events after `since` that match, in order,
 * then live events — with no gap (the bus listener is attached, and acknowledged by Redis, before the
 * replay query runs) and no duplicate at the seam (replayed ids, and ids up to `since`, are skipped
 * when they arrive live). When the event channel is lost or the subscriber falls too far behind, it
 * delivers what it already has and then fails with UNAVAILABLE, so the client resumes with `since`.
 *
 * Live events wait in a plain array (the same event object for every subscriber of the process); a
 * consumer can drain it synchronously with `take()` and `wait()` for more (see execution.ts), or use
 * it as an async iterator. `return()` detaches from the bus at once, even while a `next()` is pending.
 */
export class LiveStream implements AsyncIterableIterator<LiveEvent> {
  private buffer: LiveEvent[] = [];
  private head = 0;
  private replay: LiveEvent[] = [];
  private replayHead = 0;
  /** Cursor of the next replay page; null once the replay has caught up (or without `since`). */
  private replayAfter: string | null;
  private readonly replayed = new Set<string>();
  private failure: Error | null = null;
  private waiter: (() => void) | null = null;
  private started: Promise<void> | null = null;
  /** Set once attached (Redis acknowledged) and the first replay page is read. */
  private live = false;
  private readonly subscription: BusSubscription;
  private readonly stopListening: () => void;
  private readonly stopWatching: () => void;
  private readonly workspaceId: string;
  closed = false;

  constructor(
    private readonly ctx: Context,
    private readonly topics: readonly Topic[],
    private readonly since: string | null,
    private readonly accept: (event: LiveEvent) => boolean,
  ) {
    this.workspaceId = workspaceOf(ctx);
    this.replayAfter = since;
    this.subscription = ctx.bus.subscribe(this.workspaceId, topics, (event) => {
      if (this.closed || this.failure) return;
      if (this.buffer.length - this.head >= MAX_BUFFERED_EVENTS) {
        this.fail(new DomainError('UNAVAILABLE', `More than ${MAX_BUFFERED_EVENTS} events are waiting for this subscriber; resubscribe with \`since\` to catch up.`));
        return;
      }
      this.buffer.push(event);
      this.wake();
    });
    this.stopListening = ctx.bus.onDisconnect((reason) => this.fail(new DomainError('UNAVAILABLE', reason)));
    // Access is re-checked for every event: a revoked key, a signed-out session or a removed member
    // ends the stream at once, without delivering what is still waiting.
    const { grant, access } = ctx;
    this.stopWatching = grant && access ? access.watch(grant, (revocation) => this.revoke(revocation.code, revocation.reason)) : () => undefined;
    const revoked = grant && access?.check(grant);
    if (revoked) this.revoke(revoked.code, revoked.reason);
  }

  /** Ends the stream with UNAUTHENTICATED / FORBIDDEN, dropping the events not yet delivered. */
  private revoke(code: 'UNAUTHENTICATED' | 'FORBIDDEN', reason: string): void {
    this.abort(new DomainError(code, reason));
    this.replay = [];
    this.replayHead = 0;
    this.live = true;
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  /** The next event available without waiting, or undefined; throws (and closes) once a failure is reached. */
  take(): LiveEvent | undefined {
    if (this.closed || !this.live) return undefined;
    if (this.ctx.grant?.expiresAt != null && this.ctx.grant.expiresAt <= Date.now() && !this.failure) this.revoke('UNAUTHENTICATED', 'The credentials expired');
    if (this.replayHead < this.replay.length) return this.replay[this.replayHead++];
    if (this.replayAfter !== null) return undefined; // the next replay page is read in wait()
    while (this.head < this.buffer.length) {
      const event = this.buffer[this.head++]!;
      if (this.replayed.size && this.replayed.has(event.id)) continue;
      if (this.since !== null && compareIds(event.id, this.since) <= 0) continue;
      if (this.accept(event)) return event;
    }
    this.buffer = [];
    this.head = 0;
    if (this.failure) {
      const failure = this.failure;
      this.close();
      throw failure;
    }
    return undefined;
  }

  /** Resolves when `take()` may have something new, or the stream was closed. */
  wait(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.started) return (this.started = this.start());
    if (!this.live) return this.started;
    if (this.replayAfter !== null && this.replayHead >= this.replay.length) return this.readReplayPage();
    if (this.head < this.buffer.length || this.failure) return Promise.resolve();
    return new Promise<void>((resolve) => (this.waiter = resolve));
  }

  private async start(): Promise<void> {
    try {
      await this.subscription.ready;
    } catch {
      this.abort(new DomainError('UNAVAILABLE', 'The live event channel is unavailable; resubscribe with `since` to resume.'));
    }
    if (this.replayAfter !== null) await this.readReplayPage();
    this.live = true;
  }

  private async readReplayPage(): Promise<void> {
    try {
      const em = this.ctx.em.fork();
      const page = await readScoped(em, scopeOf(this.ctx.caller), () => eventsSince(em, this.workspaceId, this.topics, this.replayAfter!));
      this.replay = [];
      this.replayHead = 0;
      for (const event of page) {
        this.replayed.add(event.id);
        if (this.accept(event)) this.replay.push(event);
      }
      this.replayAfter = page.length < REPLAY_PAGE ? null : page.at(-1)!.id;
    } catch (error) {
      this.abort(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Fails without delivering buffered live events: after an incomplete replay they would leave a gap. */
  private abort(error: Error): void {
    this.replayAfter = null;
    this.buffer = [];
    this.head = 0;
    this.failure = error;
  }

  async next(): Promise<IteratorResult<LiveEvent>> {
    for (;;) {
      const event = this.take();
      if (event) return { value: event, done: false };
      if (this.closed) return DONE;
      await this.wait();
    }
  }

  /** Detaches from the bus; a pending `next()` resolves as done. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.subscription.close();
    this.stopListening();
    this.stopWatching();
    this.buffer = [];
    this.replay = [];
    this.wake();
  }

  async return(): Promise<IteratorResult<LiveEvent>> {
    this.close();
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorResult<LiveEvent>> {
    this.close();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** The stream of a subscription field: `topics` of the caller's workspace that pass `accept`, after `since`. */
export function liveEvents(ctx: Context, topics: readonly Topic[], sinceArg: string | null | undefined, accept: (event: LiveEvent) => boolean): LiveStream {
  return new LiveStream(ctx, topics, parseSince(sinceArg), accept);
}

const parentEm = new WeakMap<Context, EntityManager>();

/** Thrown by an event context without a database when a field reaches for one (see execution.ts). */
export class NeedsDatabase extends Error {
  constructor() {
    super('This event is resolved from its payload alone');
  }
}

/**
 * The context one event is resolved in: its own EntityManager and loaders, so nested fields read
 * current rows and nothing accumulates over a long subscription. `em` is the event's, in a scoped
 * transaction (execution.ts); null: resolve from the payload alone — a field that touches the
 * EntityManager then throws {@link NeedsDatabase}. The loaders are created on first use.
 */
export function eventContext(ctx: Context, em: EntityManager | null): Context {
  let loaders: Loaders | undefined;
  const scoped = Object.defineProperties({ ...ctx } as Context, {
    em: {
      get: () => {
        if (!em) throw new NeedsDatabase();
        return em;
      },
      enumerable: true,
      configurable: true,
    },
    loaders: { get: () => (loaders ??= new Loaders()), enumerable: true, configurable: true },
  });
  parentEm.set(scoped, parentEm.get(ctx) ?? ctx.em);
  return scoped;
}

/** The entity an event carries, as it was committed (no database read, no EntityManager fork). */
export function fromRow<T extends object>(ctx: Context, entity: EntityClass<T>, row: Row): T {
  return materialize(parentEm.get(ctx) ?? ctx.em, entity, [row])[0]!;
}
