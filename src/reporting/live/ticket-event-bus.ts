import type { StoredTicketEvent } from "../../tickets/ticket-store.types";

/**
 * Port: fans committed ticket events out to live subscribers, across gateway instances when the
 * implementation is shared (Redis). Publishers call it after commit; a lost message loses a live
 * notification only, never audit data (the audit trail is the database).
 */
export interface TicketEventBus {
  publish(event: StoredTicketEvent): Promise<void>;
  /** Registers a listener for every event published on any instance; returns its unsubscribe. */
  subscribe(listener: (event: StoredTicketEvent) => void): () => void;
  /**
   * Registers a listener told when live delivery broke (issue 14): events committed from
   * `gap.since` on may never reach `subscribe` listeners (Redis connection lost, a publish that
   * failed). A subscriber should end its stream with SERVICE_UNAVAILABLE (or send a gap marker) so
   * the client re-reads from the audit trail (e.g. `auditEvents`) instead of silently missing events.
   */
  onGap(listener: (gap: TicketEventGap) => void): () => void;
  /** False while live delivery is known to be broken (a new subscriber would miss events at once). */
  isLive(): boolean;
  close(): Promise<void>;
}

/** Live delivery broke at `since`, for `reason`; it does not say when (or whether) it came back. */
export interface TicketEventGap {
  since: Date;
  reason: "REDIS_CONNECTION_LOST" | "PUBLISH_FAILED";
}

/** The wire form of an event (JSON with `at` as ISO text). */
export function encodeTicketEvent(event: StoredTicketEvent): string {
  return JSON.stringify({ ...event, at: event.at.toISOString() });
}

/** Parses the wire form; null for anything malformed (a foreign publisher on the channel). */
export function decodeTicketEvent(text: string): StoredTicketEvent | null {
  try {
    const value = JSON.parse(text) as StoredTicketEvent & { at: string };
    const at = new Date(value.at);
    if (typeof value.id !== "string" || typeof value.ticketId !== "string" || typeof value.customerId !== "string" || Number.isNaN(at.getTime())) return null;
    return { ...value, at };
  } catch {
    return null;
  }
}
