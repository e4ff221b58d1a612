import type {
  EscalationChannel,
  Product,
  Severity,
  SupportVehicle,
  TicketCategory,
} from "./ticket-vocabulary";

/**
 * Side effects the machine declares. They are data only: the ticket service writes them to the
 * outbox in the same transaction as the snapshot, and workers run them.
 */
export type TicketEffect =
  | FileServiceRequestEffect
  | PrepareCasePacketEffect
  | AddServiceRequestNoteEffect
  | NotifyCustomerEffect;

export type TicketEffectType = TicketEffect["type"];

/** Create the Partner Center service request for the current escalation. */
export interface FileServiceRequestEffect {
  type: "FILE_SERVICE_REQUEST";
  ticketId: string;
  customerId: string;
  /** Same for every attempt of one escalation: send it as MS-RequestId. */
  idempotencyKey: string;
  attempt: number;
  vehicle: SupportVehicle;
  channel: EscalationChannel;
  supportTopicId: string;
  severity: Severity;
  title: string;
  description: string;
  category: TicketCategory;
  product: Product;
  at: string;
}

/** The API is unavailable: assemble what an agent needs to file through the portal. */
export interface PrepareCasePacketEffect {
  type: "PREPARE_CASE_PACKET";
  ticketId: string;
  customerId: string;
  vehicle: SupportVehicle;
  supportTopicId: string;
  severity: Severity;
  title: string;
  description: string;
  reason: string | null;
  at: string;
}

/** Send the partner's answer to Microsoft on the open service request. */
export interface AddServiceRequestNoteEffect {
  type: "ADD_SERVICE_REQUEST_NOTE";
  ticketId: string;
  serviceRequestId: string;
  idempotencyKey: string;
  note: string;
  at: string;
}

/** Why the customer hears from the desk. */
export const CUSTOMER_NOTICES = [
  "TICKET_RECEIVED",
  "INFORMATION_REQUESTED",
  "RESOLUTION_PROPOSED",
  "ESCALATED_TO_MICROSOFT",
  "TICKET_RESOLVED",
  "TICKET_REOPENED",
  "TICKET_CLOSED",
  "TICKET_CANCELLED",
] as const;
export type CustomerNotice = (typeof CUSTOMER_NOTICES)[number];

/** Tell the customer what happened to their ticket. */
export interface NotifyCustomerEffect {
  type: "NOTIFY_CUSTOMER";
  ticketId: string;
  customerId: string;
  notice: CustomerNotice;
  message: string | null;
  at: string;
}
