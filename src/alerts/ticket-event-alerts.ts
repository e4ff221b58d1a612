import type { RecordedSlaBreach } from "../sla/sla-breach";
import type { StoredTicketEvent } from "../tickets/ticket-store.types";
import type { AlertCandidate } from "./alert-candidate";

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);
const excerpt = (value: string | null, max = 500): string | null => (value === null ? null : value.length > max ? `${value.slice(0, max - 1)}…` : value);

/**
 * The alerts one committed audit event raises (pure). The audit event id is the occurrence, so
 * the same event always gives the same alert id, however often it is seen.
 */
export function alertsForTicketEvent(event: StoredTicketEvent): AlertCandidate[] {
  const base = { subject: `ticket:${event.ticketId}`, occurrence: `event:${event.id}`, occurredAt: event.at, customerId: event.customerId, ticketId: event.ticketId };
  const payload = event.payload;
  switch (event.type) {
    case "RECORD_CUSTOMER_REPLY":
      return [{ ...base, kind: "CUSTOMER_REPLIED", summary: "The customer answered the desk's question.", details: { reply: excerpt(text(payload["reply"])) } }];
    case "MICROSOFT_ACTION_REQUIRED":
      return [{ ...base, kind: "MICROSOFT_ACTION_REQUIRED", summary: "Microsoft asked for information on the escalation; answer with respondToMicrosoft.", details: { microsoftNote: excerpt(text(payload["microsoftNote"])) } }];
    case "MARK_FILING_FAILED":
      return [{ ...base, kind: "FILING_FAILED", summary: "Filing the service request with Microsoft failed; retry the escalation or file it in the portal.", details: { error: excerpt(text(payload["error"])), attempts: typeof payload["attempts"] === "number" ? payload["attempts"] : null } }];
    case "REQUIRE_PORTAL_FILING":
      return [{ ...base, kind: "AWAITING_PORTAL_FILING", summary: "Microsoft's filing API cannot take this request; file it in the portal and record its number.", details: { reason: excerpt(text(payload["reason"])) } }];
    case "MICROSOFT_CLOSED":
      return [{ ...base, kind: "ESCALATION_CLOSED_BY_MICROSOFT", summary: "Microsoft closed the service request; review its proposed resolution.", details: { microsoftNote: excerpt(text(payload["microsoftNote"])) } }];
    case "LINKED_INCIDENT_RESOLVED": {
      const incidentId = String(payload["incidentId"]);
      // Same subject and occurrence as the scanner's: one alert per resolved incident and customer.
      return [{ ...base, kind: "MICROSOFT_INCIDENT_RESOLVED", subject: `customer:${event.customerId}:incident:${incidentId}`, occurrence: "resolved", summary: `Microsoft resolved incident ${incidentId}, linked to this ticket.`, details: { incidentId, linked: true } }];
    }
    default:
      return [];
  }
}

/** The SLA_BREACHED alert of a breach: one per (ticket, target), like the breach record itself. */
export function alertForBreach(breach: RecordedSlaBreach, customerId: string): AlertCandidate {
  const target = breach.kind === "FIRST_RESPONSE" ? "first response" : "resolution";
  return {
    kind: "SLA_BREACHED",
    subject: `ticket:${breach.ticketId}`,
    occurrence: `breach:${breach.kind}`,
    occurredAt: breach.dueAt,
    customerId,
    ticketId: breach.ticketId,
    summary: `The ${target} target was missed at ${breach.dueAt.toISOString()}.`,
    details: { target: breach.kind, dueAt: breach.dueAt.toISOString(), policyVersion: breach.policyVersion },
  };
}
