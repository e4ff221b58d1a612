import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceRequestDesk } from "../../src/cloud/ports";
import { EscalationOutboxWorker } from "../../src/escalation/escalation-outbox.worker";
import { ServiceRequestDeskRouter } from "../../src/escalation/service-request-desk.router";
import { createPartnerCenterServiceRequestDesk } from "../../src/cloud/partner-center/service-request-desk.factory";
import { AddDiagnosisNoteDocument, EscalateToMicrosoftDocument, OpenTicketDocument, StartDiagnosisDocument, SupportTopicsDocument, TicketDocument } from "../generated/graphql";
import { startTestGateway, type TestGateway } from "./support/test-gateway";

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A worker that dies right after Microsoft created the request (before recording it), and a
 * second worker that takes over when the lease expires: still exactly one service request.
 */
describe("crash-safe filing (worker dies after the upstream create)", () => {
  let gw: TestGateway;
  let desk: ReturnType<typeof createPartnerCenterServiceRequestDesk>;

  beforeAll(async () => {
    gw = await startTestGateway({ database: "sqlite", env: { ESCALATION_WORKERS: "off" } });
    const emulator = gw.app.emulator!;
    desk = createPartnerCenterServiceRequestDesk({
      mode: "sandbox", emulatorUrl: emulator.url, partnerTenantId: emulator.partnerTenantId, clientId: emulator.clientId,
      clientSecret: emulator.clientSecret, caCertPem: emulator.caCertPem, timeoutMs: 5000,
    });
  });
  afterAll(async () => {
    await desk?.close();
    await gw?.close();
  });

  it("looks the request up by reference before re-filing", async () => {
    const customerId = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
    const topicId = (await gw.gql(SupportTopicsDocument, { product: "MICROSOFT_365" })).data!.supportTopics[0]!.id;
    const opened = (await gw.gql(OpenTicketDocument, {
      input: { customerId, title: "Outlook crashes", description: "On start.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MINIMAL" },
    })).data!.openTicket;
    await gw.gql(StartDiagnosisDocument, { id: opened.id, expectedVersion: 1 });
    await gw.gql(AddDiagnosisNoteDocument, { id: opened.id, expectedVersion: 2, note: "Safe mode works." });
    await gw.gql(EscalateToMicrosoftDocument, { id: opened.id, expectedVersion: 3, input: { vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS", supportTopicId: topicId } });

    let created = false;
    const dying: ServiceRequestDesk = {
      ...desk.desk,
      file: async (draft, user) => {
        await desk.desk.file(draft, user);
        created = true;
        return new Promise(() => undefined); // the process is gone: nothing is ever recorded
      },
      findByReference: (...args) => desk.desk.findByReference(...args),
      get: (...args) => desk.desk.get(...args),
      addNote: (...args) => desk.desk.addNote(...args),
      listByCustomer: (...args) => desk.desk.listByCustomer(...args),
    };
    const common = { store: gw.app.escalation.store, tickets: (gw.app.escalation as any).worker["options"].tickets, retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 100 }, leaseMs: 1000, log: silent };
    const first = new EscalationOutboxWorker({ ...common, desks: new ServiceRequestDeskRouter({ default: dying }), owner: "dies" });
    void first.runOnce();
    for (let i = 0; i < 200 && !created; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(created).toBe(true);

    const second = new EscalationOutboxWorker({ ...common, desks: new ServiceRequestDeskRouter({ default: desk.desk }), owner: "takes-over" });
    expect(await second.runOnce()).toBe(0); // the lease still holds
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await second.runOnce()).toBe(1);

    const ticket = (await gw.gql(TicketDocument, { id: opened.id })).data!.ticket!;
    expect(ticket.stateValue).toBe("escalated.withMicrosoft");
    const all = (await gw.emulator("/_emulator/service-requests")).json.serviceRequests as any[];
    const mine = all.filter((sr) => String(sr.description).includes(opened.id));
    expect(mine).toHaveLength(1);
    expect(mine[0].id).toBe(ticket.escalation!.serviceRequestId);
  });
});
