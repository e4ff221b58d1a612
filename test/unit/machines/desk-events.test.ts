import { describe, expect, it } from "vitest";
import { applyTicketEvent, contextOf, type ApplyTicketEventResult } from "../../../machines";
import { ticketEvent, ticketIn } from "./ticket.factory";

const accepted = (result: ApplyTicketEventResult) => {
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result;
};
const refused = (result: ApplyTicketEventResult) => {
  if (result.ok) throw new Error("accepted");
  return result.refusal;
};

describe("ASSIGN", () => {
  it("assigns, reassigns and unassigns without changing the state, in every non-final state", () => {
    for (const path of ["intake", "diagnosis", "awaitingCustomer", "resolution", "escalated.withMicrosoft", "resolved"]) {
      const snapshot = ticketIn(path);
      const current = contextOf(snapshot).assigneeId;
      const result = accepted(applyTicketEvent(snapshot, ticketEvent("ASSIGN", { assigneeId: "agent-9", previousAssigneeId: current })));
      expect(result.statePath).toBe(path);
      expect(contextOf(result.snapshot).assigneeId).toBe("agent-9");
      const unassigned = accepted(applyTicketEvent(result.snapshot, ticketEvent("ASSIGN", { assigneeId: null, previousAssigneeId: "agent-9" })));
      expect(contextOf(unassigned.snapshot).assigneeId).toBeNull();
    }
  });

  it("refuses a stale previous assignee and a no-op with STALE_DETAILS", () => {
    const diagnosis = ticketIn("diagnosis");
    expect(refused(applyTicketEvent(diagnosis, ticketEvent("ASSIGN", { assigneeId: "agent-9", previousAssigneeId: null }))).code).toBe("STALE_DETAILS");
    expect(refused(applyTicketEvent(diagnosis, ticketEvent("ASSIGN", { assigneeId: "agent-7", previousAssigneeId: "agent-7" }))).code).toBe("STALE_DETAILS");
  });

  it("refuses final tickets", () => {
    for (const path of ["closed", "cancelled"]) {
      expect(refused(applyTicketEvent(ticketIn(path), ticketEvent("ASSIGN"))).code).toBe("TRANSITION_NOT_ALLOWED");
      expect(refused(applyTicketEvent(ticketIn(path), ticketEvent("UPDATE_DETAILS"))).code).toBe("TRANSITION_NOT_ALLOWED");
      expect(refused(applyTicketEvent(ticketIn(path), ticketEvent("ADD_DIAGNOSIS_NOTE"))).code).toBe("TRANSITION_NOT_ALLOWED");
    }
  });
});

describe("UPDATE_DETAILS", () => {
  it("sets each field to its new value and keeps the state", () => {
    const result = accepted(
      applyTicketEvent(
        ticketIn("awaitingCustomer"),
        ticketEvent("UPDATE_DETAILS", {
          changes: [
            { field: "title", from: "VMs in West Europe fail to start", to: "Dv5 VMs in West Europe fail to start" },
            { field: "product", from: "AZURE", to: "OTHER" },
            { field: "category", from: "TECHNICAL", to: "BILLING" },
          ],
        }),
      ),
    );
    expect(result.statePath).toBe("awaitingCustomer");
    expect(contextOf(result.snapshot)).toMatchObject({ title: "Dv5 VMs in West Europe fail to start", product: "OTHER", category: "BILLING", severity: "MODERATE" });
  });

  it("refuses unknown fields, bad values, duplicates, an empty list and stale old values", () => {
    const intake = ticketIn("intake");
    const cases: [unknown[], string][] = [
      [[], "INVALID_PAYLOAD"],
      [[{ field: "customerId", from: "x", to: "y" }], "INVALID_PAYLOAD"],
      [[{ field: "severity", from: "MODERATE", to: "URGENT" }], "INVALID_PAYLOAD"],
      [[{ field: "title", from: "VMs in West Europe fail to start", to: "  " }], "INVALID_PAYLOAD"],
      [[{ field: "severity", from: "MODERATE", to: "CRITICAL" }, { field: "severity", from: "MODERATE", to: "MINIMAL" }], "INVALID_PAYLOAD"],
      [[{ field: "severity", from: "MINIMAL", to: "CRITICAL" }], "STALE_DETAILS"],
      [[{ field: "severity", from: "MODERATE", to: "MODERATE" }], "STALE_DETAILS"],
    ];
    for (const [changes, code] of cases) {
      expect(refused(applyTicketEvent(intake, ticketEvent("UPDATE_DETAILS", { changes: changes as never }))).code, JSON.stringify(changes)).toBe(code);
    }
  });
});

describe("internal notes", () => {
  it("are accepted in every non-final state and never change it", () => {
    for (const path of ["intake", "diagnosis", "awaitingCustomer", "resolution", "escalated.filing", "escalated.actionRequired", "resolved"]) {
      const result = accepted(applyTicketEvent(ticketIn(path), ticketEvent("ADD_DIAGNOSIS_NOTE")));
      expect(result.statePath).toBe(path);
      // No effect is declared again (filing is not re-entered by a note).
      expect(result.effects).toEqual([]);
    }
  });
});
