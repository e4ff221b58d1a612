import type { StoredTicketEvent } from "../../tickets/ticket-store.types";
import type { TicketEventBus } from "./ticket-event-bus";

/** Most events buffered for one slow subscriber; older ones are dropped (live view, not audit). */
const MAX_BUFFERED = 1_000;

/**
 * The bus as an async iterator for one subscription: events that pass `accept` (which may be
 * async, e.g. a tenant check) are delivered in publish order; `return()` unsubscribes.
 */
export function ticketEventStream(
  bus: TicketEventBus,
  accept: (event: StoredTicketEvent) => boolean | Promise<boolean>,
): AsyncIterableIterator<StoredTicketEvent> {
  const buffered: StoredTicketEvent[] = [];
  let waiting: ((result: IteratorResult<StoredTicketEvent>) => void) | null = null;
  let done = false;
  let chain = Promise.resolve();
  const unsubscribe = bus.subscribe((event) => {
    // Checks run one after another so delivery keeps the publish order.
    chain = chain.then(async () => {
      if (done || !(await Promise.resolve(accept(event)).catch(() => false))) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value: event, done: false });
      } else {
        buffered.push(event);
        if (buffered.length > MAX_BUFFERED) buffered.shift();
      }
    });
  });
  const finish = (): Promise<IteratorResult<StoredTicketEvent>> => {
    done = true;
    unsubscribe();
    buffered.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (buffered.length > 0) return Promise.resolve({ value: buffered.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: finish,
    throw: async (error: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
