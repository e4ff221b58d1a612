import { badUserInput } from "../../errors";
import type { EventLogFilter, TicketEventLog } from "../../tickets/ticket-event-log";
import type { StoredTicketEvent } from "../../tickets/ticket-store.types";

/** Most events one resume may replay; further behind, a client reads `auditEvents` instead. */
export const MAX_REPLAYED_EVENTS = 10_000;

const PAGE_SIZE = 500;

/**
 * Checks `afterSequence` (the `globalSequence` of the last event a client received) before a
 * resumed subscription starts: BAD_USER_INPUT when negative, beyond the newest committed event
 * (not a sequence this gateway handed out), or further behind than {@link MAX_REPLAYED_EVENTS}.
 * 0 replays from the first event.
 */
export async function checkResumePoint(log: TicketEventLog, afterSequence: number, filter: EventLogFilter): Promise<void> {
  if (!Number.isInteger(afterSequence) || afterSequence < 0) {
    throw badUserInput("afterSequence", "afterSequence must be 0 or the globalSequence of an event received before");
  }
  const head = await log.head();
  if (afterSequence > head) {
    throw badUserInput("afterSequence", `afterSequence ${afterSequence} is beyond the newest event (${head}); it is not a globalSequence of this gateway`);
  }
  const missed = await log.countAfter(afterSequence, { ...filter, upTo: head });
  if (missed > MAX_REPLAYED_EVENTS) {
    throw badUserInput("afterSequence", `${missed} events were committed since ${afterSequence}, more than ${MAX_REPLAYED_EVENTS}; read them from auditEvents and subscribe again`);
  }
}

/**
 * The events committed after `afterSequence`, in global order, up to the newest one when the
 * replay starts (read after the live listener is in place, so later ones arrive live).
 */
export async function* replayAfter(log: TicketEventLog, afterSequence: number, filter: EventLogFilter): AsyncGenerator<StoredTicketEvent> {
  const upTo = await log.head();
  let after = afterSequence;
  while (after < upTo) {
    const page = await log.eventsAfter(after, { ...filter, upTo, limit: PAGE_SIZE });
    yield* page;
    const last = page[page.length - 1];
    if (page.length < PAGE_SIZE || last?.globalSequence == null) return;
    after = last.globalSequence;
  }
}
