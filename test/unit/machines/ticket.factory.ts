import {
  isSystemEventType,
  replayTicketEvents,
  type OpenTicketFacts,
  type PersistedTicketSnapshot,
  type TicketEvent,
  type TicketActor,
  type TicketEventOf,
  type TicketEventType,
  type TicketMachineEvent,
} from "../../../machines";

export const AGENT: TicketActor = { id: "agent-7", displayName: "Robin Agent", role: "HELPDESK_AGENT" };
export const SYSTEM: TicketActor = { id: "escalation-worker", displayName: "Escalation worker", role: "SYSTEM" };
export const OPENED_AT = "2025-03-03T09:00:00.000Z";

/** OPEN facts for a technical Azure ticket; override anything. */
export function openFacts(overrides: Partial<OpenTicketFacts> = {}): OpenTicketFacts {
  return {
    ticketId: "tkt-0001",
    customerId: "0f1e2d3c-aaaa-4bbb-8ccc-123456789abc",
    title: "VMs in West Europe fail to start",
    description: "Since 08:00 every VM start in West Europe ends in an allocation failure.",
    category: "TECHNICAL",
    product: "AZURE",
    severity: "MODERATE",
    channel: "email",
    at: OPENED_AT,
    actor: AGENT,
    ...overrides,
  };
}

type PayloadOf<T extends TicketEventType> = Omit<TicketEventOf<T>, "type" | "at" | "actor">;

/** Realistic payloads, one per machine event type. */
const PAYLOADS: { [T in Exclude<TicketEventType, "OPEN">]: PayloadOf<T> } = {
  START_DIAGNOSIS: { assigneeId: "agent-7" },
  ADD_DIAGNOSIS_NOTE: { note: "Allocation failures only for Dv5 sizes; other sizes start fine." },
  LINK_INCIDENT: { incidentId: "AZ-1234" },
  REQUEST_CUSTOMER_INFO: { question: "Which subscription id and VM sizes are affected?" },
  RECORD_CUSTOMER_REPLY: { reply: "Subscription 4711, Standard_D4s_v5 only." },
  PROPOSE_RESOLUTION: { summary: "Resize to Dv4 until the capacity incident is mitigated." },
  CONFIRM_RESOLUTION: {},
  REJECT_RESOLUTION: { reason: "Dv4 is not an option for our licensing." },
  ESCALATE: {
    vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS",
    supportTopicId: "32444671",
    severity: "CRITICAL",
    description: "Dv5 allocation failures in West Europe for customer 4711.",
    entitledVehicles: ["COMMERCIAL", "ADVANCED_SUPPORT_FOR_PARTNERS"],
  },
  RECORD_SERVICE_REQUEST_NUMBER: { serviceRequestId: "2503030010000123" },
  RETRY_ESCALATION: {},
  RESPOND_TO_MICROSOFT: { note: "Customer approved a maintenance window at 22:00 UTC." },
  CLOSE: {},
  REOPEN: { reason: "The failures are back after the weekend." },
  CANCEL: { reason: "Customer withdrew the request." },
  ASSIGN: { assigneeId: "agent-9", previousAssigneeId: null },
  UPDATE_DETAILS: { changes: [{ field: "severity", from: "MODERATE", to: "CRITICAL" }] },
  MARK_FILED: { serviceRequestId: "2503030010000042" },
  REQUIRE_PORTAL_FILING: { reason: "Partner Center support API unavailable for this topic" },
  MARK_FILING_FAILED: { error: "503 Service Unavailable after 5 attempts", attempts: 5 },
  MICROSOFT_ACTION_REQUIRED: { microsoftNote: "Please confirm a maintenance window." },
  MICROSOFT_CLOSED: { microsoftNote: "Capacity restored in West Europe; Dv5 allocations succeed." },
  LINKED_INCIDENT_RESOLVED: { incidentId: "AZ-1234" },
};

/** An event of `type` with a realistic payload, sent by an agent or by the system as fitting. */
export function ticketEvent<T extends Exclude<TicketEventType, "OPEN">>(
  type: T,
  overrides: Partial<TicketEventOf<T>> = {},
  at = "2025-03-03T10:00:00.000Z",
): TicketEventOf<T> {
  const actor = isSystemEventType(type) ? SYSTEM : AGENT;
  return { type, at, actor, ...PAYLOADS[type], ...overrides } as unknown as TicketEventOf<T>;
}

/** One event of every machine event type (the graph walk lets the guards pick). */
export function everyMachineEvent(): TicketMachineEvent[] {
  const one = (Object.keys(PAYLOADS) as Array<Exclude<TicketEventType, "OPEN">>).map((type) => ticketEvent(type));
  // ASSIGN names the current assignee: nobody before START_DIAGNOSIS, agent-7 after it (a reassignment).
  return [...one, ticketEvent("ASSIGN", { previousAssigneeId: "agent-7" })];
}

/** Deterministic clock for histories: minute n after opening. */
export function minute(n: number): string {
  return new Date(Date.parse(OPENED_AT) + n * 60_000).toISOString();
}

const TO_DIAGNOSIS: Array<Exclude<TicketEventType, "OPEN">> = ["START_DIAGNOSIS"];
const TO_FILING: Array<Exclude<TicketEventType, "OPEN">> = [...TO_DIAGNOSIS, "ADD_DIAGNOSIS_NOTE", "ESCALATE"];
const TO_WITH_MICROSOFT = [...TO_FILING, "MARK_FILED"] as const;
const TO_RESOLVED = [...TO_DIAGNOSIS, "PROPOSE_RESOLUTION", "CONFIRM_RESOLUTION"] as const;

/** The shortest history (after OPEN) that brings a ticket to each state path. */
export const HISTORY_TO: Record<string, ReadonlyArray<Exclude<TicketEventType, "OPEN">>> = {
  intake: [],
  diagnosis: TO_DIAGNOSIS,
  awaitingCustomer: [...TO_DIAGNOSIS, "REQUEST_CUSTOMER_INFO"],
  resolution: [...TO_DIAGNOSIS, "PROPOSE_RESOLUTION"],
  "escalated.filing": TO_FILING,
  "escalated.awaitingPortalFiling": [...TO_FILING, "REQUIRE_PORTAL_FILING"],
  "escalated.withMicrosoft": TO_WITH_MICROSOFT,
  "escalated.actionRequired": [...TO_WITH_MICROSOFT, "MICROSOFT_ACTION_REQUIRED"],
  "escalated.filingFailed": [...TO_FILING, "MARK_FILING_FAILED"],
  resolved: TO_RESOLVED,
  closed: [...TO_RESOLVED, "CLOSE"],
  cancelled: ["CANCEL"],
};

/** A full history (OPEN first) leading to `path`, one minute apart. */
export function historyTo(path: string, facts: Partial<OpenTicketFacts> = {}): TicketEvent[] {
  const steps = HISTORY_TO[path];
  if (!steps) throw new Error(`No history to ${path}`);
  return [{ type: "OPEN", ...openFacts(facts) }, ...steps.map((type, i) => ticketEvent(type, {}, minute(i + 1)))];
}

/** The stored snapshot of a ticket in `path`. */
export function ticketIn(path: string, facts: Partial<OpenTicketFacts> = {}): PersistedTicketSnapshot {
  return replayTicketEvents(historyTo(path, facts));
}
