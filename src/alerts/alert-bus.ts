import type { AlertPayload } from "./alert-payload";

/** Newly raised alerts for live subscribers of this process (`alertRaised`). */
export class AlertBus {
  private readonly listeners = new Set<(alert: AlertPayload) => void>();

  publish(alert: AlertPayload): void {
    for (const listener of this.listeners) {
      try {
        listener(alert);
      } catch {
        // A subscriber never fails the raise.
      }
    }
  }

  subscribe(listener: (alert: AlertPayload) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
