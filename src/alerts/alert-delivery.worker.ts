import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { EscalationStore, LeasedJob } from "../escalation/escalation.store";
import { hasAttemptsLeft, nextAttemptDelayMs, type OutboxRetryPolicy } from "../escalation/outbox-backoff";
import { AlertDeliveryStatus } from "./alert-delivery.entity";
import type { AlertDestination } from "./alert-destination";
import { AlertDeliveryError, type AlertSender } from "./alert-sender";
import { ALERT_DELIVERY, type AlertDeliveryJob, type AlertStore } from "./alert.store";

export interface AlertDeliveryWorkerOptions {
  alerts: AlertStore;
  /** The outbox's leases (the same table and mechanism as the escalation worker's jobs). */
  outbox: EscalationStore;
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
 * Delivers alerts from the outbox: each ALERT_DELIVERY job is one alert to one destination,
 * enqueued once (unique idempotency key) and leased by one worker at a time, across gateways.
 * A worker that dies mid-delivery loses its lease and another (or the restarted one) delivers
 * when it expires; a failed attempt is retried with exponential backoff until the budget is spent.
 * Webhook receivers see the same `webhook-id` on a retry (Standard Webhooks' dedupe key).
 */
export class AlertDeliveryWorker {
  readonly owner: string;
  private readonly clock: () => Date;

  constructor(private readonly options: AlertDeliveryWorkerOptions) {
    this.owner = options.owner ?? `alerts-${randomUUID()}`;
    this.clock = options.clock ?? (() => new Date());
  }

  async runOnce(): Promise<number> {
    const { outbox, leaseMs, batchSize = 20 } = this.options;
    const jobs = await outbox.leaseDueJobs(this.owner, [ALERT_DELIVERY], this.clock(), leaseMs, batchSize);
    await Promise.all(jobs.map((job) => this.deliver(job)));
    return jobs.length;
  }

  private async deliver(job: LeasedJob): Promise<void> {
    const { alerts, outbox, destinations, sender, retry, log } = this.options;
    const target = job.payload as AlertDeliveryJob;
    const stored = await alerts.get(target.alertId);
    const destination = destinations.get(target.destination);
    if (!stored || !destination) {
      const error = !stored ? "the alert is gone" : `destination ${target.destination} is no longer configured`;
      await alerts.recordAttempt(target, job.attempts, AlertDeliveryStatus.FAILED, error, this.clock());
      await outbox.fail(job, this.owner, error, this.clock());
      return;
    }
    try {
      await sender.send(destination, stored.payload);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof AlertDeliveryError && error.permanent;
      const now = this.clock();
      if (!permanent && hasAttemptsLeft(retry, job.attempts)) {
        await alerts.recordAttempt(target, job.attempts, AlertDeliveryStatus.PENDING, message, now);
        await outbox.reschedule(job, this.owner, new Date(now.getTime() + nextAttemptDelayMs(retry, job.attempts, undefined)), message, now);
        log.warn({ alertId: target.alertId, destination: target.destination, attempt: job.attempts, error: message }, "alert delivery failed; will retry");
      } else {
        await alerts.recordAttempt(target, job.attempts, AlertDeliveryStatus.FAILED, message, now);
        await outbox.fail(job, this.owner, message, now);
        log.error({ alertId: target.alertId, destination: target.destination, attempts: job.attempts, error: message }, "alert delivery given up");
      }
      return;
    }
    const now = this.clock();
    // One transaction: the log never says delivered while the job could still run again.
    await alerts.atomically(async () => {
      await alerts.recordAttempt(target, job.attempts, AlertDeliveryStatus.DELIVERED, null, now);
      await outbox.complete(job, this.owner, now);
    });
  }
}
