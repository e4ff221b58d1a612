import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENTS } from "../../src/auth/demo-agents";
import { AgentDirectory } from "../../src/tickets/agent-directory";
import { verifyAnchoredAuditTrail } from "../../src/tickets/audit-verifier";
import { TicketService } from "../../src/tickets/ticket.service";
import { TicketStore } from "../../src/tickets/ticket.store";
import {
  AddDiagnosisNoteDocument,
  CancelTicketDocument,
  CloseTicketDocument,
  ConfirmResolutionDocument,
  EscalateToMicrosoftDocument,
  LinkIncidentDocument,
  OpenTicketDocument,
  ProposeResolutionDocument,
  RecordCustomerReplyDocument,
  RejectResolutionDocument,
  ReopenTicketDocument,
  RequestCustomerInfoDocument,
  StartDiagnosisDocument,
  SupportTopicsDocument,
  TicketDiagramDocument,
  TicketDocument,
  TicketHistoryDocument,
  TicketsDocument,
  TicketWorkflowDocument,
  type OpenTicketInput,
} from "../generated/graphql";
import { expectNoInternalErrors, startTestGateway, type TestDatabaseKind, type TestGateway } from "./support/test-gateway";

describe.each<TestDatabaseKind>(["sqlite", "postgres"])("support tickets over GraphQL on %s", (database) => {
  let gw: TestGateway;
  let activeCustomerId: string;

  beforeAll(async () => {
    gw = await startTestGateway({ database });
    activeCustomerId = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
  });
  afterAll(async () => {
    await gw?.close();
  });

  const input = (overrides: Partial<OpenTicketInput> = {}): OpenTicketInput => ({
    customerId: activeCustomerId,
    title: "Users cannot receive external mail",
    description: "Since this morning no external mail reaches the sales mailboxes.",
    category: "TECHNICAL",
    product: "MICROSOFT_365",
    severity: "MODERATE",
    channel: "phone",
    ...overrides,
  });

  async function openTicket(overrides: Partial<OpenTicketInput> = {}) {
    const result = await gw.gql(OpenTicketDocument, { input: input(overrides) });
    expectNoInternalErrors(result);
    expect(result.errors).toEqual([]);
    return result.data!.openTicket;
  }

  async function history(id: string) {
    const result = await gw.gql(TicketHistoryDocument, { id, first: 100 }, { role: "SUPPORT_LEAD" });
    return result.data!.ticket!.history;
  }

  it("runs a full lifecycle with every step in an unbroken, hash-chained history", async () => {
    const opened = await openTicket();
    expect(opened).toMatchObject({ state: "INTAKE", stateValue: "intake", version: 1, machineVersion: 1 });
    expect(opened.availableEvents).toEqual(expect.arrayContaining(["START_DIAGNOSIS", "CANCEL"]));

    const steps: { run: (version: number) => Promise<{ version: number; stateValue: string } | undefined>; expect: string; role?: "ADMIN_AGENT" }[] = [
      { run: async (v) => (await gw.gql(StartDiagnosisDocument, { id: opened.id, expectedVersion: v })).data?.startDiagnosis, expect: "diagnosis" },
      { run: async (v) => (await gw.gql(AddDiagnosisNoteDocument, { id: opened.id, expectedVersion: v, note: "MX records look right; connector logs show rejections." })).data?.addDiagnosisNote, expect: "diagnosis" },
      { run: async (v) => (await gw.gql(RequestCustomerInfoDocument, { id: opened.id, expectedVersion: v, question: "Which sender domains are affected?" })).data?.requestCustomerInfo, expect: "awaitingCustomer" },
      { run: async (v) => (await gw.gql(RecordCustomerReplyDocument, { id: opened.id, expectedVersion: v, reply: "All of them, since 08:00." })).data?.recordCustomerReply, expect: "diagnosis" },
      { run: async (v) => (await gw.gql(ProposeResolutionDocument, { id: opened.id, expectedVersion: v, summary: "Re-enable the inbound connector." })).data?.proposeResolution, expect: "resolution" },
      { run: async (v) => (await gw.gql(RejectResolutionDocument, { id: opened.id, expectedVersion: v, reason: "Connector was already enabled." })).data?.rejectResolution, expect: "diagnosis" },
      { run: async (v) => (await gw.gql(ProposeResolutionDocument, { id: opened.id, expectedVersion: v, summary: "Remove the stale transport rule blocking external senders." })).data?.proposeResolution, expect: "resolution" },
      { run: async (v) => (await gw.gql(ConfirmResolutionDocument, { id: opened.id, expectedVersion: v })).data?.confirmResolution, expect: "resolved" },
      { run: async (v) => (await gw.gql(ReopenTicketDocument, { id: opened.id, expectedVersion: v, reason: "Mail stopped again." }, { role: "ADMIN_AGENT" })).data?.reopenTicket, expect: "diagnosis" },
      { run: async (v) => (await gw.gql(ProposeResolutionDocument, { id: opened.id, expectedVersion: v, summary: "Renewed the expired certificate on the connector." }, { role: "ADMIN_AGENT" })).data?.proposeResolution, expect: "resolution" },
      { run: async (v) => (await gw.gql(ConfirmResolutionDocument, { id: opened.id, expectedVersion: v })).data?.confirmResolution, expect: "resolved" },
      { run: async (v) => (await gw.gql(CloseTicketDocument, { id: opened.id, expectedVersion: v })).data?.closeTicket, expect: "closed" },
    ];
    let version = opened.version;
    for (const step of steps) {
      const ticket = await step.run(version);
      expect(ticket?.stateValue).toBe(step.expect);
      expect(ticket?.version).toBe(version + 1);
      version = ticket!.version;
    }

    const trail = await history(opened.id);
    expect(trail.totalCount).toBe(steps.length + 1);
    const events = trail.edges.map((edge) => edge.node);
    expect(events.map((event) => event.type)).toEqual([
      "OPEN",
      "START_DIAGNOSIS",
      "ADD_DIAGNOSIS_NOTE",
      "REQUEST_CUSTOMER_INFO",
      "RECORD_CUSTOMER_REPLY",
      "PROPOSE_RESOLUTION",
      "REJECT_RESOLUTION",
      "PROPOSE_RESOLUTION",
      "CONFIRM_RESOLUTION",
      "REOPEN",
      "PROPOSE_RESOLUTION",
      "CONFIRM_RESOLUTION",
      "CLOSE",
    ]);
    expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index + 1));
    expect(events[0]).toMatchObject({ fromState: "", toState: "intake", previousHash: null });
    expect(events[3]).toMatchObject({ fromState: "diagnosis", toState: "awaitingCustomer" });
    expect(events[9]!.actor).toEqual({ id: "agent-ada", displayName: "Ada Admin", role: "ADMIN_AGENT" });
    expect(events[2]!.actor).toEqual({ id: "agent-hugo", displayName: "Hugo Helpdesk", role: "HELPDESK_AGENT" });
    expect(events[2]!.payload).toEqual({ note: "MX records look right; connector logs show rejections." });
    for (let index = 1; index < events.length; index += 1) {
      expect(events[index]!.previousHash).toBe(events[index - 1]!.hash);
      expect(events[index]!.fromState).toBe(events[index - 1]!.toState);
    }

    const closed = await gw.gql(TicketDocument, { id: opened.id });
    expect(closed.data!.ticket).toMatchObject({ state: "CLOSED", availableEvents: [] });
    const report = await verifyAnchoredAuditTrail(new TicketStore(gw.app.dataSource), { ticketId: opened.id });
    expect(report).toMatchObject({ ticketsChecked: 1, eventsChecked: 13, failure: null, findings: [] });

    const diagram = (await gw.gql(TicketDiagramDocument, { id: opened.id })).data!.ticket!.diagram;
    expect(diagram).toContain("awaitingCustomer");
    expect(diagram).toMatch(/class .*closed/);
  });

  it("refuses a not-allowed event with TRANSITION_NOT_ALLOWED and changes nothing", async () => {
    const opened = await openTicket();
    const result = await gw.gql(ConfirmResolutionDocument, { id: opened.id });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.extensions).toMatchObject({
      code: "TRANSITION_NOT_ALLOWED",
      state: "intake",
      allowedEvents: expect.arrayContaining(["START_DIAGNOSIS", "CANCEL"]),
    });
    const after = await gw.gql(TicketDocument, { id: opened.id });
    expect(after.data!.ticket!.version).toBe(1);
    expect((await history(opened.id)).totalCount).toBe(1);
  });

  it("lets exactly one of 20 concurrent writers with the same expectedVersion win", async () => {
    const opened = await openTicket();
    const diagnosing = (await gw.gql(StartDiagnosisDocument, { id: opened.id, expectedVersion: 1 })).data!.startDiagnosis;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        gw.gql(AddDiagnosisNoteDocument, { id: opened.id, expectedVersion: diagnosing.version, note: `Observation ${index}` }),
      ),
    );
    const winners = results.filter((result) => result.errors.length === 0);
    const conflicts = results.filter((result) => result.errors[0]?.extensions.code === "VERSION_CONFLICT");
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    expect(conflicts.every((result) => result.errors[0]!.extensions.currentVersion === diagnosing.version + 1)).toBe(true);
    expect((await history(opened.id)).totalCount).toBe(3);
  });

  it("returns the same ticket for a repeated idempotency key and refuses the key for other input", async () => {
    const key = `open-${database}-${Date.now()}`;
    const first = await gw.gql(OpenTicketDocument, { input: input(), idempotencyKey: key });
    const again = await gw.gql(OpenTicketDocument, { input: input(), idempotencyKey: key });
    expect(again.data!.openTicket.id).toBe(first.data!.openTicket.id);
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => gw.gql(OpenTicketDocument, { input: input({ title: "Concurrent" }), idempotencyKey: `${key}-c` })),
    );
    expect(new Set(concurrent.map((result) => result.data?.openTicket.id)).size).toBe(1);
    const other = await gw.gql(OpenTicketDocument, { input: input({ title: "Another problem" }), idempotencyKey: key });
    expect(other.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "idempotencyKey" });
  });

  it("refuses ticket changes by support leads and sales agents, and ticket reads by sales agents", async () => {
    const opened = await openTicket();
    const lead = await gw.gql(StartDiagnosisDocument, { id: opened.id }, { role: "SUPPORT_LEAD" });
    expect(lead.errors[0]!.extensions.code).toBe("FORBIDDEN");
    const sales = await gw.gql(OpenTicketDocument, { input: input() }, { role: "SALES_AGENT" });
    expect(sales.errors[0]!.extensions.code).toBe("FORBIDDEN");
    const read = await gw.gql(TicketDocument, { id: opened.id }, { role: "SALES_AGENT" });
    expect(read.errors[0]!.extensions.code).toBe("FORBIDDEN");
    const leadView = await gw.gql(TicketDocument, { id: opened.id }, { role: "SUPPORT_LEAD" });
    expect(leadView.data!.ticket!.availableEvents).toEqual([]);
    expect((await history(opened.id)).totalCount).toBe(1);
  });

  it("refuses tickets for customers without active delegated access and validates input", async () => {
    const expired = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 1)!.id;
    const refused = await gw.gql(OpenTicketDocument, { input: input({ customerId: expired }) });
    expect(refused.errors[0]!.extensions.code).toBe("FORBIDDEN");
    const unknown = await gw.gql(OpenTicketDocument, { input: input({ customerId: "00000000-0000-0000-0000-000000000000" }) });
    expect(unknown.errors[0]!.extensions.code).toBe("NOT_FOUND");
    const blank = await gw.gql(OpenTicketDocument, { input: input({ title: "   " }) });
    expect(blank.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.title" });
    const huge = await gw.gql(OpenTicketDocument, { input: input({ title: "x".repeat(5000) }) });
    expect(huge.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.title" });
    const badEnum = await gw.gql(OpenTicketDocument, { input: input({ severity: "URGENT" as never }) });
    expect(badEnum.errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
    const tickets = await gw.gql(TicketsDocument, { filter: { customerId: expired } }, { role: "SUPPORT_LEAD" });
    expect(tickets.data!.tickets.totalCount).toBe(0);
  });

  it("hides tickets of customers whose delegated access ended from agents, not from support leads", async () => {
    const expired = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 1)!;
    // A ticket opened while the relationship was still active (the gate stands in for that past).
    const service = new TicketService({ store: new TicketStore(gw.app.dataSource), entitlements: [], agents: new AgentDirectory() });
    const old = await service.openTicket(DEMO_AGENTS.HELPDESK_AGENT, { ...input({ customerId: expired.id }), customerId: expired.id }, null, {
      getCustomer: async () => ({ id: expired.id, name: expired.name, defaultDomain: expired.domain, relationshipToPartner: "reseller" }),
      requireDelegatedAccess: async () => undefined,
    });
    // Outside the agent's scope answers like a missing ticket (issue 13): null, and NOT_FOUND for a change.
    const agentRead = await gw.gql(TicketDocument, { id: old.id });
    expect(agentRead.errors).toEqual([]);
    expect(agentRead.data!.ticket).toBeNull();
    const agentList = await gw.gql(TicketsDocument, { first: 100 });
    expect(agentList.data!.tickets.edges.map((edge) => edge.node.id)).not.toContain(old.id);
    const agentFiltered = await gw.gql(TicketsDocument, { filter: { customerId: expired.id } });
    expect(agentFiltered.data!.tickets.totalCount).toBe(0);
    const change = await gw.gql(StartDiagnosisDocument, { id: old.id, expectedVersion: 1 });
    expect(change.errors[0]!.extensions.code).toBe("NOT_FOUND");
    const leadRead = await gw.gql(TicketDocument, { id: old.id }, { role: "SUPPORT_LEAD" });
    expect(leadRead.data!.ticket).toMatchObject({ id: old.id, version: 1, stateValue: "intake" });
    const leadList = await gw.gql(TicketsDocument, { filter: { customerId: expired.id } }, { role: "SUPPORT_LEAD" });
    expect(leadList.data!.tickets.totalCount).toBe(1);
  });

  it("suggests the customer's active incidents for the ticket's product and links only real ones", async () => {
    const opened = await openTicket();
    const started = (await gw.gql(StartDiagnosisDocument, { id: opened.id, expectedVersion: 1 })).data!.startDiagnosis;
    const ticket = (await gw.gql(TicketDocument, { id: opened.id })).data!.ticket!;
    const suggested = ticket.suggestedIncidents!;
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.every((incident) => incident.product === "MICROSOFT_365" && incident.status !== "SERVICE_RESTORED")).toBe(true);

    const bogus = await gw.gql(LinkIncidentDocument, { id: opened.id, expectedVersion: started.version, incidentId: "EX000000" });
    expect(bogus.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "incidentId" });
    const incidentId = suggested[0]!.id;
    const linked = await gw.gql(LinkIncidentDocument, { id: opened.id, expectedVersion: started.version, incidentId });
    expect(linked.data!.linkIncident.linkedIncidents!.map((incident) => incident.id)).toEqual([incidentId]);
    const after = (await gw.gql(TicketDocument, { id: opened.id })).data!.ticket!;
    expect(after.suggestedIncidents!.map((incident) => incident.id)).not.toContain(incidentId);
  });

  it("keeps the ticket readable when the customer's health cannot be read, with the error on the incident fields", async () => {
    const noHealthRole = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 4)!.id;
    const opened = await openTicket({ customerId: noHealthRole });
    await gw.gql(StartDiagnosisDocument, { id: opened.id, expectedVersion: 1 });
    const result = await gw.gql(TicketDocument, { id: opened.id });
    expect(result.data!.ticket).toMatchObject({ id: opened.id, stateValue: "diagnosis", suggestedIncidents: null });
    expect(result.errors.map((error) => [error.path?.join("."), error.extensions.code])).toEqual([["ticket.suggestedIncidents", "FORBIDDEN"]]);
  });

  it("escalates only from diagnosis, with a note, through an entitled vehicle that carries the category", async () => {
    const topics = (await gw.gql(SupportTopicsDocument, { product: "MICROSOFT_365" })).data!.supportTopics;
    const topic = topics[0]!.id;
    const opened = await openTicket();
    const early = await gw.gql(EscalateToMicrosoftDocument, { id: opened.id, input: { vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS", supportTopicId: topic } });
    expect(early.errors[0]!.extensions.code).toBe("TRANSITION_NOT_ALLOWED");

    const started = (await gw.gql(StartDiagnosisDocument, { id: opened.id, expectedVersion: 1 })).data!.startDiagnosis;
    const noNote = await gw.gql(EscalateToMicrosoftDocument, { id: opened.id, input: { vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS", supportTopicId: topic } });
    expect(noNote.errors[0]!.extensions).toMatchObject({ code: "TRANSITION_NOT_ALLOWED", reason: "NO_DIAGNOSIS_NOTE" });
    await gw.gql(AddDiagnosisNoteDocument, { id: opened.id, expectedVersion: started.version, note: "Reproduced with two mailboxes." });

    const commercial = await gw.gql(EscalateToMicrosoftDocument, { id: opened.id, input: { vehicle: "COMMERCIAL", supportTopicId: topic } });
    expect(commercial.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "VEHICLE_NOT_FOR_CATEGORY" });
    const premier = await gw.gql(EscalateToMicrosoftDocument, { id: opened.id, input: { vehicle: "PREMIER_SUPPORT_FOR_PARTNERS", supportTopicId: topic } });
    expect(premier.errors[0]!.extensions).toMatchObject({ code: "FORBIDDEN", reason: "VEHICLE_NOT_ENTITLED" });
    const badTopic = await gw.gql(EscalateToMicrosoftDocument, { id: opened.id, input: { vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS", supportTopicId: "999999999" } });
    expect(badTopic.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.supportTopicId" });
    expect((await history(opened.id)).totalCount).toBe(3);

    const escalated = await gw.gql(EscalateToMicrosoftDocument, { id: opened.id, expectedVersion: 3, input: { vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS", supportTopicId: topic, severity: "CRITICAL" } });
    expectNoInternalErrors(escalated);
    expect(escalated.data!.escalateToMicrosoft).toMatchObject({
      state: "ESCALATED",
      stateValue: "escalated.filing",
      escalation: { vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS", channel: "PARTNER_CENTER", severity: "CRITICAL", serviceRequestId: null },
    });
    const outbox = await gw.app.dataSource.query(
      database === "sqlite" ? "SELECT kind, idempotency_key FROM outbox_job WHERE ticket_id = ?" : "SELECT kind, idempotency_key FROM outbox_job WHERE ticket_id = $1",
      [opened.id],
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0].kind).toBe("FILE_SERVICE_REQUEST");
    const filtered = await gw.gql(TicketsDocument, { filter: { stateValue: ["escalated.filing"] } });
    expect(filtered.data!.tickets.edges.map((edge) => edge.node.id)).toContain(opened.id);
  });

  it("cancels from intake with a reason and finishes the ticket", async () => {
    const opened = await openTicket({ category: "BILLING", title: "Invoice shows wrong seat count" });
    const blank = await gw.gql(CancelTicketDocument, { id: opened.id, reason: " " });
    expect(blank.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    const cancelled = await gw.gql(CancelTicketDocument, { id: opened.id, expectedVersion: 1, reason: "Customer withdrew the request." });
    expect(cancelled.data!.cancelTicket).toMatchObject({ state: "CANCELLED", availableEvents: [] });
  });

  it("filters and pages tickets", async () => {
    const all = await gw.gql(TicketsDocument, { first: 2 }, { role: "SUPPORT_LEAD" });
    expect(all.data!.tickets.edges).toHaveLength(2);
    expect(all.data!.tickets.pageInfo.hasNextPage).toBe(true);
    const next = await gw.gql(TicketsDocument, { first: 2, after: all.data!.tickets.pageInfo.endCursor }, { role: "SUPPORT_LEAD" });
    expect(next.data!.tickets.edges.map((edge) => edge.node.id)).not.toContain(all.data!.tickets.edges[0]!.node.id);
    const intake = await gw.gql(TicketsDocument, { filter: { state: ["INTAKE"] }, first: 100 });
    expect(intake.data!.tickets.edges.every((edge) => edge.node.state === "INTAKE")).toBe(true);
    const forged = await gw.gql(TicketsDocument, { after: "bm90LWEtY3Vyc29y" });
    expect(forged.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("publishes the workflow exactly as the committed diagram", async () => {
    const workflow = (await gw.gql(TicketWorkflowDocument, {})).data!.ticketWorkflow;
    expect(workflow.mermaid).toBe(readFileSync(join(process.cwd(), "machines", "support-ticket.mmd"), "utf8"));
    expect(workflow.states).toEqual(expect.arrayContaining(["intake", "escalated.awaitingPortalFiling", "closed"]));
    expect(workflow.transitions.length).toBeGreaterThan(20);
  });
});
