import { randomUUID } from "node:crypto";
import type { AddServiceRequestNoteEffect, FileServiceRequestEffect } from "../../machines";
import { classifyDeskFailure, isAssertionExpired } from "../cloud/service-request-failure";
import type { OnBehalfOf } from "../cloud/service-request.types";
import { OutboxJobStatus } from "../db/outbox-job.entity";
import { ErrorCode, isAppError, messageOf } from "../errors";
import type { TicketService } from "../tickets/ticket.service";
import { ticketContext } from "../tickets/ticket-read-model";
import { applySystemEvent } from "./apply-system-event";
import { OUTBOX_ACTOR } from "./escalation-actors";
import type { EscalationStore, LeasedJob } from "./escalation.store";
import { hasAttemptsLeft, nextAttemptDelayMs, type OutboxRetryPolicy } from "./outbox-backoff";
import { escalationReference, serviceRequestDraft } from "./service-request-draft";
import type { ServiceRequestDeskRouter } from "./service-request-desk.router";

export const FILE_SERVICE_REQUEST = "FILE_SERVICE_REQUEST";
export const ADD_SERVICE_REQUEST_NOTE = "ADD_SERVICE_REQUEST_NOTE";
const KINDS = [FILE_SERVICE_REQUEST, ADD_SERVICE_REQUEST_NOTE] as const;

/** Minimal logger (pino fits). */
export interface WorkerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface OutboxWorkerOptions {
  store: EscalationStore;
  tickets: TicketService;
  desks: ServiceRequestDeskRouter;
  retry: OutboxRetryPolicy;
  /** How long a lease lasts; a worker that dies releases its jobs when it expires. */
  leaseMs: number;
  /** Jobs leased per round. */
  batchSize?: number;
  /** Identifies this worker in `lease_owner` (default: a random id per process). */
  owner?: string;
  log: WorkerLog;
  clock?: () => Date;
  customerName?: (customerId: string) => Promise<string | null>;
}

type JobOutcome = { kind: "done" } | { kind: "failed"; error: string } | { kind: "retry"; error: string; retryAfterSeconds?: number };

const EXPIRED_MESSAGE =
  "The escalating agent's sign-in expired before the service request could be filed on their behalf; sign in again and retry the escalation";

/**
 * Runs outbox jobs: files service requests exactly once and sends the partner's notes. Several
 * workers (one per gateway) may share one database; each job is leased by one at a time. Before
 * re-filing after a crash or a timeout, the worker looks the request up by the escalation's
 * reference; Partner Center also gets the same MS-RequestId on every attempt.
 */
export class EscalationOutboxWorker {
  readonly owner: string;
  private readonly clock: () => Date;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.owner = options.owner ?? `outbox-${randomUUID()}`;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Leases due jobs and runs them; returns how many it ran. */
  async runOnce(): Promise<number> {
    const { store, leaseMs, batchSize = 10 } = this.options;
    const jobs = await store.leaseDueJobs(this.owner, KINDS, this.clock(), leaseMs, batchSize);
    await Promise.all(jobs.map((job) => this.runJob(job)));
    return jobs.length;
  }

  private async runJob(job: LeasedJob): Promise<void> {
    const { store, log } = this.options;
    let outcome: JobOutcome;
    try {
      outcome = job.kind === FILE_SERVICE_REQUEST ? await this.fileServiceRequest(job) : await this.addNote(job);
    } catch (error) {
      outcome = { kind: "retry", error: messageOf(error) };
      log.error({ err: error, jobId: job.id, ticketId: job.ticketId }, "outbox job failed unexpectedly");
    }
    const now = this.clock();
    if (outcome.kind === "done") await store.finish(job, this.owner, { status: OutboxJobStatus.DONE, error: null }, now);
    else if (outcome.kind === "failed") await store.finish(job, this.owner, { status: OutboxJobStatus.FAILED, error: outcome.error }, now);
    else {
      const nextAttemptAt = new Date(now.getTime() + nextAttemptDelayMs(this.options.retry, job.attempts, outcome.retryAfterSeconds));
      await store.finish(job, this.owner, { status: OutboxJobStatus.PENDING, error: outcome.error, nextAttemptAt }, now);
    }
  }

  private async fileServiceRequest(job: LeasedJob): Promise<JobOutcome> {
    const { tickets, desks, log } = this.options;
    const effect = job.payload as FileServiceRequestEffect;
    const ticket = await tickets.getTicket(job.ticketId).catch((error: unknown) => {
      if (isAppError(error) && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    });
    const context = ticket ? ticketContext(ticket) : null;
    // Stale: the ticket moved on, or this job belongs to an earlier escalation or attempt.
    if (
      !ticket ||
      !context ||
      ticket.statePath !== "escalated.filing" ||
      context.escalation?.idempotencyKey !== effect.idempotencyKey ||
      context.escalation.filingAttempt !== effect.attempt
    ) {
      return { kind: "done" };
    }

    const user = await this.signedIn(job);
    if (!user) return this.filingFailed(job, EXPIRED_MESSAGE);
    try {
      const desk = desks.deskFor(effect.product);
      if (job.attempts > 1) {
        // A previous attempt may have reached Microsoft before this worker (or another) died.
        const existing = await desk.findByReference(effect.customerId, escalationReference(effect.ticketId, effect.idempotencyKey), user);
        if (existing) {
          log.info({ ticketId: job.ticketId, serviceRequestId: existing.id }, "service request already filed; recording it");
          await this.markFiled(job, existing.id);
          return { kind: "done" };
        }
      }
      const customerName = (await this.options.customerName?.(effect.customerId).catch(() => null)) ?? null;
      const diagnosisNotes = await tickets.diagnosisNotes(job.ticketId);
      const result = await desk.file(serviceRequestDraft(effect, context, customerName, diagnosisNotes), user);
      if (result.outcome === "filed") {
        await this.markFiled(job, result.serviceRequest.id);
        log.info({ ticketId: job.ticketId, serviceRequestId: result.serviceRequest.id }, "service request filed");
      } else {
        await applySystemEvent(tickets, job.ticketId, (current) =>
          current.statePath === "escalated.filing" ? { type: "REQUIRE_PORTAL_FILING", reason: result.reason, at: this.now(), actor: OUTBOX_ACTOR } : null,
        );
      }
      return { kind: "done" };
    } catch (error) {
      if (isAssertionExpired(error)) return this.filingFailed(job, EXPIRED_MESSAGE);
      const retry = this.retryIfTransient(job, error);
      if (!retry) return this.filingFailed(job, messageOf(error));
      log.warn({ ticketId: job.ticketId, attempt: job.attempts, retryAfterSeconds: retry.retryAfterSeconds }, "filing failed; will retry");
      return retry;
    }
  }

  private async addNote(job: LeasedJob): Promise<JobOutcome> {
    const { tickets, desks, log } = this.options;
    const effect = job.payload as AddServiceRequestNoteEffect;
    const ticket = await tickets.getTicket(job.ticketId);
    const user = await this.signedIn(job);
    if (!user) {
      log.warn({ ticketId: job.ticketId }, "note to Microsoft not sent: the agent's sign-in expired");
      return { kind: "failed", error: EXPIRED_MESSAGE };
    }
    try {
      await desks.deskFor(ticketContext(ticket).product).addNote(effect.serviceRequestId, effect.note, effect.idempotencyKey, user);
      return { kind: "done" };
    } catch (error) {
      const retry = this.retryIfTransient(job, error);
      if (retry) return retry;
      log.warn({ ticketId: job.ticketId, error: messageOf(error) }, "note to Microsoft could not be sent");
      return { kind: "failed", error: messageOf(error) };
    }
  }

  /** The escalating agent's stored sign-in, while it is still valid. */
  private async signedIn(job: LeasedJob): Promise<OnBehalfOf | null> {
    const stored = await this.options.store.assertionFor(job.ticketId);
    return stored && stored.expiresAt.getTime() > this.clock().getTime() ? { assertion: stored.assertion } : null;
  }

  /** A transient desk failure with attempts left is retried (after Microsoft's Retry-After, when it sent one). */
  private retryIfTransient(job: LeasedJob, error: unknown): Extract<JobOutcome, { kind: "retry" }> | null {
    const failure = classifyDeskFailure(error);
    if (failure.kind !== "transient" || !hasAttemptsLeft(this.options.retry, job.attempts)) return null;
    return { kind: "retry", error: messageOf(error), retryAfterSeconds: failure.retryAfterSeconds };
  }

  private async markFiled(job: LeasedJob, serviceRequestId: string): Promise<void> {
    await applySystemEvent(this.options.tickets, job.ticketId, (current) =>
      current.statePath === "escalated.filing" ? { type: "MARK_FILED", serviceRequestId, at: this.now(), actor: OUTBOX_ACTOR } : null,
    );
  }

  /** Records the failed filing on the ticket; the job fails with `error`. */
  private async filingFailed(job: LeasedJob, error: string): Promise<JobOutcome> {
    await applySystemEvent(this.options.tickets, job.ticketId, (current) =>
      current.statePath === "escalated.filing"
        ? { type: "MARK_FILING_FAILED", error: error.slice(0, 2000), attempts: job.attempts, at: this.now(), actor: OUTBOX_ACTOR }
        : null,
    );
    return { kind: "failed", error };
  }

  private now(): string {
    return this.clock().toISOString();
  }
}
