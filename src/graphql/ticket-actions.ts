import type { AgentEventType } from "../../machines";

/** What a desk needs to draw one button: the event, the mutation that sends it, a label. */
export interface TicketActionValue {
  event: Exclude<AgentEventType, "OPEN">;
  mutation: string;
  label: string;
}

/**
 * The mutation that sends each agent event (OPEN is `openTicket`, which needs no ticket).
 * A unit test checks every name against the schema's Mutation type.
 */
export const MUTATION_OF_EVENT: Readonly<Record<Exclude<AgentEventType, "OPEN">, { mutation: string; label: string }>> = {
  START_DIAGNOSIS: { mutation: "startDiagnosis", label: "Start diagnosis" },
  ADD_DIAGNOSIS_NOTE: { mutation: "addDiagnosisNote", label: "Add diagnosis note" },
  LINK_INCIDENT: { mutation: "linkIncident", label: "Link incident" },
  REQUEST_CUSTOMER_INFO: { mutation: "requestCustomerInfo", label: "Ask the customer" },
  RECORD_CUSTOMER_REPLY: { mutation: "recordCustomerReply", label: "Record customer reply" },
  PROPOSE_RESOLUTION: { mutation: "proposeResolution", label: "Propose resolution" },
  CONFIRM_RESOLUTION: { mutation: "confirmResolution", label: "Confirm resolution" },
  REJECT_RESOLUTION: { mutation: "rejectResolution", label: "Reject resolution" },
  ESCALATE: { mutation: "escalateToMicrosoft", label: "Escalate to Microsoft" },
  RECORD_SERVICE_REQUEST_NUMBER: { mutation: "recordServiceRequestNumber", label: "Record service request number" },
  RETRY_ESCALATION: { mutation: "retryEscalation", label: "Retry escalation" },
  RESPOND_TO_MICROSOFT: { mutation: "respondToMicrosoft", label: "Respond to Microsoft" },
  CLOSE: { mutation: "closeTicket", label: "Close" },
  REOPEN: { mutation: "reopenTicket", label: "Reopen" },
  CANCEL: { mutation: "cancelTicket", label: "Cancel" },
  ASSIGN: { mutation: "assignTicket", label: "Assign" },
  UPDATE_DETAILS: { mutation: "updateTicket", label: "Edit details" },
};

/** The actions for the events a caller may send now, in the order given. */
export function ticketActionsFor(events: readonly string[]): TicketActionValue[] {
  return events.flatMap((event) => {
    const action = MUTATION_OF_EVENT[event as keyof typeof MUTATION_OF_EVENT];
    return action ? [{ event: event as TicketActionValue["event"], ...action }] : [];
  });
}
