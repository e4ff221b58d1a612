import { describe, expect, it } from "vitest";
import { describeWorkflow, statePathOfStatus, statusNameOfPath, TICKET_STATUSES, ticketStatusOfPath } from "../../../machines";

const workflow = describeWorkflow();
const leaves = workflow.states.filter((path) => !workflow.states.some((other) => other.startsWith(`${path}.`)));

describe("TicketStatus", () => {
  it("has one value per leaf state of the machine, in the machine's order", () => {
    expect(leaves.map(statusNameOfPath)).toEqual([...TICKET_STATUSES]);
  });

  it("maps state paths to statuses and back", () => {
    expect(ticketStatusOfPath("escalated.withMicrosoft")).toBe("ESCALATED_WITH_MICROSOFT");
    expect(ticketStatusOfPath("awaitingCustomer")).toBe("AWAITING_CUSTOMER");
    for (const status of TICKET_STATUSES) expect(ticketStatusOfPath(statePathOfStatus(status))).toBe(status);
  });

  it("refuses a path that is no leaf, or unknown", () => {
    for (const path of ["escalated", "", "escalated.nonsense", "ESCALATED_WITH_MICROSOFT"]) {
      expect(() => ticketStatusOfPath(path)).toThrow(/not a leaf state/);
    }
    expect(() => statePathOfStatus("ESCALATED" as never)).toThrow(/Unknown ticket status/);
  });
});
