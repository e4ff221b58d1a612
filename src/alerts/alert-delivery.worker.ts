import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { hasAttemptsLeft, nextAttemptDelayMs, type OutboxRetryPolicy } from "../escalation/outbox-backoff";
import { AlertDeliveryStatus } from "./alert-delivery.entity";
import type { AlertDestination } from "./alert-destination";
import { AlertDeliveryError, type AlertSender } from "./alert-sender";
import type { AlertDeliveryJob, AlertStore } from "./alert.store";
import { messageOf } from "../errors";

export interface AlertDeliveryWorkerOptions {
  alerts: AlertStore;
  destinations: ReadonlyMap<string, AlertDestination>;
  sender: AlertSender;
  retry: OutboxRetryPolicy;
  leaseMs: number;
  batchSize?: number;
  owner?: string;
  log: Logger;
  clock?: () => Date;
}

/**
 * Delivers alerts from their outbox (`alert_delivery`): each row is one alert to one destination,
 * enqueued once (primary key) in the alert's own transaction and leased by one worker at a time,
 * across gateways. A worker that dies mid-delivery loses its lease and another (or the restarted
 * one) delivers when it expires; a failed attempt is retried with exponential backoff until the
 * budget is spent. Webhook receivers see the same `webhook-id` on a retry (Standard Webhooks'
 * dedupe key).
 */
export class AlertDeliveryWorker {
  readonly owner: string;
  private readonly clock: () => Date;

  constructor(private readonly options: AlertDeliveryWorkerOptions) {
    this.owner = options.owner ?? `alerts-${randomUUID()}`;
    this.clock = options.clock ?? (() => new Date());
  }

  async runOnce(): Promise<number> {
    const { alerts, leaseMs, batchSize = 20 } = this.options;
    const jobs = await alerts.leaseDue(this.owner, this.clock(), leaseMs, batchSize);
    await Promise.all(jobs.map((job) => this.deliver(job)));
    return jobs.length;
  }

  private async deliver(job: AlertDeliveryJob): Promise<void> {
    const { alerts, destinations, sender, retry, log } = this.options;
    const stored = await alerts.get(job.alertId);
    const destination = destinations.get(job.destination);
    if (!stored || !destination) {
      const error = !stored ? "the alert is gone" : `destination ${job.destination} is no longer configured`;
      await alerts.finish(job, this.owner, { status: AlertDeliveryStatus.FAILED, error }, this.clock());
      return;
    }
    try {
      await sender.send(destination, stored.payload);
    } catch (error) {
      const message = messageOf(error);
      const permanent = error instanceof AlertDeliveryError && error.permanent;
      const now = this.clock();
      if (!permanent && hasAttemptsLeft(retry, job.attempts)) {
        const nextAttemptAt = new Date(now.getTime() + nextAttemptDelayMs(retry, job.attempts, undefined));
        await alerts.finish(job, this.owner, { status: AlertDeliveryStatus.PENDING, error: message, nextAttemptAt }, now);
        log.warn({ alertId: job.alertId, destination: job.destination, attempt: job.attempts, error: message }, "alert delivery failed; will retry");
      } else {
        await alerts.finish(job, this.owner, { status: AlertDeliveryStatus.FAILED, error: message }, now);
        log.error({ alertId: job.alertId, destination: job.destination, attempts: job.attempts, error: message }, "alert delivery given up");
      }
      return;
    }
    await alerts.finish(job, this.owner, { status: AlertDeliveryStatus.DELIVERED, error: null }, this.clock());
  }
}
