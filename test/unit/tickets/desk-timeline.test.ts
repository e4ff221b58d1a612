import { describe, expect, it } from "vitest";
import { parseConfig, ConfigError } from "../../../src/config";
import { nextSlaDue } from "../../../src/sla/sla-due.projection";
import type { TicketSlaResult } from "../../../src/sla/ticket-sla";
import { AgentDirectory } from "../../../src/tickets/agent-directory";
import type { StoredTicketEvent } from "../../../src/tickets/ticket-store.types";
import { fts5Query, searchTerms, tsQuery } from "../../../src/tickets/ticket-search-terms";
import { escalationMessagesOf, timelineOf } from "../../../src/tickets/ticket-timeline";

const agent = { id: "agent-hugo", displayName: "Hugo Helpdesk", role: "HELPDESK_AGENT" };
const sync = { id: "system:escalation-sync", displayName: "Escalation sync", role: "SYSTEM" };

function events(specs: [string, string, string, Record<string, unknown>, typeof agent?][]): StoredTicketEvent[] {
  return specs.map(([type, fromState, toState, payload, actor], index) => ({
    id: `ev-${index + 1}`,
    ticketId: "t-1",
    customerId: "c-1",
    sequence: index + 1,
    globalSequence: index + 1,
    type,
    fromState,
    toState,
    actor: actor ?? agent,
    payload,
    at: new Date(Date.UTC(2026, 0, 1, 9, index)),
    machineVersion: 1,
    prevHash: null,
    hash: `h${index}`,
  }));
}

describe("timelineOf", () => {
  const history = events([
    ["OPEN", "", "intake", { title: "Mail" }],
    ["START_DIAGNOSIS", "intake", "diagnosis", { assigneeId: "agent-hugo" }],
    ["ADD_DIAGNOSIS_NOTE", "diagnosis", "diagnosis", { note: "Checked MX" }],
    ["LINK_INCIDENT", "diagnosis", "diagnosis", { incidentId: "EX1" }],
    ["ESCALATE", "diagnosis", "escalated.filing", { vehicle: "COMMERCIAL" }],
    ["MARK_FILED", "escalated.filing", "escalated.withMicrosoft", { serviceRequestId: "123456" }, sync],
    ["MICROSOFT_ACTION_REQUIRED", "escalated.withMicrosoft", "escalated.actionRequired", { microsoftNote: "Send logs" }, sync],
    ["RESPOND_TO_MICROSOFT", "escalated.actionRequired", "escalated.withMicrosoft", { note: "Logs attached" }],
    ["MICROSOFT_CLOSED", "escalated.withMicrosoft", "resolution", { microsoftNote: "Fixed a transport rule" }, sync],
    ["REJECT_RESOLUTION", "resolution", "diagnosis", { reason: "Still failing" }],
    ["UPDATE_DETAILS", "diagnosis", "diagnosis", { changes: [{ field: "severity", from: "MODERATE", to: "CRITICAL" }] }],
    ["ASSIGN", "diagnosis", "diagnosis", { assigneeId: null, previousAssigneeId: "agent-hugo" }],
    ["CANCEL", "diagnosis", "cancelled", { reason: "Customer left" }],
  ]);

  it("turns each event into typed entries with stable, unique ids, message before state change", () => {
    const entries = timelineOf([...history].reverse());
    expect(entries.map((entry) => `${entry.id} ${entry.kind}`)).toEqual([
      "ev-1:state STATE_CHANGE",
      "ev-2:assignment ASSIGNMENT",
      "ev-2:state STATE_CHANGE",
      "ev-3:note NOTE",
      "ev-5:state STATE_CHANGE",
      "ev-6:state STATE_CHANGE",
      "ev-7:microsoft MICROSOFT_MESSAGE",
      "ev-7:state STATE_CHANGE",
      "ev-8:answer MICROSOFT_ANSWER",
      "ev-8:state STATE_CHANGE",
      "ev-9:microsoft MICROSOFT_MESSAGE",
      "ev-9:proposal RESOLUTION_PROPOSED",
      "ev-9:state STATE_CHANGE",
      "ev-10:rejection RESOLUTION_REJECTED",
      "ev-10:state STATE_CHANGE",
      "ev-11:fields FIELD_CHANGE",
      "ev-12:assignment ASSIGNMENT",
      "ev-13:state STATE_CHANGE",
    ]);
    expect(entries[0]).toMatchObject({ fromState: null, toState: "intake", eventType: "OPEN" });
    expect(entries[11]).toMatchObject({ summary: "Fixed a transport rule", source: "MICROSOFT", actor: sync });
    expect(entries[16]).toMatchObject({ fromAgentId: "agent-hugo", toAgentId: null });
    expect(entries.at(-1)).toMatchObject({ reason: "Customer left", toState: "cancelled" });
  });

  it("lists Microsoft's messages and our answers of the current escalation only", () => {
    const again = events([
      ...history.slice(0, 9).map((event) => [event.type, event.fromState, event.toState, event.payload, event.actor] as [string, string, string, Record<string, unknown>, typeof agent]),
      ["REJECT_RESOLUTION", "resolution", "diagnosis", { reason: "Still failing" }],
      ["ESCALATE", "diagnosis", "escalated.filing", { vehicle: "COMMERCIAL" }],
      ["MARK_FILED", "escalated.filing", "escalated.withMicrosoft", { serviceRequestId: "654321" }, sync],
      ["MICROSOFT_ACTION_REQUIRED", "escalated.withMicrosoft", "escalated.actionRequired", { microsoftNote: "Which mailbox?" }, sync],
    ]);
    const messages = escalationMessagesOf(timelineOf(again), again);
    expect(messages.map((entry) => [entry.kind, "text" in entry ? entry.text : null])).toEqual([["MICROSOFT_MESSAGE", "Which mailbox?"]]);
  });
});

describe("searchTerms", () => {
  it("keeps letters and digits only, so no input changes the query's meaning", () => {
    expect(searchTerms(`Mail "OR" flow* NEAR(x) -- Zürich 2408`)).toEqual(["mail", "or", "flow", "near", "x", "zürich", "2408"]);
    expect(fts5Query(["mail", "or"])).toBe(`"mail"* "or"*`);
    expect(tsQuery(["mail", "or"])).toBe("mail:* & or:*");
  });

  it("refuses a search without words and an overlong one", () => {
    expect(() => searchTerms("!!! ***")).toThrow(/letter or digit/);
    expect(() => searchTerms("a".repeat(201))).toThrow(/at most 200/);
  });
});

describe("nextSlaDue", () => {
  const base = { firstResponseDueAt: new Date("2026-01-01T10:00:00Z"), resolutionDueAt: new Date("2026-01-02T10:00:00Z"), clockStopped: false } as TicketSlaResult;
  it("is the first response deadline until answered, then the resolution deadline, none once stopped", () => {
    expect(nextSlaDue({ ...base, firstRespondedAt: null })).toEqual(base.firstResponseDueAt);
    expect(nextSlaDue({ ...base, firstRespondedAt: new Date() })).toEqual(base.resolutionDueAt);
    expect(nextSlaDue({ ...base, firstRespondedAt: new Date(), resolutionDueAt: null })).toBeNull();
    expect(nextSlaDue({ ...base, firstRespondedAt: null, clockStopped: true })).toBeNull();
  });
});

describe("DESK_AGENTS and the agent directory", () => {
  it("offers configured and signed-in agents who work tickets, by name", () => {
    const config = parseConfig({ DESK_AGENTS: " oid-2|Zoe Admin|ADMIN_AGENT ; oid-1|Alex Doe|HELPDESK_AGENT;oid-3|Sal Sales|SALES_AGENT" });
    const directory = new AgentDirectory(config.deskAgents);
    directory.remember({ id: "oid-4", displayName: "Bea Helpdesk", role: "HELPDESK_AGENT" });
    expect(directory.assignable().map((item) => item.id)).toEqual(["oid-1", "oid-4", "oid-2"]);
  });

  it("refuses a malformed entry naming it", () => {
    expect(() => parseConfig({ DESK_AGENTS: "oid-1|Alex Doe|BOSS" })).toThrow(ConfigError);
    expect(() => parseConfig({ DESK_AGENTS: "oid-1|Alex Doe" })).toThrow(/DESK_AGENTS/);
  });
});
