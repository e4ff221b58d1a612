import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddDiagnosisNoteDocument,
  AssignTicketDocument,
  CancelTicketDocument,
  DeskAgentsDocument,
  DeskTabBarDocument,
  DeskTicketsDocument,
  OpenTicketDocument,
  RequestCustomerInfoDocument,
  StartDiagnosisDocument,
  TicketHistoryDocument,
  TicketTimelineDocument,
  UpdateTicketDocument,
  type DeskTicketsQueryVariables,
  type OpenTicketInput,
  type TicketTimelineQuery,
  type TicketOrder,
} from "../generated/graphql";
import { waitFor } from "./support/ticket-flows";
import { expectNoInternalErrors, startTestGateway, type TestDatabaseKind, type TestGateway } from "./support/test-gateway";

/** A word no other test uses, so each test's tickets are found by searching for it. */
const uniqueWord = () => `kw${randomUUID().replace(/-/g, "").slice(0, 10)}`;

describe.each<TestDatabaseKind>(["sqlite", "postgres"])("the desk API on %s", (database) => {
  let gw: TestGateway;
  let customerId: string;

  beforeAll(async () => {
    gw = await startTestGateway({ database });
    customerId = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
  });
  afterAll(async () => {
    await gw?.close();
  });

  async function open(overrides: Partial<OpenTicketInput>) {
    const result = await gw.gql(OpenTicketDocument, {
      input: {
        customerId,
        title: "Mail flow question",
        description: "A customer asks about mail flow.",
        category: "TECHNICAL",
        product: "MICROSOFT_365",
        severity: "MODERATE",
        ...overrides,
      },
    });
    expectNoInternalErrors(result);
    expect(result.errors).toEqual([]);
    return result.data!.openTicket;
  }

  async function list(variables: DeskTicketsQueryVariables, role: "HELPDESK_AGENT" | "SUPPORT_LEAD" = "HELPDESK_AGENT") {
    const result = await gw.gql(DeskTicketsDocument, variables, { role });
    expectNoInternalErrors(result);
    expect(result.errors).toEqual([]);
    return result.data!.tickets;
  }

  /** Every page of one order, one ticket per page, following endCursor. */
  async function pageThrough(search: string, orderBy: TicketOrder): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const tickets = await list({ filter: { search }, orderBy, first: 1, after });
      ids.push(...tickets.edges.map((edge) => edge.node.id));
      if (!tickets.pageInfo.hasNextPage) return ids;
      after = tickets.pageInfo.endCursor;
    }
    throw new Error("paging did not end");
  }

  it("builds a tab bar from one ticketCounts query, for every role that reads tickets", async () => {
    const word = uniqueWord();
    const intake = await open({ title: `Printer ${word}` });
    const diagnosed = await open({ title: `Licence ${word}` });
    const waiting = await open({ title: `Teams ${word}` });
    const cancelled = await open({ title: `Billing ${word}`, category: "BILLING" });
    await gw.gql(StartDiagnosisDocument, { id: diagnosed.id, expectedVersion: 1 });
    await gw.gql(StartDiagnosisDocument, { id: waiting.id, expectedVersion: 1 });
    await gw.gql(RequestCustomerInfoDocument, { id: waiting.id, expectedVersion: 2, question: "Which users?" });
    await gw.gql(CancelTicketDocument, { id: cancelled.id, expectedVersion: 1, reason: "Duplicate" });

    for (const role of ["HELPDESK_AGENT", "ADMIN_AGENT", "SUPPORT_LEAD"] as const) {
      const result = await gw.gql(DeskTabBarDocument, { filter: { search: word } }, { role });
      expect(result.errors).toEqual([]);
      const counts = result.data!.ticketCounts;
      expect(counts.total).toBe(4);
      expect(Object.fromEntries(counts.byState.map((item) => [item.state, item.count]))).toEqual({
        INTAKE: 1,
        DIAGNOSIS: 1,
        AWAITING_CUSTOMER: 1,
        RESOLUTION: 0,
        ESCALATED: 0,
        RESOLVED: 0,
        CLOSED: 0,
        CANCELLED: 1,
      });
      expect(counts.byStateValue).toEqual([
        { stateValue: "intake", count: 1 },
        { stateValue: "diagnosis", count: 1 },
        { stateValue: "awaitingCustomer", count: 1 },
        { stateValue: "cancelled", count: 1 },
      ]);
    }
    // The tab's count is the list's totalCount.
    const inDiagnosis = await list({ filter: { search: word, state: ["DIAGNOSIS"] } });
    expect(inDiagnosis.totalCount).toBe(1);
    expect(inDiagnosis.edges[0]!.node.id).toBe(diagnosed.id);
    expect(intake.state).toBe("INTAKE");

    const sales = await gw.gql(DeskTabBarDocument, {}, { role: "SALES_AGENT" });
    expect(sales.errors[0]?.extensions.code).toBe("FORBIDDEN");
  });

  it("sorts, searches and filters the list, with stable cursor paging in every order", async () => {
    const word = uniqueWord();
    const minimal = await open({ title: `Mailbox quota ${word}`, severity: "MINIMAL" });
    const critical = await open({ title: `Exchange outage ${word}`, severity: "CRITICAL", description: "No mailbox receives external mail since 08:00." });
    const moderate = await open({ title: `Calendar sharing ${word}`, severity: "MODERATE", product: "AZURE" });
    await gw.gql(StartDiagnosisDocument, { id: moderate.id, expectedVersion: 1 });

    // Search: every word as a prefix, in title or description, case-insensitive.
    const mailbox = await list({ filter: { search: `MAILB ${word}` }, orderBy: { field: "CREATED_AT", direction: "ASC" } });
    expect(mailbox.edges.map((edge) => edge.node.id)).toEqual([minimal.id, critical.id]);
    expect((await list({ filter: { search: `${word} nosuchword` } })).totalCount).toBe(0);

    const bySeverity = await list({ filter: { search: word }, orderBy: { field: "SEVERITY", direction: "DESC" } });
    expect(bySeverity.edges.map((edge) => edge.node.severity)).toEqual(["CRITICAL", "MODERATE", "MINIMAL"]);
    const oldestFirst = await list({ filter: { search: word }, orderBy: { field: "CREATED_AT", direction: "ASC" } });
    expect(oldestFirst.edges.map((edge) => edge.node.id)).toEqual([minimal.id, critical.id, moderate.id]);
    const lastUpdated = await list({ filter: { search: word } });
    expect(lastUpdated.edges[0]!.node.id).toBe(moderate.id);

    // One ticket per page gives exactly the one-shot order, for every order and direction.
    for (const field of ["CREATED_AT", "UPDATED_AT", "SEVERITY", "SLA_DUE"] as const) {
      for (const direction of ["ASC", "DESC"] as const) {
        const whole = (await list({ filter: { search: word }, orderBy: { field, direction } })).edges.map((edge) => edge.node.id);
        expect(whole).toHaveLength(3);
        expect(await pageThrough(word, { field, direction })).toEqual(whole);
      }
    }

    // SLA due: the critical ticket's first response is due first (deadlines are stored after commit).
    await waitFor(async () => {
      const due = await list({ filter: { search: word, unassigned: true }, orderBy: { field: "SLA_DUE", direction: "ASC" } });
      return due.edges[0]?.node.id === critical.id && due.edges[1]?.node.id === minimal.id;
    }, "SLA due order");

    // Assignee, unassigned, product, created range.
    expect((await list({ filter: { search: word, unassigned: true } })).edges.map((edge) => edge.node.id).sort()).toEqual([minimal.id, critical.id].sort());
    expect((await list({ filter: { search: word, unassigned: false } })).edges.map((edge) => edge.node.id)).toEqual([moderate.id]);
    expect((await list({ filter: { search: word, assigneeId: "agent-hugo" } })).edges.map((edge) => edge.node.id)).toEqual([moderate.id]);
    expect((await list({ filter: { search: word, product: ["AZURE"] } })).edges.map((edge) => edge.node.id)).toEqual([moderate.id]);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await list({ filter: { search: word, createdFrom: later } })).totalCount).toBe(0);
    expect((await list({ filter: { search: word, createdTo: later, updatedFrom: minimal.createdAt } })).totalCount).toBe(3);

    // Breached: the tickets with a recorded breach (a breach row as the sweeper writes it).
    const p = database === "postgres" ? ["$1", "$2", "$3", "$4", "$5"] : ["?", "?", "?", "?", "?"];
    await gw.app.dataSource.query(
      `INSERT INTO ticket_sla_breach (ticket_id, kind, due_at, detected_at, policy_version) VALUES (${p.join(", ")})`,
      [critical.id, "FIRST_RESPONSE", critical.createdAt, new Date().toISOString(), 1],
    );
    expect((await list({ filter: { search: word, breached: true } })).edges.map((edge) => edge.node.id)).toEqual([critical.id]);
    expect((await list({ filter: { search: word, breached: false } })).totalCount).toBe(2);
  });

  it("refuses filter values it does not know as BAD_USER_INPUT", async () => {
    const cases: [DeskTicketsQueryVariables, string][] = [
      [{ filter: { stateValue: ["escalated.nonsense"] } }, "filter.stateValue"],
      [{ filter: { search: "!!! ---" } }, "filter.search"],
      [{ filter: { unassigned: true, assigneeId: "agent-hugo" } }, "filter.unassigned"],
      [{ filter: { createdFrom: "2026-01-02T00:00:00Z", createdTo: "2026-01-01T00:00:00Z" } }, "filter.createdTo"],
    ];
    for (const [variables, field] of cases) {
      const result = await gw.gql(DeskTicketsDocument, variables);
      expectNoInternalErrors(result);
      expect(result.errors[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: "BAD_USER_INPUT", field });
      const counts = await gw.gql(DeskTabBarDocument, { filter: variables.filter });
      expect(counts.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    }
    // An enum value that does not exist is refused by GraphQL validation.
    const badOrder = await gw.gql(DeskTicketsDocument, { orderBy: { field: "PRIORITY" as never } });
    expect(badOrder.status).toBe(400);
    // A cursor of one order is refused under another.
    const word = uniqueWord();
    await open({ title: `One ${word}` });
    await open({ title: `Two ${word}` });
    const first = await list({ filter: { search: word }, orderBy: { field: "SEVERITY", direction: "ASC" }, first: 1 });
    const replayed = await gw.gql(DeskTicketsDocument, { filter: { search: word }, orderBy: { field: "CREATED_AT", direction: "ASC" }, after: first.pageInfo.endCursor });
    expect(replayed.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("lists the agents who may work tickets", async () => {
    const result = await gw.gql(DeskAgentsDocument, {});
    expect(result.errors).toEqual([]);
    expect(result.data!.agents).toEqual([
      { id: "agent-ada", displayName: "Ada Admin", role: "ADMIN_AGENT" },
      { id: "agent-hugo", displayName: "Hugo Helpdesk", role: "HELPDESK_AGENT" },
    ]);
  });

  it("assigns, reassigns and corrects a ticket, each visible in timeline and history with old and new values", async () => {
    const word = uniqueWord();
    const ticket = await open({ title: `Outlok crashes ${word}`, severity: "MINIMAL" });

    const assigned = await gw.gql(AssignTicketDocument, { id: ticket.id, expectedVersion: 1, assigneeId: "agent-hugo" });
    expect(assigned.errors).toEqual([]);
    expect(assigned.data!.assignTicket).toMatchObject({ version: 2, state: "INTAKE", assignee: { id: "agent-hugo" } });
    const reassigned = await gw.gql(AssignTicketDocument, { id: ticket.id, expectedVersion: 2, assigneeId: "agent-ada" }, { role: "ADMIN_AGENT" });
    expect(reassigned.data!.assignTicket.assignee).toMatchObject({ id: "agent-ada", displayName: "Ada Admin" });
    expect((await list({ filter: { search: word, assigneeId: "agent-ada" } })).totalCount).toBe(1);

    const corrected = await gw.gql(UpdateTicketDocument, {
      id: ticket.id,
      expectedVersion: 3,
      input: { title: `Outlook crashes on start ${word}`, severity: "CRITICAL", product: "MICROSOFT_365" },
    });
    expect(corrected.errors).toEqual([]);
    expect(corrected.data!.updateTicket).toMatchObject({ version: 4, title: `Outlook crashes on start ${word}`, severity: "CRITICAL" });
    // The search index follows the correction.
    expect((await list({ filter: { search: `outlook ${word}` } })).totalCount).toBe(1);
    expect((await list({ filter: { search: `outlok ${word}` } })).totalCount).toBe(0);

    // Notes while waiting on the customer (not only in diagnosis).
    await gw.gql(StartDiagnosisDocument, { id: ticket.id, expectedVersion: 4, assigneeId: "agent-ada" });
    await gw.gql(RequestCustomerInfoDocument, { id: ticket.id, expectedVersion: 5, question: "Which Outlook build?" });
    const note = await gw.gql(AddDiagnosisNoteDocument, { id: ticket.id, expectedVersion: 6, note: "Build 2408 is known to crash." });
    expect(note.errors).toEqual([]);
    expect(note.data!.addDiagnosisNote).toMatchObject({ stateValue: "awaitingCustomer", version: 7 });

    const timeline = (await gw.gql(TicketTimelineDocument, { id: ticket.id, first: 50 })).data!.ticket!;
    const entries = timeline.timeline.edges.map((edge) => edge.node);
    expect(entries.map((entry) => entry.__typename)).toEqual([
      "StateChangeEntry",
      "AssignmentEntry",
      "AssignmentEntry",
      "FieldChangeEntry",
      "AssignmentEntry",
      "StateChangeEntry",
      "CustomerQuestionEntry",
      "StateChangeEntry",
      "NoteEntry",
    ]);
    expect(entries[1]).toMatchObject({ from: null, to: { id: "agent-hugo" }, actor: { id: "agent-hugo" } });
    expect(entries[2]).toMatchObject({ from: { id: "agent-hugo", displayName: "Hugo Helpdesk" }, to: { id: "agent-ada" }, actor: { id: "agent-ada" } });
    expect(entries[3]).toMatchObject({
      changes: [
        { field: "TITLE", from: `Outlok crashes ${word}`, to: `Outlook crashes on start ${word}` },
        { field: "SEVERITY", from: "MINIMAL", to: "CRITICAL" },
      ],
    });
    expect(entries[5]).toMatchObject({ fromState: "intake", toState: "diagnosis", eventType: "START_DIAGNOSIS" });
    expect(entries[8]).toMatchObject({ text: "Build 2408 is known to crash." });
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    expect(timeline.notes.map((item) => item.kind)).toEqual(["QUESTION", "DIAGNOSIS_NOTE"]);
    expect(timeline.notes[1]!.id).toBe(entries[8]!.eventId);

    // Paging the timeline gives the same entries.
    const paged: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: { data: TicketTimelineQuery | null | undefined } = await gw.gql(TicketTimelineDocument, { id: ticket.id, first: 4, after });
      const part = result.data!.ticket!.timeline;
      paged.push(...part.edges.map((edge) => edge.node.id));
      if (!part.pageInfo.hasNextPage) break;
      after = part.pageInfo.endCursor;
    }
    expect(paged).toEqual(entries.map((entry) => entry.id));

    // The audit trail holds the same old and new values.
    const history = (await gw.gql(TicketHistoryDocument, { id: ticket.id, first: 100 }, { role: "SUPPORT_LEAD" })).data!.ticket!.history;
    const events = history.edges.map((edge) => edge.node);
    expect(events.filter((event) => event.type === "ASSIGN").map((event) => event.payload)).toEqual([
      { assigneeId: "agent-hugo", previousAssigneeId: null },
      { assigneeId: "agent-ada", previousAssigneeId: "agent-hugo" },
    ]);
    expect(events.find((event) => event.type === "UPDATE_DETAILS")!.payload).toEqual({
      changes: [
        { field: "title", from: `Outlok crashes ${word}`, to: `Outlook crashes on start ${word}` },
        { field: "severity", from: "MINIMAL", to: "CRITICAL" },
      ],
    });
    expect(entries[3]!.eventId).toBe(events.find((event) => event.type === "UPDATE_DETAILS")!.id);
  });

  it("refuses assignments and corrections that are wrong, stale or too late", async () => {
    const ticket = await open({ title: `Refusals ${uniqueWord()}` });
    const expectCode = (result: { errors: { extensions: Record<string, unknown> }[] }, code: string, field?: string) => {
      expect(result.errors[0]?.extensions).toMatchObject(field === undefined ? { code } : { code, field });
    };
    expectCode(await gw.gql(AssignTicketDocument, { id: ticket.id, assigneeId: "agent-sam" }), "BAD_USER_INPUT", "assigneeId");
    expectCode(await gw.gql(AssignTicketDocument, { id: ticket.id, assigneeId: "agent-nobody" }), "BAD_USER_INPUT", "assigneeId");
    expectCode(await gw.gql(AssignTicketDocument, { id: ticket.id, assigneeId: null }), "BAD_USER_INPUT", "assigneeId");
    expectCode(await gw.gql(UpdateTicketDocument, { id: ticket.id, input: {} }), "BAD_USER_INPUT", "input");
    expectCode(await gw.gql(UpdateTicketDocument, { id: ticket.id, input: { severity: "MODERATE" } }), "BAD_USER_INPUT", "input");
    expectCode(await gw.gql(UpdateTicketDocument, { id: ticket.id, input: { title: "   " } }), "BAD_USER_INPUT", "input.title");
    expectCode(await gw.gql(UpdateTicketDocument, { id: ticket.id, expectedVersion: 7, input: { severity: "CRITICAL" } }), "VERSION_CONFLICT");
    expectCode(await gw.gql(UpdateTicketDocument, { id: ticket.id, input: { severity: "CRITICAL" } }, { role: "SUPPORT_LEAD" }), "FORBIDDEN");
    expectCode(await gw.gql(AssignTicketDocument, { id: ticket.id, assigneeId: "agent-hugo" }, { role: "SALES_AGENT" }), "FORBIDDEN");

    await gw.gql(CancelTicketDocument, { id: ticket.id, expectedVersion: 1, reason: "Opened by mistake" });
    const late = await gw.gql(UpdateTicketDocument, { id: ticket.id, input: { severity: "CRITICAL" } });
    expectCode(late, "TRANSITION_NOT_ALLOWED");
    expect(late.errors[0]!.extensions).toMatchObject({ state: "cancelled", allowedEvents: [] });
    expectCode(await gw.gql(AssignTicketDocument, { id: ticket.id, assigneeId: "agent-hugo" }), "TRANSITION_NOT_ALLOWED");
    expectCode(await gw.gql(AddDiagnosisNoteDocument, { id: ticket.id, note: "too late" }), "TRANSITION_NOT_ALLOWED");

    const timeline = (await gw.gql(TicketTimelineDocument, { id: ticket.id })).data!.ticket!.timeline;
    expect(timeline.edges.map((edge) => edge.node)).toMatchObject([
      { __typename: "StateChangeEntry", fromState: null, toState: "intake", eventType: "OPEN" },
      { __typename: "StateChangeEntry", fromState: "intake", toState: "cancelled", eventType: "CANCEL", stateReason: "Opened by mistake" },
    ]);
  });
});
