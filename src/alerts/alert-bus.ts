import type { Logger } from "pino";
import type { AlertPayload } from "./alert-payload";

/** Why live delivery broke (the live-events transport's gap). */
export interface AlertRelayGap {
  since: Date;
  reason: string;
}

/**
 * The transport alerts ride on to live subscribers: the gateway's live ticket events
 * (src/reporting/live: graphql-yoga's PubSub event target, Redis pub/sub with several instances).
 */
export interface AlertRelay {
  publishAlert(alert: AlertPayload): Promise<void>;
  onAlert(listener: (alert: AlertPayload) => void): () => void;
  onGap(listener: (gap: AlertRelayGap) => void): () => void;
  isLive(): boolean;
}

/**
 * Newly raised alerts for live subscribers (`alertRaised`) on every instance: published on the
 * live-events transport, so with Redis an alert raised on one instance reaches the subscribers of
 * all (this one included, through Redis like the others: each sees it once).
 */
export class AlertBus {
  constructor(
    private readonly relay: AlertRelay,
    private readonly log: Logger,
  ) {}

  /** After the alert is stored; a failed publish is a gap (open streams end), never a failed raise. */
  publish(alert: AlertPayload): void {
    this.relay.publishAlert(alert).catch((error: unknown) => this.log.warn({ err: error, alertId: alert.id }, "alert not published to live subscribers"));
  }

  subscribe(listener: (alert: AlertPayload) => void): () => void {
    return this.relay.onAlert((alert) => {
      try {
        listener(alert);
      } catch {
        // A subscriber never fails another's delivery.
      }
    });
  }

  onGap(listener: (gap: AlertRelayGap) => void): () => void {
    return this.relay.onGap(listener);
  }

  /** False while live delivery is known to be broken. */
  isLive(): boolean {
    return this.relay.isLive();
  }
}
