import { SEVERITIES, type Severity } from "../../machines";
import type { StoredTicketEvent } from "../tickets/ticket-store.types";
import type { TicketStore } from "../tickets/ticket.store";
import type { RecordedSlaBreach } from "./sla-breach";
import type { SlaBreachStore } from "./sla-breach.store";
import type { SlaPolicyVersionStore } from "./sla-policy-version.store";
import { calendarForTarget, policyByVersion, policyForOpening, type SlaPolicy, type SupportOffering } from "./support-offering";
import { TicketSlaFold, type SlaEvent, type TicketSlaResult } from "./ticket-sla";

/**
 * The policy a ticket is measured by: the version stored when it was opened, or (rows from before
 * versions were stored, or a version no longer in the file) the one effective at its opening.
 */
export function policyForTicket(offering: SupportOffering, openedAt: Date, storedVersion: number | null | undefined): SlaPolicy {
  const stored = storedVersion == null ? undefined : policyByVersion(offering, storedVersion);
  return stored ?? policyForOpening(offering, openedAt);
}

/**
 * A ticket's SLA from its audit events: the severity and opening time come from the OPEN event
 * and the policy is the stored version (see {@link policyForTicket}), so recomputing gives the
 * same answer every time and never depends on later edits of the offering.
 */
export function slaFromEvents(
  offering: SupportOffering,
  events: readonly (SlaEvent & { payload?: Record<string, unknown> })[],
  now: Date,
  storedVersion?: number | null,
): TicketSlaResult {
  return slaFoldOf(offering, events, storedVersion).result(now);
}

/** The SLA fold of these events (OPEN first), to which later events can be added one by one. */
export function slaFoldOf(
  offering: SupportOffering,
  events: readonly (SlaEvent & { payload?: Record<string, unknown> })[],
  storedVersion?: number | null,
): TicketSlaFold {
  const open = events[0];
  if (open === undefined || open.type !== "OPEN") throw new Error("A ticket's events start with OPEN");
  const severity = severityOf(open.payload?.severity);
  const policy = policyForTicket(offering, open.at, storedVersion);
  const fold = new TicketSlaFold(open, policy, severity, calendarForTarget(offering, policy.targets[severity]), offering.calendar);
  for (const event of events.slice(1)) fold.add(event);
  return fold;
}

function severityOf(value: unknown): Severity {
  return (SEVERITIES as readonly unknown[]).includes(value) ? (value as Severity) : "MODERATE";
}

/** Reads tickets' events and computes their SLA (no timers: everything is computed on demand). */
export class SlaService {
  constructor(
    private readonly deps: { offering: SupportOffering; store: TicketStore; policyVersions?: SlaPolicyVersionStore; breaches?: SlaBreachStore; clock?: () => Date },
  ) {}

  get offering(): SupportOffering {
    return this.deps.offering;
  }

  now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  /** Every event of the ticket, in sequence order. */
  eventsOf(ticketId: string): Promise<StoredTicketEvent[]> {
    return this.deps.store.allEvents(ticketId);
  }

  /** Stored policy versions of these tickets (empty without a version store). */
  async storedPolicyVersions(ticketIds: readonly string[]): Promise<Map<string, number>> {
    return (await this.deps.policyVersions?.versionsOf(ticketIds)) ?? new Map();
  }

  /** Breaches the sweeper has recorded for the ticket (empty without a breach store). */
  async recordedBreaches(ticketId: string): Promise<RecordedSlaBreach[]> {
    return (await this.deps.breaches?.breachesOf(ticketId)) ?? [];
  }

  async slaOf(ticketId: string, now = this.now()): Promise<TicketSlaResult> {
    const stored = (await this.storedPolicyVersions([ticketId])).get(ticketId);
    return slaFromEvents(this.deps.offering, await this.eventsOf(ticketId), now, stored);
  }
}
