import { describe, expect, it } from "vitest";
import {
  applyTicketEvent,
  availableEventTypes,
  canonicalTicketSnapshot,
  describeWorkflow,
  replayTicketEvents,
  startTicket,
  statePathOf,
  TICKET_EVENT_TYPES,
  TICKET_GUARD_RULES,
  TICKET_MACHINE_VERSION,
  TICKET_STATE_PATHS,
  TicketEventRefusedError,
  TicketSnapshotError,
  topLevelStateOf,
  toTicketStateEnum,
  type ApplyTicketEventResult,
  type PersistedTicketSnapshot,
  type TicketEvent,
} from "../../../machines";
import { HISTORY_TO, historyTo, minute, openFacts, ticketEvent, ticketIn } from "./ticket.factory";

function accepted(result: ApplyTicketEventResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code} ${result.refusal.message}`);
  return result;
}

function thrownBy(run: () => unknown): TicketEventRefusedError {
  try {
    run();
  } catch (error) {
    if (error instanceof TicketEventRefusedError) return error;
    throw error;
  }
  throw new Error("expected a TicketEventRefusedError");
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe("startTicket", () => {
  it("opens a ticket in intake with the machine version and a received notice", () => {
    const { snapshot, statePath, effects } = startTicket(openFacts());
    expect(statePath).toBe("intake");
    expect(snapshot.machineVersion).toBe(TICKET_MACHINE_VERSION);
    expect(snapshot.context).toMatchObject({ ticketId: "tkt-0001", category: "TECHNICAL", visitedStates: ["intake"] });
    expect(effects).toEqual([
      expect.objectContaining({ type: "NOTIFY_CUSTOMER", notice: "TICKET_RECEIVED", ticketId: "tkt-0001" }),
    ]);
  });

  it("refuses malformed facts with the offending field", () => {
    expect(() => startTicket(openFacts({ title: " " }))).toThrow(TicketEventRefusedError);
    expect(thrownBy(() => startTicket(openFacts({ category: "HARDWARE" as never }))).refusal).toMatchObject({
      code: "INVALID_PAYLOAD",
      field: "category",
    });
  });
});

describe("persisted snapshots", () => {
  it.each(Object.keys(HISTORY_TO))("round-trip through JSON with the same behaviour (%s)", (path) => {
    const snapshot = ticketIn(path);
    const restored = JSON.parse(JSON.stringify(snapshot)) as PersistedTicketSnapshot;
    expect(restored).toEqual(snapshot);
    expect(statePathOf(restored)).toBe(path);
    expect(availableEventTypes(restored)).toEqual(availableEventTypes(snapshot));
    for (const type of availableEventTypes(snapshot)) {
      if (type === "OPEN") continue;
      const event = ticketEvent(type);
      expect(JSON.stringify(applyTicketEvent(restored, event))).toBe(JSON.stringify(applyTicketEvent(snapshot, event)));
    }
  });

  it("refuses to restore a snapshot from another machine version", () => {
    const snapshot = { ...ticketIn("diagnosis"), machineVersion: TICKET_MACHINE_VERSION + 1 };
    expect(() => applyTicketEvent(snapshot, ticketEvent("ADD_DIAGNOSIS_NOTE"))).toThrow(TicketSnapshotError);
  });

  it("refuses to restore a snapshot in a state the machine does not have", () => {
    const snapshot = { ...ticketIn("diagnosis"), value: "limbo" };
    expect(() => availableEventTypes(snapshot)).toThrow(TicketSnapshotError);
  });

  it("never mutates the snapshot it is given", () => {
    const snapshot = deepFreeze(ticketIn("escalated.actionRequired"));
    const result = accepted(applyTicketEvent(snapshot, ticketEvent("RESPOND_TO_MICROSOFT")));
    expect(result.statePath).toBe("escalated.withMicrosoft");
    expect(statePathOf(snapshot)).toBe("escalated.actionRequired");
  });

  it("names the state path and the top-level state", () => {
    const snapshot = ticketIn("escalated.withMicrosoft");
    expect(snapshot.value).toEqual({ escalated: "withMicrosoft" });
    expect(statePathOf(snapshot)).toBe("escalated.withMicrosoft");
    expect(topLevelStateOf(snapshot)).toBe("escalated");
    expect(toTicketStateEnum(topLevelStateOf(ticketIn("awaitingCustomer")))).toBe("AWAITING_CUSTOMER");
  });
});

describe("replayTicketEvents", () => {
  const history = (): TicketEvent[] => [
    ...historyTo("escalated.actionRequired"),
    ticketEvent("RESPOND_TO_MICROSOFT", {}, minute(20)),
    ticketEvent("MICROSOFT_CLOSED", {}, minute(30)),
    ticketEvent("CONFIRM_RESOLUTION", {}, minute(40)),
    ticketEvent("CLOSE", {}, minute(50)),
  ];

  it("reproduces the snapshot built event by event", () => {
    const [open, ...rest] = history();
    let snapshot = startTicket(open as Extract<TicketEvent, { type: "OPEN" }>).snapshot;
    for (const event of rest) snapshot = accepted(applyTicketEvent(snapshot, event)).snapshot;
    expect(canonicalTicketSnapshot(replayTicketEvents(history()))).toBe(canonicalTicketSnapshot(snapshot));
    expect(statePathOf(snapshot)).toBe("closed");
    expect(snapshot.status).toBe("done");
  });

  it("is deterministic: the same history gives byte-identical snapshots", () => {
    expect(JSON.stringify(replayTicketEvents(history()))).toBe(JSON.stringify(replayTicketEvents(history())));
  });

  it("tells different histories apart", () => {
    // Note texts live in the events (covered by their hash chain), not in the snapshot: a history
    // with one note more replays to a different snapshot (its count differs).
    const extra = history();
    extra.splice(3, 0, ticketEvent("ADD_DIAGNOSIS_NOTE", { note: "A second observation." }, minute(2)));
    expect(canonicalTicketSnapshot(replayTicketEvents(extra))).not.toBe(canonicalTicketSnapshot(replayTicketEvents(history())));
  });

  it("names the first event the machine refuses", () => {
    const broken = [...historyTo("intake"), ticketEvent("ESCALATE", {}, minute(1))];
    const error = thrownBy(() => replayTicketEvents(broken));
    expect(error.eventIndex).toBe(1);
    expect(error.refusal.code).toBe("TRANSITION_NOT_ALLOWED");
  });

  it("requires OPEN first", () => {
    expect(() => replayTicketEvents([ticketEvent("START_DIAGNOSIS")])).toThrow(/start with OPEN/);
  });
});

describe("declared effects", () => {
  it("files a service request on escalation and notifies the customer", () => {
    const noted = accepted(applyTicketEvent(ticketIn("diagnosis"), ticketEvent("ADD_DIAGNOSIS_NOTE"))).snapshot;
    const result = accepted(applyTicketEvent(noted, ticketEvent("ESCALATE", {}, minute(9))));
    expect(result.fromPath).toBe("diagnosis");
    expect(result.statePath).toBe("escalated.filing");
    expect(result.effects).toEqual([
      { type: "NOTIFY_CUSTOMER", ticketId: "tkt-0001", customerId: openFacts().customerId, notice: "ESCALATED_TO_MICROSOFT", message: null, at: minute(9) },
      expect.objectContaining({
        type: "FILE_SERVICE_REQUEST",
        idempotencyKey: "tkt-0001:escalation:1",
        attempt: 1,
        vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS",
        channel: "PARTNER_CENTER",
        severity: "CRITICAL",
        supportTopicId: "32444671",
        at: minute(9),
      }),
    ]);
    expect(result.snapshot.context.escalation).toMatchObject({ serviceRequestStatus: "NONE", requestedAt: minute(9) });
  });

  it("defaults the escalation's severity and description to the ticket's", () => {
    const noted = accepted(applyTicketEvent(ticketIn("diagnosis"), ticketEvent("ADD_DIAGNOSIS_NOTE"))).snapshot;
    const result = accepted(applyTicketEvent(noted, ticketEvent("ESCALATE", { severity: null, description: null })));
    expect(result.snapshot.context.escalation).toMatchObject({
      severity: openFacts().severity,
      description: openFacts().description,
    });
  });

  it("retries filing with the same idempotency key and the next attempt number", () => {
    const failed = ticketIn("escalated.filingFailed");
    expect(failed.context.escalation?.lastError).toBe("503 Service Unavailable after 5 attempts");
    const result = accepted(applyTicketEvent(failed, ticketEvent("RETRY_ESCALATION")));
    expect(result.statePath).toBe("escalated.filing");
    expect(result.effects).toEqual([
      expect.objectContaining({ type: "FILE_SERVICE_REQUEST", idempotencyKey: "tkt-0001:escalation:1", attempt: 2 }),
    ]);
  });

  it("prepares a case packet when the filing API is unavailable", () => {
    const result = accepted(applyTicketEvent(ticketIn("escalated.filing"), ticketEvent("REQUIRE_PORTAL_FILING")));
    expect(result.statePath).toBe("escalated.awaitingPortalFiling");
    expect(result.snapshot.context.escalation).toMatchObject({ channel: "PORTAL", casePacketRequired: true });
    expect(result.effects).toEqual([expect.objectContaining({ type: "PREPARE_CASE_PACKET", supportTopicId: "32444671" })]);
    const filed = accepted(applyTicketEvent(result.snapshot, ticketEvent("RECORD_SERVICE_REQUEST_NUMBER")));
    expect(filed.snapshot.context.escalation).toMatchObject({
      serviceRequestId: "2503030010000123",
      serviceRequestStatus: "OPEN",
      casePacketRequired: false,
    });
  });

  it("sends the partner's answer to Microsoft as a service request note", () => {
    const result = accepted(applyTicketEvent(ticketIn("escalated.actionRequired"), ticketEvent("RESPOND_TO_MICROSOFT")));
    expect(result.effects).toEqual([
      expect.objectContaining({
        type: "ADD_SERVICE_REQUEST_NOTE",
        serviceRequestId: "2503030010000042",
        idempotencyKey: "tkt-0001:escalation:1:note:1",
        note: "Customer approved a maintenance window at 22:00 UTC.",
      }),
    ]);
    expect(result.snapshot.context.escalation?.serviceRequestStatus).toBe("OPEN");
  });

  it("proposes Microsoft's last note as the resolution when Microsoft closes the request", () => {
    const result = accepted(applyTicketEvent(ticketIn("escalated.withMicrosoft"), ticketEvent("MICROSOFT_CLOSED")));
    expect(result.statePath).toBe("resolution");
    expect(result.snapshot.context.resolutionProposal).toMatchObject({
      source: "MICROSOFT",
      summary: "Capacity restored in West Europe; Dv5 allocations succeed.",
    });
    expect(result.snapshot.context.escalation?.serviceRequestStatus).toBe("CLOSED");
    expect(result.effects).toEqual([expect.objectContaining({ notice: "RESOLUTION_PROPOSED" })]);
  });

  it("counts reopenings and gives a second escalation a new idempotency key", () => {
    const reopened = accepted(applyTicketEvent(ticketIn("resolved"), ticketEvent("REOPEN"))).snapshot;
    expect(reopened.context.reopenCount).toBe(1);
    expect(statePathOf(reopened)).toBe("diagnosis");
    const history = [
      ...historyTo("escalated.withMicrosoft"),
      ticketEvent("MICROSOFT_CLOSED", {}, minute(10)),
      ticketEvent("REJECT_RESOLUTION", {}, minute(11)),
      ticketEvent("ESCALATE", {}, minute(12)),
    ];
    const again = replayTicketEvents(history);
    expect(again.context.escalation?.idempotencyKey).toBe("tkt-0001:escalation:2");
    expect(again.context.escalationCount).toBe(2);
  });
});

describe("availableEventTypes", () => {
  it("offers ESCALATE only once a diagnosis note exists", () => {
    expect(availableEventTypes(ticketIn("diagnosis"))).not.toContain("ESCALATE");
    const noted = accepted(applyTicketEvent(ticketIn("diagnosis"), ticketEvent("ADD_DIAGNOSIS_NOTE"))).snapshot;
    expect(availableEventTypes(noted)).toContain("ESCALATE");
  });

  it("separates agent from system events", () => {
    const filing = ticketIn("escalated.filing");
    // While filing, an agent can only write internal notes and (re)assign or correct the ticket.
    expect(availableEventTypes(filing, { kind: "AGENT" })).toEqual(["ADD_DIAGNOSIS_NOTE", "ASSIGN", "UPDATE_DETAILS"]);
    expect(availableEventTypes(filing, { kind: "SYSTEM" })).toEqual(["MARK_FILED", "REQUIRE_PORTAL_FILING", "MARK_FILING_FAILED"]);
    expect(availableEventTypes(ticketIn("intake"))).toEqual(["START_DIAGNOSIS", "ADD_DIAGNOSIS_NOTE", "CANCEL", "ASSIGN", "UPDATE_DETAILS"]);
  });

  it("offers nothing on a finished ticket", () => {
    expect(availableEventTypes(ticketIn("closed"))).toEqual([]);
    expect(availableEventTypes(ticketIn("cancelled"))).toEqual([]);
  });
});

describe("describeWorkflow", () => {
  it("is derived from the machine and names every state and event", () => {
    const workflow = describeWorkflow();
    expect(workflow.version).toBe(TICKET_MACHINE_VERSION);
    expect(workflow.states).toEqual([...TICKET_STATE_PATHS]);
    expect(workflow.events).toEqual([...TICKET_EVENT_TYPES]);
    expect(workflow.finalStates).toEqual(["closed", "cancelled"]);
    expect(workflow.initialStates).toEqual({ "": "intake", escalated: "escalated.filing" });
    const handled = new Set(workflow.transitions.map((t) => t.event));
    expect(TICKET_EVENT_TYPES.filter((type) => !handled.has(type))).toEqual(["OPEN"]);
    expect(workflow.transitions).toContainEqual({
      from: "diagnosis",
      event: "ESCALATE",
      to: "escalated",
      guard: "escalationAllowed",
      kind: "AGENT",
      landsIn: "escalated.filing",
      internal: false,
    });
    expect(workflow.transitions).toContainEqual(expect.objectContaining({ from: "diagnosis", event: "ADD_DIAGNOSIS_NOTE", to: "diagnosis", landsIn: "diagnosis", internal: true }));
    expect(workflow.transitions).toContainEqual(expect.objectContaining({ from: "escalated.filingFailed", event: "RETRY_ESCALATION", landsIn: "escalated.filing", internal: false }));
  });

  it("names only guards that explain their refusals", () => {
    for (const t of describeWorkflow().transitions) {
      expect(t.guard === null || t.guard in TICKET_GUARD_RULES, `${t.from} ${t.event} ${String(t.guard)}`).toBe(true);
    }
  });

  it("lists the states of the issue", () => {
    expect(TICKET_STATE_PATHS).toEqual([
      "intake",
      "diagnosis",
      "awaitingCustomer",
      "resolution",
      "escalated",
      "escalated.filing",
      "escalated.awaitingPortalFiling",
      "escalated.withMicrosoft",
      "escalated.actionRequired",
      "escalated.filingFailed",
      "resolved",
      "closed",
      "cancelled",
    ]);
  });
});
