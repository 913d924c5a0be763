import { describe, expect, it } from 'vitest';
import type { Context } from '../src/platform/context.js';
import type { EventBus, EventListener } from '../src/platform/events/bus.js';
import { compareIds, LiveStream, MAX_BUFFERED_EVENTS } from '../src/platform/events/live.js';
import type { LiveEvent, Topic } from '../src/platform/events/topics.js';

/** An in-memory bus that counts its listeners. */
function fakeBus() {
  const listeners = new Set<EventListener>();
  const lost = new Set<(reason: string) => void>();
  const bus: EventBus = {
    publish: (event) => listeners.forEach((l) => l(event)),
    subscribe: (_workspaceId, _topics, listener) => {
      listeners.add(listener);
      return { ready: Promise.resolve(), close: () => void listeners.delete(listener) };
    },
    onDisconnect: (listener) => {
      lost.add(listener);
      return () => void lost.delete(listener);
    },
    close: async () => undefined,
  };
  return { bus, listeners, loseChannel: (reason: string) => lost.forEach((l) => l(reason)) };
}

const ctxWith = (bus: EventBus) => ({ bus, caller: { workspaceSlug: 'w', workspaceId: 'w', actor: 'a' } }) as unknown as Context;
let nextId = 1;
const event = (topic: Topic = 'RUN_UPDATED'): LiveEvent => ({ id: String(nextId++), workspaceId: 'w', topic, modelId: null, subjectId: null, payload: {} as never, createdAt: new Date().toISOString() });

describe('LiveStream', () => {
  it('detaches from the bus at once when returned, even while a next() is waiting', async () => {
    const { bus, listeners } = fakeBus();
    const stream = new LiveStream(ctxWith(bus), ['RUN_UPDATED'], null, () => true);
    expect(listeners.size).toBe(1);
    const pending = stream.next();
    await new Promise((r) => setTimeout(r, 10));
    await stream.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(listeners.size).toBe(0);
  });

  it('delivers in order what passes the filter, skipping ids up to since', async () => {
    const { bus } = fakeBus();
    const first = event();
    const stream = new LiveStream(ctxWith(bus), ['RUN_UPDATED'], null, (e) => Number(e.id) % 2 === 0);
    const events = Array.from({ length: 6 }, () => event());
    events.forEach((e) => bus.publish(e));
    const got = [];
    for (let i = 0; i < 3; i++) got.push((await stream.next()).value!.id);
    expect(got).toEqual(events.filter((e) => Number(e.id) % 2 === 0).map((e) => e.id));
    await stream.return();
    expect(compareIds('10', '9')).toBeGreaterThan(0);
    expect(compareIds(first.id, first.id)).toBe(0);
  });

  it('bounds what a slow subscriber buffers: it gets what was buffered, then UNAVAILABLE (to resume with since)', async () => {
    const { bus, listeners } = fakeBus();
    const stream = new LiveStream(ctxWith(bus), ['RUN_UPDATED'], null, () => true);
    await stream.wait(); // attached
    for (let i = 0; i < MAX_BUFFERED_EVENTS + 5; i++) bus.publish(event());
    let delivered = 0;
    await expect((async () => {
      for (;;) {
        const step = await stream.next();
        if (step.done) return;
        delivered++;
      }
    })()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(delivered).toBe(MAX_BUFFERED_EVENTS);
    expect(listeners.size).toBe(0);
  });

  it('delivers what it has, then fails with UNAVAILABLE when the channel is lost', async () => {
    const { bus, loseChannel, listeners } = fakeBus();
    const stream = new LiveStream(ctxWith(bus), ['RUN_UPDATED'], null, () => true);
    await stream.wait();
    const e = event();
    bus.publish(e);
    loseChannel('Redis went away');
    expect((await stream.next()).value).toBe(e);
    await expect(stream.next()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'Redis went away' });
    expect(listeners.size).toBe(0);
  });
});
