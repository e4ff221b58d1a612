import type { Logger } from "pino";
import type { DelegatedAccess, TenantHealth } from "../cloud/cloud-types";
import type { RecordedSlaBreach } from "../sla/sla-breach";
import type { SlaBreachStore } from "../sla/sla-breach.store";
import type { SlaService } from "../sla/sla.service";
import type { TicketSlaResult } from "../sla/ticket-sla";
import type { AlertCandidate } from "./alert-candidate";
import { alertId } from "./alert-id";
import type { AlertService } from "./alert.service";
import { alertForBreach } from "./ticket-event-alerts";

const DAY_MS = 86_400_000;
const PAGE_SIZE = 200;
const MAX_PAGES = 1_000;

export interface AlertScannerDeps {
  alerts: AlertService;
  sla: SlaService;
  /** Non-final tickets, in id pages (the breach sweeper's candidates). */
  tickets: Pick<SlaBreachStore, "candidates">;
  ticketCustomer(ticketId: string): Promise<string | null>;
  health(customerId: string): Promise<TenantHealth>;
  delegatedAccess(): Promise<Map<string, DelegatedAccess>>;
  /** Share of a target's time (0-1) after which an open target is at risk (ALERT_SLA_AT_RISK_SHARE). */
  atRiskShare: number;
  /** Delegated access ending within this many days raises DELEGATED_ACCESS_EXPIRING (ALERT_GDAP_EXPIRY_DAYS). */
  gdapExpiryDays: number;
  log: Logger;
}

/**
 * SLA_AT_RISK candidates of one ticket's SLA computed at `now` (pure). The share is of the
 * target's own clock: service time counted against the target (business hours under a
 * business-hours policy, paused states left out), not the wall clock since opening, so a ticket
 * opened on Friday evening is not at risk on Sunday.
 */
export function atRiskAlerts(ticketId: string, customerId: string, sla: TicketSlaResult, now: Date, share: number): AlertCandidate[] {
  const found: AlertCandidate[] = [];
  const check = (target: "FIRST_RESPONSE" | "RESOLUTION", dueAt: Date | null, spentMs: number, targetMs: number, met: boolean, breached: boolean) => {
    if (dueAt === null || met || breached || targetMs <= 0) return;
    const elapsed = spentMs / targetMs;
    if (elapsed < share || now >= dueAt) return;
    found.push({
      kind: "SLA_AT_RISK",
      subject: `ticket:${ticketId}`,
      occurrence: `at-risk:${target}:${dueAt.toISOString()}`,
      occurredAt: now,
      customerId,
      ticketId,
      summary: `${Math.round(elapsed * 100)}% of the ${target === "FIRST_RESPONSE" ? "first response" : "resolution"} time is gone; due ${dueAt.toISOString()}.`,
      details: { target, dueAt: dueAt.toISOString(), elapsedShare: Math.round(elapsed * 1000) / 1000, threshold: share },
    });
  };
  check("FIRST_RESPONSE", sla.firstResponseDueAt, sla.firstResponseServiceMs, sla.firstResponseTargetMs, sla.firstRespondedAt !== null, sla.firstResponseBreached);
  if (!sla.clockPaused && !sla.clockStopped) check("RESOLUTION", sla.resolutionDueAt, sla.resolutionServiceMs, sla.resolutionTargetMs, false, sla.resolutionBreached);
  return found;
}

/** Delegated-access candidates of one customer (pure). */
export function delegatedAccessAlerts(access: DelegatedAccess, now: Date, expiryDays: number): AlertCandidate[] {
  const endsAt = access.endsAt?.toISOString() ?? "none";
  const base = { subject: `customer:${access.customerTenantId}:gdap`, occurredAt: now, customerId: access.customerTenantId, ticketId: null };
  const details = { status: access.status, endsAt: access.endsAt?.toISOString() ?? null, roles: access.roles };
  if (access.status === "EXPIRED") {
    return [{ ...base, kind: "DELEGATED_ACCESS_EXPIRED", occurrence: `expired:${endsAt}`, summary: "The partner's delegated admin access to this customer expired; the desk can no longer read or act for it.", details }];
  }
  if (access.status === "TERMINATED" || access.status === "TERMINATING" || access.status === "TERMINATION_REQUESTED") {
    return [{ ...base, kind: "DELEGATED_ACCESS_TERMINATED", occurrence: `terminated:${endsAt}`, summary: `The partner's delegated admin access to this customer is ${access.status.toLowerCase().replace("_", " ")}.`, details }];
  }
  if ((access.status === "ACTIVE" || access.status === "EXPIRING") && access.endsAt !== null) {
    const daysLeft = (access.endsAt.getTime() - now.getTime()) / DAY_MS;
    if (daysLeft <= expiryDays && daysLeft > 0) {
      return [{ ...base, kind: "DELEGATED_ACCESS_EXPIRING", occurrence: `expiring:${endsAt}`, summary: `Delegated admin access ends in ${Math.ceil(daysLeft)} day(s), on ${endsAt}; renew the GDAP relationship.`, details: { ...details, daysLeft: Math.ceil(daysLeft) } }];
    }
  }
  return [];
}

/** Incident candidates of one customer with open tickets (pure); `started` holds ids whose STARTED alert exists. */
export function incidentAlerts(customerId: string, health: TenantHealth, now: Date, started: ReadonlySet<string>): AlertCandidate[] {
  return health.incidents.flatMap((incident): AlertCandidate[] => {
    const subject = `customer:${customerId}:incident:${incident.id}`;
    const details = { incidentId: incident.id, service: incident.service, classification: incident.classification, status: incident.status, impact: incident.impactDescription, linked: false };
    if (!incident.isResolved) {
      return [{ kind: "MICROSOFT_INCIDENT_STARTED", subject, occurrence: "started", occurredAt: incident.startDateTime, customerId, ticketId: null, summary: `${incident.service}: ${incident.title}`, details }];
    }
    // Only incidents the desk was told about: not every incident Microsoft ever resolved.
    if (!started.has(alertId("MICROSOFT_INCIDENT_STARTED", subject, "started"))) return [];
    return [{ kind: "MICROSOFT_INCIDENT_RESOLVED", subject, occurrence: "resolved", occurredAt: incident.endDateTime ?? now, customerId, ticketId: null, summary: `Resolved: ${incident.service}: ${incident.title}`, details }];
  });
}

/**
 * The periodic checks (ALERT_SCAN_INTERVAL_MS): SLA at risk on open tickets, Microsoft incidents
 * of customers with open tickets, and delegated access ending, expired or terminated. Each check
 * reports every occurrence it sees; the alert ids make each one raise once.
 */
export class AlertScanner {
  constructor(private readonly deps: AlertScannerDeps) {}

  async scanOnce(now: Date = this.deps.alerts.now()): Promise<{ raised: number }> {
    let raised = 0;
    const customersWithTickets = new Set<string>();
    let afterId = "";
    for (let page = 0; page < MAX_PAGES; page++) {
      const candidates = await this.deps.tickets.candidates(afterId, PAGE_SIZE);
      const found: AlertCandidate[] = [];
      for (const candidate of candidates) {
        const customerId = await this.deps.ticketCustomer(candidate.id);
        if (customerId === null) continue;
        customersWithTickets.add(customerId);
        const sla = await this.deps.sla.slaOf(candidate.id, now);
        found.push(...atRiskAlerts(candidate.id, customerId, sla, now, this.deps.atRiskShare));
      }
      raised += (await this.deps.alerts.raiseAll(found)).length;
      if (candidates.length < PAGE_SIZE) break;
      afterId = candidates[candidates.length - 1]!.id;
    }
    for (const customerId of customersWithTickets) {
      try {
        const health = await this.deps.health(customerId);
        const startedIds = health.incidents.map((incident) => alertId("MICROSOFT_INCIDENT_STARTED", `customer:${customerId}:incident:${incident.id}`, "started"));
        const started = await this.deps.alerts.store.existing(startedIds);
        raised += (await this.deps.alerts.raiseAll(incidentAlerts(customerId, health, now, started))).length;
      } catch (error) {
        this.deps.log.warn({ err: error, customerId }, "incident check failed; next scan retries");
      }
    }
    try {
      const access = await this.deps.delegatedAccess();
      const found = [...access.values()].flatMap((entry) => delegatedAccessAlerts(entry, now, this.deps.gdapExpiryDays));
      raised += (await this.deps.alerts.raiseAll(found)).length;
    } catch (error) {
      this.deps.log.warn({ err: error }, "delegated access check failed; next scan retries");
    }
    return { raised };
  }

  /** The breach sweeper's hook: every breach it found (new or not) raises SLA_BREACHED once. */
  async onBreaches(breaches: readonly RecordedSlaBreach[]): Promise<number> {
    const candidates: AlertCandidate[] = [];
    // Most breaches were alerted by an earlier sweep: skip them before reading their tickets.
    const known = await this.deps.alerts.store.existing(breaches.map((breach) => alertId("SLA_BREACHED", `ticket:${breach.ticketId}`, `breach:${breach.kind}`)));
    for (const breach of breaches) {
      if (known.has(alertId("SLA_BREACHED", `ticket:${breach.ticketId}`, `breach:${breach.kind}`))) continue;
      const customerId = await this.deps.ticketCustomer(breach.ticketId);
      if (customerId !== null) candidates.push(alertForBreach(breach, customerId));
    }
    return (await this.deps.alerts.raiseAll(candidates)).length;
  }
}
