import type { FileServiceRequestEffect, TicketContext, TicketEntry } from "../../machines";
import { splitDisplayName } from "../cloud/partner-center/service-request.mapper";
import type { ServiceRequestDraft } from "../cloud/service-request.types";
import { casePacket, ticketReference } from "../tickets/escalation-view";

/**
 * The reference written into every filed request: the ticket reference plus the escalation's
 * idempotency key, so a look-up after a crash finds exactly this escalation's request.
 */
export const escalationReference = (ticketId: string, escalationKey: string): string =>
  `Reference: ${ticketReference(ticketId)} (${escalationKey})`;

/** The request to file for a FILE_SERVICE_REQUEST effect: the case packet's title and text, plus the reference. */
export function serviceRequestDraft(
  effect: FileServiceRequestEffect,
  context: TicketContext,
  customerName: string | null,
  diagnosisNotes: readonly TicketEntry[],
): ServiceRequestDraft {
  const packet = casePacket(context, null, diagnosisNotes);
  const requestedBy = context.escalation?.requestedBy;
  return {
    customerTenantId: effect.customerId,
    customerName,
    product: effect.product,
    title: packet.title.slice(0, 200),
    description: `${escalationReference(effect.ticketId, effect.idempotencyKey)}\n${packet.description}`,
    severity: effect.severity,
    supportTopicId: effect.supportTopicId,
    // The escalating agent is the primary contact (Partner Center's ServiceRequestContact has
    // FirstName / LastName / Email / PhoneNumber); the desk adds its e-mail and phone when configured.
    contact: requestedBy ? { name: requestedBy.displayName, email: null, ...splitDisplayName(requestedBy.displayName), phoneNumber: null } : null,
    requestId: effect.idempotencyKey,
  };
}
