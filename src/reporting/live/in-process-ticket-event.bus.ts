import type { StoredTicketEvent } from "../../tickets/ticket-store.types";
import type { TicketEventBus, TicketEventGap } from "./ticket-event-bus";

/** One gateway instance: listeners are called in-process. */
export class InProcessTicketEventBus implements TicketEventBus {
  private readonly listeners = new Set<(event: StoredTicketEvent) => void>();

  async publish(event: StoredTicketEvent): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A failing subscriber must not stop the others.
      }
    }
  }

  subscribe(listener: (event: StoredTicketEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private readonly gapListeners = new Set<(gap: TicketEventGap) => void>();

  /** In-process delivery never breaks; the Redis bus reports its gaps through this one. */
  onGap(listener: (gap: TicketEventGap) => void): () => void {
    this.gapListeners.add(listener);
    return () => this.gapListeners.delete(listener);
  }

  /** Tells every gap listener (one failing listener does not stop the others). */
  reportGap(gap: TicketEventGap): void {
    for (const listener of [...this.gapListeners]) {
      try {
        listener(gap);
      } catch {
        // as for events
      }
    }
  }

  isLive(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.gapListeners.clear();
  }
}
