import { SEVERITIES, type Severity } from "../../machines";
import type { StoredTicketEvent } from "../tickets/ticket-store.types";
import type { TicketStore } from "../tickets/ticket.store";
import { calendarForTarget, policyForOpening, type SupportOffering } from "./support-offering";
import { computeTicketSla, type SlaEvent, type TicketSlaResult } from "./ticket-sla";

/**
 * A ticket's SLA from its audit events alone: the severity and opening time come from the OPEN
 * event and the policy is the one in effect then, so recomputing never depends on mutable rows.
 */
export function slaFromEvents(offering: SupportOffering, events: readonly (SlaEvent & { payload?: Record<string, unknown> })[], now: Date): TicketSlaResult {
  const open = events[0];
  if (open === undefined || open.type !== "OPEN") throw new Error("A ticket's events start with OPEN");
  const severity = severityOf(open.payload?.severity);
  const policy = policyForOpening(offering, open.at);
  return computeTicketSla(events, policy, severity, calendarForTarget(offering, policy.targets[severity]), now);
}

function severityOf(value: unknown): Severity {
  return (SEVERITIES as readonly unknown[]).includes(value) ? (value as Severity) : "MODERATE";
}

/** Reads tickets' events and computes their SLA (no timers: everything is computed on demand). */
export class SlaService {
  constructor(
    private readonly deps: { offering: SupportOffering; store: TicketStore; clock?: () => Date },
  ) {}

  get offering(): SupportOffering {
    return this.deps.offering;
  }

  now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  /** Every event of the ticket, in sequence order. */
  async eventsOf(ticketId: string): Promise<StoredTicketEvent[]> {
    const events: StoredTicketEvent[] = [];
    for await (const event of this.deps.store.iterateTicketEvents(ticketId)) events.push(event);
    return events;
  }

  async slaOf(ticketId: string, now = this.now()): Promise<TicketSlaResult> {
    return slaFromEvents(this.deps.offering, await this.eventsOf(ticketId), now);
  }
}
