import type {
  EscalationChannel,
  Product,
  ServiceRequestStatus,
  Severity,
  SupportVehicle,
  TicketActor,
  TicketCategory,
} from "./ticket-vocabulary";

/** Something an actor wrote at a point in time. */
export interface TicketEntry {
  text: string;
  at: string;
  actor: TicketActor;
}

/** One message in the conversation with the customer. */
export interface CustomerExchange extends TicketEntry {
  kind: "QUESTION" | "REPLY";
}

/** The fix on the table while in `resolution`, from the partner or from Microsoft. */
export interface ResolutionProposal {
  summary: string;
  source: "PARTNER" | "MICROSOFT";
  at: string;
  actor: TicketActor;
}

/** A note exchanged with Microsoft on the service request. */
export interface MicrosoftExchange {
  direction: "FROM_MICROSOFT" | "TO_MICROSOFT";
  text: string;
  at: string;
}

/** The current (latest) escalation to Microsoft. */
export interface TicketEscalation {
  vehicle: SupportVehicle;
  supportTopicId: string;
  severity: Severity;
  description: string;
  channel: EscalationChannel;
  /** Stable across retries of this escalation, so Partner Center never gets it twice (MS-RequestId). */
  idempotencyKey: string;
  /** Filing attempts started for this escalation (1 on escalate, +1 per retry). */
  filingAttempt: number;
  serviceRequestId: string | null;
  serviceRequestStatus: ServiceRequestStatus;
  requestedAt: string;
  requestedBy: TicketActor;
  filedAt: string | null;
  lastError: string | null;
  /** The API could not take the request: the service prepares a packet for portal filing. */
  casePacketRequired: boolean;
  portalFilingReason: string | null;
  lastSyncedAt: string | null;
  exchanges: MicrosoftExchange[];
}

/** Everything the machine's guards and the API need to know about a ticket. */
export interface TicketContext {
  ticketId: string;
  customerId: string;
  title: string;
  description: string;
  category: TicketCategory;
  product: Product;
  severity: Severity;
  channel: string | null;
  openedAt: string;
  openedBy: TicketActor;
  /** Time of the last accepted event. */
  updatedAt: string;
  assigneeId: string | null;
  /**
   * Diagnosis notes so far. The notes themselves live in the ticket's events (ADD_DIAGNOSIS_NOTE),
   * not here, so the snapshot every write rewrites stays small however long the history.
   */
  diagnosisNoteCount: number;
  linkedIncidentIds: string[];
  /** Linked incidents Microsoft resolved upstream (a subset of `linkedIncidentIds`). */
  resolvedIncidentIds: string[];
  /** Questions to and replies from the customer so far (the texts are in the events, like notes). */
  customerExchangeCount: number;
  /** The latest question to the customer: the text of the INFORMATION_REQUESTED notice. */
  lastCustomerQuestion: TicketEntry | null;
  resolutionProposal: ResolutionProposal | null;
  lastRejection: TicketEntry | null;
  escalation: TicketEscalation | null;
  escalationCount: number;
  resolvedAt: string | null;
  closedAt: string | null;
  cancellation: TicketEntry | null;
  reopenCount: number;
  lastReopen: TicketEntry | null;
  /** State paths this ticket has entered, in order of first entry (drives the diagram highlight). */
  visitedStates: string[];
}
