import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceRequestDesk } from "../../src/cloud/ports";
import { EscalationOutboxWorker } from "../../src/escalation/escalation-outbox.worker";
import { ServiceRequestDeskRouter } from "../../src/escalation/service-request-desk.router";
import { TicketStore } from "../../src/tickets/ticket.store";
import { ticketContext } from "../../src/tickets/ticket-read-model";
import {
  RespondToMicrosoftDocument,
  SupportTopicsDocument,
  TicketDocument,
  TicketHistoryDocument,
} from "../generated/graphql";
import { expectNoInternalErrors, startTestGateway, type TestGateway } from "./support/test-gateway";
import { openDiagnosedAndEscalated, waitFor } from "./support/ticket-flows";

const FAST_WORKERS = { ESCALATION_WORKERS: "on", OUTBOX_POLL_INTERVAL_MS: "100", SYNC_INTERVAL_MS: "200", OUTBOX_RETRY_BASE_DELAY_MS: "50" };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };


interface AzureTicket {
  name: string;
  supportTicketId: string;
  description: string;
  status: string;
  communications: { communicationDirection: string; body: string }[];
}

const escalateAzureTicket = (gw: TestGateway, customerId: string, topicId: string, title: string): Promise<string> =>
  openDiagnosedAndEscalated(
    (document, variables) => gw.gql(document, variables),
    { customerId, title, description: "The production VM does not boot.", product: "AZURE", severity: "CRITICAL" },
    topicId,
    "Boot diagnostics show a kernel panic after resize.",
  );

describe("Azure escalations through the Azure Support API (sqlite)", () => {
  let gw: TestGateway;
  let topicId: string;
  const tenant = (index: number) => gw.app.emulator!.seed.tenants.find((item) => item.index === index)!.id;
  const ticket = async (id: string) => (await gw.gql(TicketDocument, { id })).data!.ticket!;
  const azureTickets = async () => (await gw.emulator("/_emulator/azure-support-tickets")).json.supportTickets as AzureTicket[];
  const azureTicketsFor = async (ticketId: string) => (await azureTickets()).filter((item) => item.description.includes(ticketId));
  const partnerCenterRequestsFor = async (ticketId: string) =>
    ((await gw.emulator("/_emulator/service-requests")).json.serviceRequests as { description: string }[]).filter((sr) => sr.description.includes(ticketId));

  beforeAll(async () => {
    gw = await startTestGateway({ database: "sqlite", env: FAST_WORKERS });
    const topics = (await gw.gql(SupportTopicsDocument, { product: "AZURE" })).data!.supportTopics;
    topicId = topics[0]!.id;
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("offers Azure services and problem classifications as AZURE support topics", async () => {
    const topics = (await gw.gql(SupportTopicsDocument, { product: "AZURE" })).data!.supportTopics;
    expect(topics.length).toBeGreaterThan(3);
    expect(topics.every((topic) => topic.product === "AZURE" && topic.id.startsWith("azure:"))).toBe(true);
    const m365 = (await gw.gql(SupportTopicsDocument, { product: "MICROSOFT_365" })).data!.supportTopics;
    expect(m365.length).toBeGreaterThan(0);
  });

  it("files exactly one Azure ticket (none in Partner Center), syncs Microsoft's message and resolves on close", async () => {
    const id = await escalateAzureTicket(gw, tenant(0), topicId, "VM does not boot");
    const filed = await waitFor(async () => {
      const current = await ticket(id);
      return current.escalation?.serviceRequestId ? current : null;
    }, "the Azure ticket to be filed");
    expect(filed.stateValue).toBe("escalated.withMicrosoft");
    expect(filed.escalation!.channel).toBe("AZURE_SUPPORT");
    const [upstream, ...more] = await azureTicketsFor(id);
    expect(more).toHaveLength(0);
    expect(upstream).toMatchObject({ supportTicketId: filed.escalation!.serviceRequestId, status: "Open" });
    expect(upstream!.description).toContain(`PSG-${id}`);
    expect(await partnerCenterRequestsFor(id)).toHaveLength(0);

    const number = filed.escalation!.serviceRequestId!;
    await gw.emulator(`/_emulator/azure-support-tickets/${number}/communications`, { body: "Please share the serial console log." });
    const actionRequired = await waitFor(async () => {
      const current = await ticket(id);
      return current.stateValue === "escalated.actionRequired" ? current : null;
    }, "escalated.actionRequired");
    expect(actionRequired.escalation!.serviceRequestStatus).toBe("ATTENTION_NEEDED");

    const responded = await gw.gql(RespondToMicrosoftDocument, { id, expectedVersion: actionRequired.version, note: "Serial log: panic in hv_storvsc." });
    expectNoInternalErrors(responded);
    expect(responded.data!.respondToMicrosoft.stateValue).toBe("escalated.withMicrosoft");
    await waitFor(async () => {
      const [current] = await azureTicketsFor(id);
      return current!.communications.some((item) => item.communicationDirection === "outbound" && item.body.includes("hv_storvsc")) ? current : null;
    }, "the partner's answer upstream");

    await gw.emulator(`/_emulator/azure-support-tickets/${number}/status`, { status: "closed", note: "Redeploy to a Gen2 image fixed it." });
    const resolution = await waitFor(async () => {
      const current = await ticket(id);
      return current.stateValue === "resolution" ? current : null;
    }, "resolution");
    expect(resolution.escalation!.serviceRequestStatus).toBe("CLOSED");

    const events = (await gw.gql(TicketHistoryDocument, { id, first: 100 }, { role: "SUPPORT_LEAD" })).data!.ticket!.history.edges.map((edge) => edge.node);
    expect(events.find((event) => event.type === "MARK_FILED")!.actor.id).toBe("system:escalation-outbox");
    expect(events.filter((event) => event.type === "MICROSOFT_ACTION_REQUIRED")).toHaveLength(1);
    expect(events.find((event) => event.type === "MICROSOFT_ACTION_REQUIRED")!.actor.id).toBe("system:escalation-sync");
    const closed = events.find((event) => event.type === "MICROSOFT_CLOSED")!;
    expect(closed.actor.id).toBe("system:escalation-sync");
    expect(closed.payload).toMatchObject({ microsoftNote: "Redeploy to a Gen2 image fixed it." });
    expect(await azureTicketsFor(id)).toHaveLength(1);
  });

  it("ends in filingFailed naming the missing Support Request Contributor role; nothing is filed", async () => {
    const id = await escalateAzureTicket(gw, tenant(4), topicId, "Storage account locked");
    // Read from the store: tenant 4's GDAP roles do not include health, so GraphQL's Ticket
    // (whose suggestedIncidents need health) is not the point of this test.
    const store = new TicketStore(gw.app.dataSource);
    const failed = await waitFor(async () => {
      const current = await store.findById(id);
      return current?.statePath === "escalated.filingFailed" ? current : null;
    }, "escalated.filingFailed");
    const escalation = ticketContext(failed).escalation!;
    expect(escalation.lastError).toContain('"Support Request Contributor"');
    expect(escalation.serviceRequestId).toBeNull();
    expect(await azureTicketsFor(id)).toHaveLength(0);
    expect(await partnerCenterRequestsFor(id)).toHaveLength(0);
    const rows = await gw.app.dataSource.query("SELECT attempts, status FROM outbox_job WHERE ticket_id = ? AND kind = 'FILE_SERVICE_REQUEST'", [id]);
    expect(rows).toEqual([{ attempts: 1, status: "failed" }]); // a missing role is not retried
  });

  it("503 three times, then success: filed exactly once", async () => {
    await gw.emulator("/_emulator/faults", { match: "/providers/Microsoft.Support/supportTickets/psg-", status: 503, times: 3 });
    const id = await escalateAzureTicket(gw, tenant(0), topicId, "Disk latency spikes");
    await waitFor(async () => ((await ticket(id)).escalation?.serviceRequestId ? true : null), "filing after three 503s");
    expect(await azureTicketsFor(id)).toHaveLength(1);
    const rows = await gw.app.dataSource.query("SELECT attempts, status FROM outbox_job WHERE ticket_id = ? AND kind = 'FILE_SERVICE_REQUEST'", [id]);
    expect(rows).toEqual([{ attempts: expect.any(Number), status: "done" }]);
    expect(rows[0].attempts).toBeGreaterThanOrEqual(3);
    expect((await gw.emulator("/_emulator/faults")).json.faults).toEqual([]);
  });
});

/** A worker dies right after Azure created the ticket; the next one finds it by reference: still one ticket. */
describe("crash-safe Azure filing (worker dies after the upstream create)", () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ database: "sqlite", env: { ESCALATION_WORKERS: "off" } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("looks the ticket up by reference before re-filing", async () => {
    const azureDesk = gw.app.cloud.azureSupportDesk!;
    const topicId = (await gw.gql(SupportTopicsDocument, { product: "AZURE" })).data!.supportTopics[0]!.id;
    const customerId = gw.app.emulator!.seed.tenants.find((item) => item.index === 0)!.id;
    const id = await escalateAzureTicket(gw, customerId, topicId, "Scale set stuck updating");

    let created = false;
    let refiled = 0;
    const dying: ServiceRequestDesk = {
      file: async (draft, user) => {
        await azureDesk.file(draft, user);
        created = true;
        return new Promise(() => undefined); // the process is gone: nothing is ever recorded
      },
      findByReference: (...args) => azureDesk.findByReference(...args),
      get: (...args) => azureDesk.get(...args),
      addNote: (...args) => azureDesk.addNote(...args),
      listByCustomer: (...args) => azureDesk.listByCustomer(...args),
    };
    const watching: ServiceRequestDesk = {
      file: async (draft, user) => {
        refiled++;
        return azureDesk.file(draft, user);
      },
      findByReference: (...args) => azureDesk.findByReference(...args),
      get: (...args) => azureDesk.get(...args),
      addNote: (...args) => azureDesk.addNote(...args),
      listByCustomer: (...args) => azureDesk.listByCustomer(...args),
    };
    const worker = (gw.app.escalation as unknown as { worker: { options: { tickets: unknown } } }).worker;
    const common = { store: gw.app.escalation.store, tickets: worker.options.tickets as never, retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 100 }, leaseMs: 1000, log: silent };
    const first = new EscalationOutboxWorker({ ...common, desks: new ServiceRequestDeskRouter({ AZURE: dying, default: dying }), owner: "dies" });
    void first.runOnce();
    for (let i = 0; i < 200 && !created; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(created).toBe(true);

    const second = new EscalationOutboxWorker({ ...common, desks: new ServiceRequestDeskRouter({ AZURE: watching, default: watching }), owner: "takes-over" });
    expect(await second.runOnce()).toBe(0); // the lease still holds
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await second.runOnce()).toBe(1);
    expect(refiled).toBe(0);

    const current = (await gw.gql(TicketDocument, { id })).data!.ticket!;
    expect(current.stateValue).toBe("escalated.withMicrosoft");
    const mine = ((await gw.emulator("/_emulator/azure-support-tickets")).json.supportTickets as AzureTicket[]).filter((item) => item.description.includes(id));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.supportTicketId).toBe(current.escalation!.serviceRequestId);
  });
});

describe("AZURE_ESCALATION_CHANNEL=PARTNER_CENTER", () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ database: "sqlite", env: { ...FAST_WORKERS, AZURE_ESCALATION_CHANNEL: "PARTNER_CENTER" } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("files AZURE tickets as Partner Center service requests under Partner Center's Azure topics", async () => {
    const topics = (await gw.gql(SupportTopicsDocument, { product: "AZURE" })).data!.supportTopics;
    const partnerCenterTopic = topics.find((topic) => /^\d+$/.test(topic.id));
    expect(partnerCenterTopic).toBeDefined();
    const customerId = gw.app.emulator!.seed.tenants.find((item) => item.index === 0)!.id;
    const id = await escalateAzureTicket(gw, customerId, partnerCenterTopic!.id, "Quota increase stuck");
    const filed = await waitFor(async () => {
      const current = (await gw.gql(TicketDocument, { id })).data!.ticket!;
      return current.escalation?.serviceRequestId ? current : null;
    }, "the Partner Center request");
    expect(filed.escalation!.channel).toBe("PARTNER_CENTER");
    const requests = ((await gw.emulator("/_emulator/service-requests")).json.serviceRequests as { description: string }[]).filter((sr) => sr.description.includes(id));
    expect(requests).toHaveLength(1);
    expect((await gw.emulator("/_emulator/azure-support-tickets")).json.supportTickets).toEqual([]);
  });
});
