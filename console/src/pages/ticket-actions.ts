import {
  AddDiagnosisNoteDocument,
  CancelTicketDocument,
  CloseTicketDocument,
  ConfirmResolutionDocument,
  ProposeResolutionDocument,
  RecordCustomerReplyDocument,
  RecordServiceRequestNumberDocument,
  RejectResolutionDocument,
  ReopenTicketDocument,
  RequestCustomerInfoDocument,
  RespondToMicrosoftDocument,
  RetryEscalationDocument,
  StartDiagnosisDocument,
  type TicketEventType,
  type TypedDocumentString,
} from "../generated/graphql";

/**
 * The agent commands the ticket page offers, keyed by the event the API lists in
 * `availableEvents`; `input` names the one text argument a command takes. ESCALATE and
 * LINK_INCIDENT have their own panels; worker events (MARK_FILED, ...) are never offered.
 */
export interface TicketAction {
  label: string;
  document: TypedDocumentString<unknown, never>;
  input?: { name: string; label: string };
}

const action = (label: string, document: TypedDocumentString<any, any>, input?: TicketAction["input"]): TicketAction => ({ label, document, ...(input ? { input } : {}) });

export const TICKET_ACTIONS: Partial<Record<TicketEventType, TicketAction>> = {
  START_DIAGNOSIS: action("Start diagnosis", StartDiagnosisDocument),
  ADD_DIAGNOSIS_NOTE: action("Add diagnosis note", AddDiagnosisNoteDocument, { name: "note", label: "Note" }),
  REQUEST_CUSTOMER_INFO: action("Ask the customer", RequestCustomerInfoDocument, { name: "question", label: "Question" }),
  RECORD_CUSTOMER_REPLY: action("Record customer reply", RecordCustomerReplyDocument, { name: "reply", label: "Reply" }),
  PROPOSE_RESOLUTION: action("Propose resolution", ProposeResolutionDocument, { name: "summary", label: "Summary" }),
  CONFIRM_RESOLUTION: action("Confirm resolution", ConfirmResolutionDocument),
  REJECT_RESOLUTION: action("Reject resolution", RejectResolutionDocument, { name: "reason", label: "Reason" }),
  CLOSE: action("Close", CloseTicketDocument),
  REOPEN: action("Reopen", ReopenTicketDocument, { name: "reason", label: "Reason" }),
  CANCEL: action("Cancel ticket", CancelTicketDocument, { name: "reason", label: "Reason" }),
  RETRY_ESCALATION: action("Retry escalation", RetryEscalationDocument),
  RECORD_SERVICE_REQUEST_NUMBER: action("Record service request number", RecordServiceRequestNumberDocument, { name: "serviceRequestId", label: "Service request number" }),
  RESPOND_TO_MICROSOFT: action("Respond to Microsoft", RespondToMicrosoftDocument, { name: "note", label: "Response" }),
};
