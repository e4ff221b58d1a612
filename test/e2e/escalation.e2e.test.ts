import { Agent, fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenCredential } from "../../src/cloud/auth/token-credential.factory";
import { verifyAnchoredAuditTrail } from "../../src/tickets/audit-verifier";
import { TicketStore } from "../../src/tickets/ticket.store";
import {
  RecordServiceRequestNumberDocument,
  RespondToMicrosoftDocument,
  TicketTimelineDocument,
  SupportTopicsDocument,
  TicketDocument,
  TicketHistoryDocument,
} from "../generated/graphql";
import { expectNoInternalErrors, startTestGateway, type TestGateway } from "./support/test-gateway";
import { openDiagnosedAndEscalated, waitFor } from "./support/ticket-flows";

const FAST_WORKERS = { ESCALATION_WORKERS: "on", OUTBOX_POLL_INTERVAL_MS: "100", SYNC_INTERVAL_MS: "200", OUTBOX_RETRY_BASE_DELAY_MS: "50" };


describe.each(["sqlite", "postgres"] as const)("escalation to Microsoft over GraphQL (%s)", (database) => {
  let gw: TestGateway;
  let customerId: string;
  let topicId: string;

  beforeAll(async () => {
    gw = await startTestGateway({ database, env: FAST_WORKERS });
    customerId = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
    topicId = (await gw.gql(SupportTopicsDocument, { product: "MICROSOFT_365" })).data!.supportTopics[0]!.id;
  });
  afterAll(async () => {
    await gw?.close();
  });

  /** Opens a technical M365 ticket, diagnoses it with a note and escalates through ASfP. */
  const escalatedTicket = (title: string) =>
    openDiagnosedAndEscalated(
      (document, variables) => gw.gql(document, variables),
      { customerId, title, description: "Mail flow stops for all users.", product: "MICROSOFT_365", severity: "MODERATE" },
      topicId,
      "Message trace shows 4.4.7 deferrals.",
    );

  const ticket = async (id: string) => (await gw.gql(TicketDocument, { id })).data!.ticket!;
  const serviceRequests = async () => (await gw.emulator("/_emulator/service-requests")).json.serviceRequests as any[];
  const requestsFor = async (ticketId: string) => (await serviceRequests()).filter((sr) => String(sr.description).includes(ticketId));

  it("files once, syncs attention_needed, sends the answer upstream and resolves on close", async () => {
    const id = await escalatedTicket("Mail delayed for all users");
    const filed = await waitFor(async () => {
      const current = await ticket(id);
      return current.escalation?.serviceRequestId ? current : null;
    }, "the service request to be filed");
    expect(filed).toMatchObject({ stateValue: "escalated.withMicrosoft", escalation: { serviceRequestStatus: "OPEN", channel: "PARTNER_CENTER" } });
    const upstream = await requestsFor(id);
    expect(upstream).toHaveLength(1);
    expect(upstream[0]).toMatchObject({ id: filed.escalation!.serviceRequestId, status: "open", organization: { id: customerId } });
    // The escalating agent is the primary contact, as Partner Center's ServiceRequestContact.
    expect(upstream[0].primaryContact).toMatchObject({ lastName: expect.any(String), email: expect.stringContaining("@") });
    expect(upstream[0].createdWithRequestId).toBe(`${id}:escalation:1`);

    const srId = filed.escalation!.serviceRequestId!;
    await gw.emulator(`/_emulator/service-requests/${srId}/status`, { status: "attention_needed", note: "Please send the message headers." });
    const actionRequired = await waitFor(async () => {
      const current = await ticket(id);
      return current.stateValue === "escalated.actionRequired" ? current : null;
    }, "escalated.actionRequired");
    expect(actionRequired.escalation!.serviceRequestStatus).toBe("ATTENTION_NEEDED");

    const responded = await gw.gql(RespondToMicrosoftDocument, { id, expectedVersion: actionRequired.version, note: "Headers attached: X-MS-Exchange-Organization-SCL 9." });
    expectNoInternalErrors(responded);
    expect(responded.data!.respondToMicrosoft.stateValue).toBe("escalated.withMicrosoft");
    await waitFor(async () => {
      const [sr] = await requestsFor(id);
      // Partner Center signs a note with its author's display name only (no author id).
      return sr.notes.some((note: any) => note.createdByName !== "Microsoft Support Engineer" && note.text.includes("SCL 9")) ? sr : null;
    }, "the note upstream");
    // The answer hands the request back to Microsoft; the next sync rounds change nothing.
    const settled = await ticket(id);
    expect(settled.stateValue).toBe("escalated.withMicrosoft");

    await gw.emulator(`/_emulator/service-requests/${srId}/status`, { status: "closed", note: "Fixed a transport rule in the tenant." });
    const resolution = await waitFor(async () => {
      const current = await ticket(id);
      return current.stateValue === "resolution" ? current : null;
    }, "resolution");
    expect(resolution.escalation!.serviceRequestStatus).toBe("CLOSED");
    const history = (await gw.gql(TicketHistoryDocument, { id, first: 100 }, { role: "SUPPORT_LEAD" })).data!.ticket!.history;
    const events = history.edges.map((edge) => edge.node);
    const closed = events.find((event) => event.type === "MICROSOFT_CLOSED")!;
    expect(closed.actor.id).toBe("system:escalation-sync");
    expect(closed.payload).toMatchObject({ microsoftNote: "Fixed a transport rule in the tenant." });
    expect(events.find((event) => event.type === "MARK_FILED")!.actor.id).toBe("system:escalation-outbox");
    expect(events.filter((event) => event.type === "MICROSOFT_ACTION_REQUIRED")).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(gw.tokens.HELPDESK_AGENT);
    expect(await requestsFor(id)).toHaveLength(1);

    // One conversation (issue 16): Microsoft's side on the escalation, everything in the timeline.
    const conversation = (await gw.gql(TicketTimelineDocument, { id, first: 100 })).data!.ticket!;
    expect(conversation.escalation!.messages.map((message) => [message.direction, message.text, message.author.role])).toEqual([
      ["FROM_MICROSOFT", "Please send the message headers.", "SYSTEM"],
      ["TO_MICROSOFT", "Headers attached: X-MS-Exchange-Organization-SCL 9.", "HELPDESK_AGENT"],
      ["FROM_MICROSOFT", "Fixed a transport rule in the tenant.", "SYSTEM"],
    ]);
    const entries = conversation.timeline.edges.map((edge) => edge.node);
    expect(entries.filter((entry) => entry.__typename === "ResolutionProposedEntry")).toMatchObject([
      { summary: "Fixed a transport rule in the tenant.", source: "MICROSOFT", eventId: closed.id },
    ]);
    const messageIds = new Set(conversation.escalation!.messages.map((message) => message.id));
    expect(entries.filter((entry) => messageIds.has(entry.id)).map((entry) => entry.__typename)).toEqual([
      "MicrosoftMessageEntry",
      "MicrosoftAnswerEntry",
      "MicrosoftMessageEntry",
    ]);
  });

  it("503 three times, then success: filed exactly once", async () => {
    await gw.emulator("/_emulator/faults", { match: "^/v1/servicerequests/en-US$", status: 503, times: 3 });
    const id = await escalatedTicket("Teams meetings drop after 30 minutes");
    await waitFor(async () => ((await ticket(id)).escalation?.serviceRequestId ? true : null), "filing after three 503s");
    expect(await requestsFor(id)).toHaveLength(1);
    const rows = await gw.app.dataSource.query(
      `SELECT attempts, status FROM outbox_job WHERE ticket_id = ${database === "sqlite" ? "?" : "$1"} AND kind = 'FILE_SERVICE_REQUEST'`,
      [id],
    );
    expect(rows.map((row: { attempts: unknown; status: string }) => ({ attempts: Number(row.attempts), status: row.status }))).toEqual([{ attempts: 4, status: "done" }]);
  });

  it("with create retired: awaitingPortalFiling with a case packet, then a recorded number syncs like an API-filed one", async () => {
    await gw.emulator("/_emulator/service-requests/create-mode", { mode: "retired" });
    try {
      const id = await escalatedTicket("SharePoint sites read-only");
      const awaiting = await waitFor(async () => {
        const current = await ticket(id);
        return current.stateValue === "escalated.awaitingPortalFiling" ? current : null;
      }, "awaitingPortalFiling");
      expect(awaiting.escalation).toMatchObject({ channel: "PORTAL", serviceRequestId: null });
      expect(awaiting.escalation!.casePacket).toMatchObject({ severity: "MODERATE" });
      expect(awaiting.escalation!.casePacket!.title).toContain(`PSG-${id}`);
      expect(awaiting.escalation!.casePacket!.description).toContain("Message trace shows 4.4.7 deferrals.");
      expect(awaiting.escalation!.casePacket!.portalUrl).toContain(customerId);
      expect(await requestsFor(id)).toHaveLength(0);

      const portal = await gw.emulator("/_emulator/service-requests/portal", {
        customerId,
        title: awaiting.escalation!.casePacket!.title,
        description: awaiting.escalation!.casePacket!.description,
      });
      const bad = await gw.gql(RecordServiceRequestNumberDocument, { id, expectedVersion: awaiting.version, serviceRequestId: "SR-1" });
      expect(bad.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "serviceRequestId" });
      const recorded = await gw.gql(RecordServiceRequestNumberDocument, { id, expectedVersion: awaiting.version, serviceRequestId: portal.json.id });
      expect(recorded.data!.recordServiceRequestNumber.stateValue).toBe("escalated.withMicrosoft");

      await gw.emulator(`/_emulator/service-requests/${portal.json.id}/status`, { status: "closed", note: "Tenant lock removed." });
      await waitFor(async () => ((await ticket(id)).stateValue === "resolution" ? true : null), "resolution after portal filing");
    } finally {
      await gw.emulator("/_emulator/service-requests/create-mode", { mode: "accept" });
    }
  });

  it("shows the poller's last sync as lastSyncedAt, and a second sync run changes nothing", async () => {
    const id = await escalatedTicket("Exchange connector rejects relay");
    const filed = await waitFor(async () => {
      const current = await ticket(id);
      return current.escalation?.serviceRequestId && current.escalation.lastSyncedAt ? current : null;
    }, "a synced service request");
    const firstSync = new Date(filed.escalation!.lastSyncedAt!);
    const later = await waitFor(async () => {
      const current = await ticket(id);
      return new Date(current.escalation!.lastSyncedAt!) > firstSync ? current : null;
    }, "a later sync round");
    // Nothing changed upstream: no new event, same version, same state.
    expect(later.version).toBe(filed.version);
    expect(later.stateValue).toBe("escalated.withMicrosoft");
    const before = await gw.app.escalation.poller.runOnce();
    const after = await gw.app.escalation.poller.runOnce();
    expect(before.events).toBe(0);
    expect(after.events).toBe(0);
    const settled = await ticket(id);
    expect(settled.version).toBe(filed.version);
    expect(new Date(settled.escalation!.lastSyncedAt!).getTime()).toBeGreaterThan(firstSync.getTime());
  });

  it("an agent sign-in that expired before the job ran -> filingFailed with that reason, nothing filed", async () => {
    await gw.app.escalation.stop(); // hold the worker so the assertion can expire first
    try {
      const id = await escalatedTicket("Teams phone numbers unassigned");
      // The stored assertion of the escalating agent, now past its expiry.
      const past = new Date(Date.now() - 60_000).toISOString();
      await gw.app.dataSource.query(
        `UPDATE escalation_assertion SET expires_at = ${database === "sqlite" ? "?" : "$1"} WHERE ticket_id = ${database === "sqlite" ? "?" : "$2"}`,
        [past, id],
      );
      expect(await gw.app.escalation.worker.runOnce()).toBeGreaterThanOrEqual(1);
      const failed = await ticket(id);
      expect(failed.stateValue).toBe("escalated.filingFailed");
      expect(failed.escalation!.lastError).toMatch(/sign-in expired/);
      expect(await requestsFor(id)).toHaveLength(0);
      const history = (await gw.gql(TicketHistoryDocument, { id, first: 100 }, { role: "SUPPORT_LEAD" })).data!.ticket!.history;
      const event = history.edges.map((edge) => edge.node).find((node) => node.type === "MARK_FILING_FAILED")!;
      expect(event.actor.id).toBe("system:escalation-outbox");
      expect(JSON.stringify(event.payload)).toMatch(/sign-in expired/);
      // Not a silent retry loop: the job is finished as failed after one attempt.
      const rows = await gw.app.dataSource.query(
        `SELECT attempts, status FROM outbox_job WHERE ticket_id = ${database === "sqlite" ? "?" : "$1"} AND kind = 'FILE_SERVICE_REQUEST'`,
        [id],
      );
      expect(rows.map((row: { attempts: unknown; status: string }) => ({ attempts: Number(row.attempts), status: row.status }))).toEqual([{ attempts: 1, status: "failed" }]);
    } finally {
      gw.app.escalation.start();
    }
  });

  it("answers supportTopics from the configured list when the topics endpoint is retired", async () => {
    const live = (await gw.gql(SupportTopicsDocument, { product: "MICROSOFT_365" })).data!.supportTopics;
    await gw.emulator("/_emulator/service-requests/create-mode", { mode: "retired" });
    try {
      const direct = await gw.emulator("/_emulator/service-requests");
      expect(direct.json.createMode).toBe("retired");
      const fallback = await gw.gql(SupportTopicsDocument, { product: "MICROSOFT_365" });
      expectNoInternalErrors(fallback);
      expect(fallback.errors).toEqual([]);
      const topics = fallback.data!.supportTopics;
      expect(topics.length).toBeGreaterThan(0);
      expect(topics.every((topic) => topic.product === "MICROSOFT_365")).toBe(true);
      expect(topics.map((topic) => topic.id)).toContain(topicId);
      expect(topics.map((topic) => topic.id).sort()).toEqual(live.map((topic) => topic.id).sort());
    } finally {
      await gw.emulator("/_emulator/service-requests/create-mode", { mode: "accept" });
    }
  });

  it("refuses app-only tokens on the service request routes (App+User only)", async () => {
    // The gateway's own app-only credential, as the read adapters use it.
    const emulator = gw.app.emulator!;
    const credential = createTokenCredential({
      mode: "sandbox",
      authorityUrl: emulator.url, partnerTenantId: emulator.partnerTenantId, clientId: emulator.clientId, clientSecret: emulator.clientSecret, caCertPem: emulator.caCertPem,
    });
    const token = await credential.getToken("https://api.partnercenter.microsoft.com/.default");
    const dispatcher = new Agent({ connect: { ca: emulator.caCertPem } });
    const response = await fetch(`${emulator.url}/v1/servicerequests`, { headers: { authorization: `Bearer ${token.token}` }, dispatcher });
    expect(response.status).toBe(403);
    await dispatcher.close();
    await credential.close();
  });

  it("keeps every hash chain valid and replays system events through the machine (audit:verify)", async () => {
    const report = await verifyAnchoredAuditTrail(new TicketStore(gw.app.dataSource));
    expect(report.failure).toBeNull();
    expect(report.eventsChecked).toBeGreaterThanOrEqual(15);
  });
});
