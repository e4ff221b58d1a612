import { AppError, ErrorCode } from "../../errors";
import type { StoredTicketEvent } from "../../tickets/ticket-store.types";
import type { TicketEventBus, TicketEventGap } from "./ticket-event-bus";

/** Most events buffered for one slow subscriber; older ones are dropped (live view, not audit). */
const MAX_BUFFERED = 1_000;

/**
 * The bus as an async iterator for one subscription: events that pass `accept` (which may be
 * async, e.g. a tenant check) are delivered in publish order; `return()` unsubscribes.
 *
 * `accept` throwing ends the stream with that error (e.g. FORBIDDEN once access to a subscribed
 * customer is gone): events accepted before it are still delivered, then `next()` rejects once
 * and nothing more is read from the bus. A gap the bus reports (live delivery broke, e.g. Redis
 * lost) ends the stream the same way with SERVICE_UNAVAILABLE, after the events queued before it:
 * the client re-reads what it missed from the audit trail instead of silently missing events.
 */
export function ticketEventStream(
  bus: TicketEventBus,
  accept: (event: StoredTicketEvent) => boolean | Promise<boolean>,
): AsyncIterableIterator<StoredTicketEvent> {
  const buffered: StoredTicketEvent[] = [];
  let waiting: { resolve: (result: IteratorResult<StoredTicketEvent>) => void; reject: (error: unknown) => void } | null = null;
  let done = false;
  let failure: { error: unknown } | null = null;
  let chain = Promise.resolve();
  const unsubscribe = bus.subscribe((event) => {
    // Checks run one after another so delivery keeps the publish order.
    chain = chain.then(async () => {
      if (done || failure) return;
      let accepted: boolean;
      try {
        accepted = await accept(event);
      } catch (error) {
        fail(error);
        return;
      }
      if (!accepted || done || failure) return;
      if (waiting) {
        const { resolve } = waiting;
        waiting = null;
        resolve({ value: event, done: false });
      } else {
        buffered.push(event);
        if (buffered.length > MAX_BUFFERED) buffered.shift();
      }
    });
  });
  const stopGaps = bus.onGap((gap) => {
    chain = chain.then(() => {
      if (!done && !failure) fail(liveEventsInterrupted(gap));
    });
  });
  const fail = (error: unknown): void => {
    unsubscribe();
    stopGaps();
    if (waiting) {
      const { reject } = waiting;
      waiting = null;
      done = true;
      reject(error);
    } else {
      failure = { error };
    }
  };
  const finish = (): Promise<IteratorResult<StoredTicketEvent>> => {
    done = true;
    failure = null;
    unsubscribe();
    stopGaps();
    buffered.length = 0;
    waiting?.resolve({ value: undefined, done: true });
    waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (buffered.length > 0) return Promise.resolve({ value: buffered.shift()!, done: false });
      if (failure) {
        const { error } = failure;
        failure = null;
        done = true;
        return Promise.reject(error);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
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

/** The typed end of a subscription whose events may have been lost. */
export function liveEventsInterrupted(gap: TicketEventGap): AppError {
  return new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    `Live events were interrupted at ${gap.since.toISOString()}; read what was missed from auditEvents and subscribe again`,
    { reason: gap.reason },
  );
}
