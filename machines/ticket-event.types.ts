import type {
  EscalationChannel,
  Product,
  Severity,
  SupportVehicle,
  TicketActor,
  TicketCategory,
} from "./ticket-vocabulary";

/**
 * Event types, identical to the GraphQL `TicketEventType` enum. Agent events are commands an
 * agent sends through a mutation; system events are facts the gateway's workers observe.
 */
export const AGENT_EVENT_TYPES = [
  "OPEN",
  "START_DIAGNOSIS",
  "ADD_DIAGNOSIS_NOTE",
  "LINK_INCIDENT",
  "REQUEST_CUSTOMER_INFO",
  "RECORD_CUSTOMER_REPLY",
  "PROPOSE_RESOLUTION",
  "CONFIRM_RESOLUTION",
  "REJECT_RESOLUTION",
  "ESCALATE",
  "RECORD_SERVICE_REQUEST_NUMBER",
  "RETRY_ESCALATION",
  "RESPOND_TO_MICROSOFT",
  "CLOSE",
  "REOPEN",
  "CANCEL",
  "ASSIGN",
  "UPDATE_DETAILS",
] as const;

export const SYSTEM_EVENT_TYPES = [
  "MARK_FILED",
  "REQUIRE_PORTAL_FILING",
  "MARK_FILING_FAILED",
  "MICROSOFT_ACTION_REQUIRED",
  "MICROSOFT_CLOSED",
  "LINKED_INCIDENT_RESOLVED",
] as const;

export const TICKET_EVENT_TYPES = [...AGENT_EVENT_TYPES, ...SYSTEM_EVENT_TYPES] as const;

export type AgentEventType = (typeof AGENT_EVENT_TYPES)[number];
export type SystemEventType = (typeof SYSTEM_EVENT_TYPES)[number];
export type TicketEventType = AgentEventType | SystemEventType;

/** Fields every event carries: when it happened (ISO 8601) and who did it. */
export interface TicketEventBase {
  at: string;
  actor: TicketActor;
}

/** The facts a ticket is opened with; the OPEN event is exactly these plus its type. */
export interface OpenTicketFacts extends TicketEventBase {
  ticketId: string;
  /** The customer's Entra tenant id. */
  customerId: string;
  title: string;
  description: string;
  category: TicketCategory;
  product: Product;
  severity: Severity;
  /** Where the request came from (email, phone, portal ...), free text. */
  channel: string | null;
}

/** The initial event, recorded as sequence 1; never sent to `applyTicketEvent`. */
export interface OpenEvent extends OpenTicketFacts {
  type: "OPEN";
}

/** An agent takes the ticket; `assigneeId` defaults to the actor. */
export interface StartDiagnosisEvent extends TicketEventBase {
  type: "START_DIAGNOSIS";
  assigneeId?: string | null;
}
export interface AddDiagnosisNoteEvent extends TicketEventBase {
  type: "ADD_DIAGNOSIS_NOTE";
  note: string;
}
/** Attach a Microsoft service incident (Graph serviceHealthIssue id) to the ticket. */
export interface LinkIncidentEvent extends TicketEventBase {
  type: "LINK_INCIDENT";
  incidentId: string;
}
export interface RequestCustomerInfoEvent extends TicketEventBase {
  type: "REQUEST_CUSTOMER_INFO";
  question: string;
}
export interface RecordCustomerReplyEvent extends TicketEventBase {
  type: "RECORD_CUSTOMER_REPLY";
  reply: string;
}
export interface ProposeResolutionEvent extends TicketEventBase {
  type: "PROPOSE_RESOLUTION";
  summary: string;
}
export interface ConfirmResolutionEvent extends TicketEventBase {
  type: "CONFIRM_RESOLUTION";
}
export interface RejectResolutionEvent extends TicketEventBase {
  type: "REJECT_RESOLUTION";
  reason: string;
}
/**
 * Escalate to Microsoft. The service passes the partner's configured `entitledVehicles` so the
 * entitlement guard stays pure and a replay judges with the facts of the day.
 */
export interface EscalateEvent extends TicketEventBase {
  type: "ESCALATE";
  vehicle: SupportVehicle;
  supportTopicId: string;
  /** Defaults to the ticket's severity. */
  severity?: Severity | null;
  /** Defaults to the ticket's description. */
  description?: string | null;
  /** Defaults to PARTNER_CENTER. */
  channel?: EscalationChannel | null;
  entitledVehicles: SupportVehicle[];
}
/** The agent filed through the portal and records Microsoft's request number. */
export interface RecordServiceRequestNumberEvent extends TicketEventBase {
  type: "RECORD_SERVICE_REQUEST_NUMBER";
  serviceRequestId: string;
}
export interface RetryEscalationEvent extends TicketEventBase {
  type: "RETRY_ESCALATION";
}
export interface RespondToMicrosoftEvent extends TicketEventBase {
  type: "RESPOND_TO_MICROSOFT";
  note: string;
}
export interface CloseEvent extends TicketEventBase {
  type: "CLOSE";
}
export interface ReopenEvent extends TicketEventBase {
  type: "REOPEN";
  reason: string;
}
export interface CancelEvent extends TicketEventBase {
  type: "CANCEL";
  reason: string;
}
/**
 * Hand the ticket to an agent, to another one, or to nobody (`assigneeId` null). Accepted in every
 * non-final state. `previousAssigneeId` is who held it when the agent decided; the machine refuses
 * the event when that is no longer true, so the audited from/to pair is always the real one.
 */
export interface AssignEvent extends TicketEventBase {
  type: "ASSIGN";
  assigneeId: string | null;
  previousAssigneeId: string | null;
}

/** The ticket fields an agent may correct after opening. */
export const EDITABLE_TICKET_FIELDS = ["title", "description", "severity", "product", "category"] as const;
export type EditableTicketField = (typeof EDITABLE_TICKET_FIELDS)[number];

/** One corrected field: its value before (`from`, as the machine knows it) and after (`to`). */
export interface TicketFieldChange {
  field: EditableTicketField;
  from: string;
  to: string;
}

/**
 * Correct what the ticket was opened with. Accepted in every non-final state; each change names
 * the old value, which the machine checks against its context (a stale correction is refused).
 */
export interface UpdateDetailsEvent extends TicketEventBase {
  type: "UPDATE_DETAILS";
  changes: TicketFieldChange[];
}

/** The outbox worker created the service request. */
export interface MarkFiledEvent extends TicketEventBase {
  type: "MARK_FILED";
  serviceRequestId: string;
}
/** The filing API is unavailable for this request; the agent files through the portal. */
export interface RequirePortalFilingEvent extends TicketEventBase {
  type: "REQUIRE_PORTAL_FILING";
  reason?: string | null;
}
/** The outbox worker spent its retry budget. */
export interface MarkFilingFailedEvent extends TicketEventBase {
  type: "MARK_FILING_FAILED";
  error: string;
  attempts?: number | null;
}
/** Microsoft set the request to attention_needed. */
export interface MicrosoftActionRequiredEvent extends TicketEventBase {
  type: "MICROSOFT_ACTION_REQUIRED";
  microsoftNote?: string | null;
}
/** Microsoft closed the request; its last note becomes the proposed resolution. */
export interface MicrosoftClosedEvent extends TicketEventBase {
  type: "MICROSOFT_CLOSED";
  microsoftNote?: string | null;
}
/** A linked incident was resolved upstream (recorded for the audit trail only). */
export interface LinkedIncidentResolvedEvent extends TicketEventBase {
  type: "LINKED_INCIDENT_RESOLVED";
  incidentId: string;
}

/** The events the machine itself reacts to (everything but OPEN, which is its input). */
export type TicketMachineEvent =
  | StartDiagnosisEvent
  | AddDiagnosisNoteEvent
  | LinkIncidentEvent
  | RequestCustomerInfoEvent
  | RecordCustomerReplyEvent
  | ProposeResolutionEvent
  | ConfirmResolutionEvent
  | RejectResolutionEvent
  | EscalateEvent
  | RecordServiceRequestNumberEvent
  | RetryEscalationEvent
  | RespondToMicrosoftEvent
  | CloseEvent
  | ReopenEvent
  | CancelEvent
  | AssignEvent
  | UpdateDetailsEvent
  | MarkFiledEvent
  | RequirePortalFilingEvent
  | MarkFilingFailedEvent
  | MicrosoftActionRequiredEvent
  | MicrosoftClosedEvent
  | LinkedIncidentResolvedEvent;

/** Every event a ticket's history can hold, OPEN first. */
export type TicketEvent = OpenEvent | TicketMachineEvent;

/** The event of one type. */
export type TicketEventOf<T extends TicketEventType> = Extract<TicketEvent, { type: T }>;

/** True for events a worker, not an agent, sends. */
export function isSystemEventType(type: TicketEventType): type is SystemEventType {
  return (SYSTEM_EVENT_TYPES as readonly string[]).includes(type);
}
