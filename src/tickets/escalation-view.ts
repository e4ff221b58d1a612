import type { Severity, SupportVehicle, TicketContext, TicketEntry } from "../../machines";
import type { SupportTopic } from "../cloud/cloud-types";

/** Where a partner files a service request by hand when the API does not take it. */
export const PARTNER_CENTER_SERVICE_REQUESTS_URL = "https://partner.microsoft.com/dashboard/v2/support/servicerequests";

export interface CasePacketValue {
  title: string;
  description: string;
  severity: Severity;
  supportTopic: SupportTopic | null;
  contact: string | null;
  portalUrl: string;
}

/** The state in which the case packet is shown (its diagnosis notes are read from the events then). */
export const AWAITING_PORTAL_FILING = "escalated.awaitingPortalFiling";

/** The ticket reference Microsoft sees in the title, and the lookup key for crash-safe filing. */
export const ticketReference = (ticketId: string): string => `PSG-${ticketId}`;

/** Everything an agent pastes into the portal: reference, description and the diagnosis so far. */
export function casePacket(context: TicketContext, topic: SupportTopic | null, diagnosisNotes: readonly TicketEntry[]): CasePacketValue {
  const escalation = context.escalation!;
  const notes = diagnosisNotes.map((note) => `- ${note.at} ${note.actor.displayName}: ${note.text}`);
  return {
    title: `[${ticketReference(context.ticketId)}] ${context.title}`,
    description: [
      `Ticket reference: ${ticketReference(context.ticketId)}`,
      `Customer tenant: ${context.customerId}`,
      "",
      escalation.description,
      ...(notes.length > 0 ? ["", "Diagnosis notes:", ...notes] : []),
    ].join("\n"),
    severity: escalation.severity,
    supportTopic: topic,
    contact: null,
    portalUrl: `${PARTNER_CENTER_SERVICE_REQUESTS_URL}?customerTenantId=${encodeURIComponent(context.customerId)}`,
  };
}

export interface EscalationValue {
  vehicle: SupportVehicle;
  channel: NonNullable<TicketContext["escalation"]>["channel"];
  serviceRequestId: string | null;
  serviceRequestStatus: NonNullable<TicketContext["escalation"]>["serviceRequestStatus"] | null;
  filedAt: Date | null;
  supportTopic: SupportTopic | null;
  supportTopicId: string;
  severity: Severity;
  lastSyncedAt: Date | null;
  lastError: string | null;
  casePacket: CasePacketValue | null;
}

const dateOrNull = (value: string | null): Date | null => (value === null ? null : new Date(value));

/** The API view of the ticket's current escalation; the case packet only while awaiting portal filing. */
export function escalationView(
  context: TicketContext,
  statePath: string,
  topics: readonly SupportTopic[],
  diagnosisNotes: readonly TicketEntry[] = [],
): EscalationValue | null {
  const escalation = context.escalation;
  if (!escalation) return null;
  const topic = topics.find((item) => item.id === escalation.supportTopicId) ?? null;
  return {
    vehicle: escalation.vehicle,
    channel: escalation.channel,
    serviceRequestId: escalation.serviceRequestId,
    serviceRequestStatus: escalation.serviceRequestStatus,
    filedAt: dateOrNull(escalation.filedAt),
    supportTopic: topic,
    supportTopicId: escalation.supportTopicId,
    severity: escalation.severity,
    lastSyncedAt: dateOrNull(escalation.lastSyncedAt),
    lastError: escalation.lastError,
    casePacket: statePath === AWAITING_PORTAL_FILING ? casePacket(context, topic, diagnosisNotes) : null,
  };
}

/** The view with the status sync's last successful or failed read (service_request_sync), when newer. */
export function withLastSync(view: EscalationValue, lastSyncedAt: Date): EscalationValue {
  if (view.lastSyncedAt !== null && view.lastSyncedAt >= lastSyncedAt) return view;
  return { ...view, lastSyncedAt };
}
