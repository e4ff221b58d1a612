import type { StoredTicketEvent } from "../../tickets/ticket-store.types";
import type { TicketEventBus } from "./ticket-event-bus";

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

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
