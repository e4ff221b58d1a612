import { describe, expect, it } from "vitest";
import {
  applyTicketEvent,
  statePathOf,
  SUPPORT_VEHICLES,
  type ApplyTicketEventResult,
  type SupportVehicle,
  type TicketCategory,
  type TicketEvent,
  type TicketRefusal,
} from "../../../machines";
import { AGENT, ticketEvent, ticketIn } from "./ticket.factory";

function refusalOf(result: ApplyTicketEventResult): TicketRefusal {
  if (result.ok) throw new Error(`expected a refusal, the ticket moved to ${result.statePath}`);
  return result.refusal;
}

function escalate(overrides: Partial<Extract<TicketEvent, { type: "ESCALATE" }>> = {}) {
  return ticketEvent("ESCALATE", overrides);
}

/** A ticket of `category` in diagnosis with one note, ready to escalate. */
function diagnosedTicket(category: TicketCategory = "TECHNICAL") {
  const snapshot = ticketIn("diagnosis", { category });
  const noted = applyTicketEvent(snapshot, ticketEvent("ADD_DIAGNOSIS_NOTE"));
  if (!noted.ok) throw new Error("note refused");
  return noted.snapshot;
}

describe("guard escalationAllowed", () => {
  it("refuses escalation without a diagnosis note", () => {
    const refusal = refusalOf(applyTicketEvent(ticketIn("diagnosis"), escalate()));
    expect(refusal.code).toBe("NO_DIAGNOSIS_NOTE");
    expect(refusal.state).toBe("diagnosis");
    expect(refusal.allowedEvents).not.toContain("ESCALATE");
    expect(refusal.allowedEvents).toContain("ADD_DIAGNOSIS_NOTE");
  });

  it.each(["intake", "awaitingCustomer", "resolution", "resolved", "escalated.withMicrosoft", "closed"])(
    "refuses escalation outside diagnosis (%s)",
    (path) => {
      const refusal = refusalOf(applyTicketEvent(ticketIn(path), escalate()));
      expect(refusal.code).toBe("TRANSITION_NOT_ALLOWED");
      expect(refusal.state).toBe(path);
      expect(refusal.allowedEvents).not.toContain("ESCALATE");
    },
  );

  it("refuses technical escalation without an entitled support vehicle", () => {
    const refusal = refusalOf(
      applyTicketEvent(
        diagnosedTicket(),
        escalate({ vehicle: "PREMIER_SUPPORT_FOR_PARTNERS", entitledVehicles: ["COMMERCIAL", "ADVANCED_SUPPORT_FOR_PARTNERS"] }),
      ),
    );
    expect(refusal.code).toBe("VEHICLE_NOT_ENTITLED");
    expect(refusal.message).toContain("PREMIER_SUPPORT_FOR_PARTNERS");
  });

  it("refuses technical escalation when the partner configured no vehicles", () => {
    const refusal = refusalOf(applyTicketEvent(diagnosedTicket(), escalate({ entitledVehicles: [] })));
    expect(refusal.code).toBe("VEHICLE_NOT_ENTITLED");
  });

  it("refuses COMMERCIAL for a TECHNICAL ticket", () => {
    const refusal = refusalOf(applyTicketEvent(diagnosedTicket("TECHNICAL"), escalate({ vehicle: "COMMERCIAL" })));
    expect(refusal.code).toBe("VEHICLE_NOT_FOR_CATEGORY");
  });

  it.each(["BILLING", "SUBSCRIPTION_MANAGEMENT"] as const)(
    "refuses a technical vehicle for a %s ticket even when entitled",
    (category) => {
      const refusal = refusalOf(
        applyTicketEvent(diagnosedTicket(category), escalate({ vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS" })),
      );
      expect(refusal.code).toBe("VEHICLE_NOT_FOR_CATEGORY");
    },
  );

  it.each(["BILLING", "SUBSCRIPTION_MANAGEMENT"] as const)(
    "accepts COMMERCIAL for a %s ticket from a partner with no configured vehicles",
    (category) => {
      const result = applyTicketEvent(diagnosedTicket(category), escalate({ vehicle: "COMMERCIAL", entitledVehicles: [] }));
      expect(result.ok && result.statePath).toBe("escalated.filing");
    },
  );

  it.each(SUPPORT_VEHICLES.filter((v) => v !== "COMMERCIAL"))(
    "accepts technical escalation through %s when the partner is entitled to it",
    (vehicle: SupportVehicle) => {
      const result = applyTicketEvent(diagnosedTicket(), escalate({ vehicle, entitledVehicles: [vehicle] }));
      expect(result.ok && result.statePath).toBe("escalated.filing");
    },
  );

  it("refuses an escalation without a support topic", () => {
    const refusal = refusalOf(applyTicketEvent(diagnosedTicket(), escalate({ supportTopicId: "  " })));
    expect(refusal).toMatchObject({ code: "INVALID_PAYLOAD", field: "supportTopicId" });
  });

  it("refuses an unknown vehicle or severity", () => {
    const badVehicle = escalate({ vehicle: "GOLD" as SupportVehicle });
    expect(refusalOf(applyTicketEvent(diagnosedTicket(), badVehicle))).toMatchObject({ field: "vehicle" });
    const badSeverity = escalate({ severity: "HIGH" as never });
    expect(refusalOf(applyTicketEvent(diagnosedTicket(), badSeverity))).toMatchObject({ field: "severity" });
  });
});

describe("guard validEvent", () => {
  const blankCases: Array<[string, TicketEvent, string]> = [
    ["diagnosis", ticketEvent("ADD_DIAGNOSIS_NOTE", { note: "" }), "note"],
    ["diagnosis", ticketEvent("REQUEST_CUSTOMER_INFO", { question: " " }), "question"],
    ["diagnosis", ticketEvent("PROPOSE_RESOLUTION", { summary: "" }), "summary"],
    ["diagnosis", ticketEvent("CANCEL", { reason: "" }), "reason"],
    ["awaitingCustomer", ticketEvent("RECORD_CUSTOMER_REPLY", { reply: "\n" }), "reply"],
    ["resolution", ticketEvent("REJECT_RESOLUTION", { reason: "" }), "reason"],
    ["resolved", ticketEvent("REOPEN", { reason: "" }), "reason"],
    ["escalated.filing", ticketEvent("MARK_FILED", { serviceRequestId: "" }), "serviceRequestId"],
    ["escalated.filing", ticketEvent("MARK_FILING_FAILED", { error: "" }), "error"],
    ["escalated.awaitingPortalFiling", ticketEvent("RECORD_SERVICE_REQUEST_NUMBER", { serviceRequestId: "" }), "serviceRequestId"],
    ["escalated.actionRequired", ticketEvent("RESPOND_TO_MICROSOFT", { note: "" }), "note"],
    ["intake", ticketEvent("START_DIAGNOSIS", { assigneeId: "" }), "assigneeId"],
  ];

  it.each(blankCases)("refuses a blank field in %s: %o", (path, event, field) => {
    const refusal = refusalOf(applyTicketEvent(ticketIn(path), event));
    expect(refusal).toMatchObject({ code: "INVALID_PAYLOAD", field, state: path });
  });

  it("refuses an event without a valid timestamp", () => {
    const refusal = refusalOf(applyTicketEvent(ticketIn("intake"), ticketEvent("START_DIAGNOSIS", { at: "yesterday" })));
    expect(refusal).toMatchObject({ code: "INVALID_PAYLOAD", field: "at" });
  });

  it("refuses an event without an actor", () => {
    const noActor = { ...ticketEvent("START_DIAGNOSIS"), actor: undefined } as unknown as TicketEvent;
    expect(refusalOf(applyTicketEvent(ticketIn("intake"), noActor))).toMatchObject({ field: "actor" });
    const badRole = ticketEvent("START_DIAGNOSIS", { actor: { ...AGENT, role: "INTERN" as never } });
    expect(refusalOf(applyTicketEvent(ticketIn("intake"), badRole))).toMatchObject({ field: "actor" });
  });
});

describe("guard incidentLinkable", () => {
  it("refuses linking the same incident twice", () => {
    const linked = applyTicketEvent(ticketIn("diagnosis"), ticketEvent("LINK_INCIDENT"));
    if (!linked.ok) throw new Error("first link refused");
    expect(linked.snapshot.context.linkedIncidentIds).toEqual(["AZ-1234"]);
    expect(refusalOf(applyTicketEvent(linked.snapshot, ticketEvent("LINK_INCIDENT"))).code).toBe(
      "INCIDENT_ALREADY_LINKED",
    );
  });
});

describe("guard linkedIncidentOpen", () => {
  it("refuses to record the resolution of an incident that is not linked", () => {
    const refusal = refusalOf(applyTicketEvent(ticketIn("diagnosis"), ticketEvent("LINKED_INCIDENT_RESOLVED")));
    expect(refusal.code).toBe("INCIDENT_NOT_OPEN");
  });

  it("records an upstream resolution once, without leaving the state", () => {
    const linked = applyTicketEvent(ticketIn("diagnosis"), ticketEvent("LINK_INCIDENT"));
    if (!linked.ok) throw new Error("link refused");
    const resolved = applyTicketEvent(linked.snapshot, ticketEvent("LINKED_INCIDENT_RESOLVED"));
    expect(resolved.ok && resolved.fromPath).toBe("diagnosis");
    expect(resolved.ok && resolved.statePath).toBe("diagnosis");
    if (!resolved.ok) return;
    expect(resolved.snapshot.context.resolvedIncidentIds).toEqual(["AZ-1234"]);
    expect(resolved.effects).toEqual([]);
    expect(refusalOf(applyTicketEvent(resolved.snapshot, ticketEvent("LINKED_INCIDENT_RESOLVED"))).code).toBe(
      "INCIDENT_NOT_OPEN",
    );
  });
});

describe("structural refusals", () => {
  it.each(["closed", "cancelled"])("refuses every event once the ticket is %s", (path) => {
    const snapshot = ticketIn(path);
    for (const event of [ticketEvent("REOPEN"), ticketEvent("START_DIAGNOSIS"), ticketEvent("LINKED_INCIDENT_RESOLVED")]) {
      const refusal = refusalOf(applyTicketEvent(snapshot, event));
      expect(refusal).toMatchObject({ code: "TRANSITION_NOT_ALLOWED", state: path, allowedEvents: [] });
    }
  });

  it("refuses OPEN and unknown event types with TRANSITION_NOT_ALLOWED", () => {
    const snapshot = ticketIn("diagnosis");
    const open = { type: "OPEN", ...ticketIn("intake").context, at: "2025-03-03T10:00:00.000Z", actor: AGENT };
    expect(refusalOf(applyTicketEvent(snapshot, open as unknown as TicketEvent)).code).toBe("TRANSITION_NOT_ALLOWED");
    const unknown = { type: "ESCALATE_HARDER", at: "2025-03-03T10:00:00.000Z", actor: AGENT };
    expect(refusalOf(applyTicketEvent(snapshot, unknown as unknown as TicketEvent)).code).toBe("TRANSITION_NOT_ALLOWED");
  });

  it("refuses closing a ticket that is not resolved", () => {
    const refusal = refusalOf(applyTicketEvent(ticketIn("resolution"), ticketEvent("CLOSE")));
    expect(refusal.code).toBe("TRANSITION_NOT_ALLOWED");
    expect(refusal.allowedEvents).toEqual(["ADD_DIAGNOSIS_NOTE", "CONFIRM_RESOLUTION", "REJECT_RESOLUTION", "ASSIGN", "UPDATE_DETAILS"]);
  });

  it("lists system events as allowed when a system event is refused", () => {
    const refusal = refusalOf(applyTicketEvent(ticketIn("escalated.filing"), ticketEvent("MICROSOFT_CLOSED")));
    expect(refusal.allowedEvents).toEqual(["MARK_FILED", "REQUIRE_PORTAL_FILING", "MARK_FILING_FAILED"]);
  });

  it("leaves the stored snapshot untouched on refusal", () => {
    const snapshot = ticketIn("diagnosis");
    const before = JSON.stringify(snapshot);
    refusalOf(applyTicketEvent(snapshot, escalate()));
    expect(JSON.stringify(snapshot)).toBe(before);
    expect(statePathOf(snapshot)).toBe("diagnosis");
  });
});
