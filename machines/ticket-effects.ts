import type { TicketContext, TicketEscalation } from "./ticket-context.types";
import type {
  AddServiceRequestNoteEffect,
  CustomerNotice,
  FileServiceRequestEffect,
  NotifyCustomerEffect,
  PrepareCasePacketEffect,
} from "./ticket-effect.types";

// Effects are built from the context *after* the transition's assignments, so `updatedAt` is the
// time of the event that declared them.

function currentEscalation(context: TicketContext): TicketEscalation {
  if (context.escalation === null) throw new Error(`Ticket ${context.ticketId} has no escalation`);
  return context.escalation;
}

/** The service request to file for the current escalation attempt. */
export function fileServiceRequestEffect(context: TicketContext): FileServiceRequestEffect {
  const escalation = currentEscalation(context);
  return {
    type: "FILE_SERVICE_REQUEST",
    ticketId: context.ticketId,
    customerId: context.customerId,
    idempotencyKey: escalation.idempotencyKey,
    attempt: escalation.filingAttempt,
    vehicle: escalation.vehicle,
    channel: escalation.channel,
    supportTopicId: escalation.supportTopicId,
    severity: escalation.severity,
    title: context.title,
    description: escalation.description,
    category: context.category,
    product: context.product,
    at: context.updatedAt,
  };
}

/** The packet an agent files through the portal when the API cannot take the request. */
export function prepareCasePacketEffect(context: TicketContext): PrepareCasePacketEffect {
  const escalation = currentEscalation(context);
  return {
    type: "PREPARE_CASE_PACKET",
    ticketId: context.ticketId,
    customerId: context.customerId,
    vehicle: escalation.vehicle,
    supportTopicId: escalation.supportTopicId,
    severity: escalation.severity,
    title: context.title,
    description: escalation.description,
    reason: escalation.portalFilingReason,
    at: context.updatedAt,
  };
}

/** The partner's latest answer to Microsoft, keyed per answer so a retried send is not doubled. */
export function addServiceRequestNoteEffect(context: TicketContext): AddServiceRequestNoteEffect {
  const escalation = currentEscalation(context);
  const answers = escalation.exchanges.filter((e) => e.direction === "TO_MICROSOFT");
  const last = answers[answers.length - 1];
  if (escalation.serviceRequestId === null || last === undefined) {
    throw new Error(`Ticket ${context.ticketId} has no answer to send to Microsoft`);
  }
  return {
    type: "ADD_SERVICE_REQUEST_NOTE",
    ticketId: context.ticketId,
    serviceRequestId: escalation.serviceRequestId,
    idempotencyKey: `${escalation.idempotencyKey}:note:${answers.length}`,
    note: last.text,
    at: context.updatedAt,
  };
}

function noticeMessage(context: TicketContext, notice: CustomerNotice): string | null {
  switch (notice) {
    case "INFORMATION_REQUESTED":
      return context.lastCustomerQuestion?.text ?? null;
    case "RESOLUTION_PROPOSED":
      return context.resolutionProposal?.summary ?? null;
    case "TICKET_REOPENED":
      return context.lastReopen?.text ?? null;
    case "TICKET_CANCELLED":
      return context.cancellation?.text ?? null;
    case "TICKET_RECEIVED":
    case "ESCALATED_TO_MICROSOFT":
    case "TICKET_RESOLVED":
    case "TICKET_CLOSED":
      return null;
  }
}

/** A notice to the customer; `message` carries the text they should read, when there is one. */
export function notifyCustomerEffect(context: TicketContext, notice: CustomerNotice): NotifyCustomerEffect {
  return {
    type: "NOTIFY_CUSTOMER",
    ticketId: context.ticketId,
    customerId: context.customerId,
    notice,
    message: noticeMessage(context, notice),
    at: context.updatedAt,
  };
}
