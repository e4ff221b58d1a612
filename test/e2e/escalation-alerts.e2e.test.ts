import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SinkMessage } from "../../src/alerts/sandbox-sink.server";
import { SupportTopicsDocument, TicketDocument } from "../generated/graphql";
import { startTestGateway, type TestGateway } from "./support/test-gateway";
import { openDiagnosedAndEscalated, waitFor } from "./support/ticket-flows";
import { alertSchemaValidator } from "./support/alerts/alert-schema";

/** The sandbox as `npm start` runs it (alerts, sink, workers), with fast escalation workers. */
const ENV = { ESCALATION_WORKERS: "on", OUTBOX_POLL_INTERVAL_MS: "100", SYNC_INTERVAL_MS: "200", OUTBOX_RETRY_BASE_DELAY_MS: "50", ALERTS: "on", ALERT_WORKERS: "on", ALERT_SINK: "on", ALERT_SCAN_INTERVAL_MS: "3600000" };

describe("escalation alerts reach the sandbox sink", () => {
  let gw: TestGateway;
  let customerId: string;
  let topicId: string;
  const validate = alertSchemaValidator();

  beforeAll(async () => {
    gw = await startTestGateway({ env: ENV });
    customerId = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
    topicId = (await gw.gql(SupportTopicsDocument, { product: "MICROSOFT_365" })).data!.supportTopics[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
  });

  const webhooksFor = async (ticketId: string, kind: string): Promise<SinkMessage[]> => {
    const response = await fetch(`${gw.app.alerts.sink!.url}/sink/messages`);
    const { messages } = (await response.json()) as { messages: SinkMessage[] };
    return messages.filter((message) => message.channel === "WEBHOOK" && (message.body as any).ticket?.id === ticketId && (message.body as any).kind === kind);
  };

  it("MICROSOFT_ACTION_REQUIRED when Microsoft sets attention_needed, ESCALATION_CLOSED_BY_MICROSOFT when it closes; signed, once each", async () => {
    const id = await openDiagnosedAndEscalated(
      (document, variables) => gw.gql(document, variables),
      { customerId, title: "Mail delayed for all users", description: "Mail flow stops for all users.", product: "MICROSOFT_365", severity: "MODERATE" },
      topicId,
      "Message trace shows 4.4.7 deferrals.",
    );
    const filed = await waitFor(async () => {
      const current = (await gw.gql(TicketDocument, { id })).data!.ticket!;
      return current.stateValue === "escalated.withMicrosoft" ? current : null;
    }, "escalated.withMicrosoft");
    const srId = filed.escalation!.serviceRequestId!;
    await gw.emulator(`/_emulator/service-requests/${srId}/status`, { status: "attention_needed", note: "Please send the message headers." });
    const [asked] = await waitFor(async () => {
      const found = await webhooksFor(id, "MICROSOFT_ACTION_REQUIRED");
      return found.length > 0 ? found : null;
    }, "MICROSOFT_ACTION_REQUIRED in the sink");
    expect(asked!.signatureValid).toBe(true);
    expect(validate(asked!.body)).toEqual([]);
    expect(asked!.body).toMatchObject({ details: { microsoftNote: "Please send the message headers." }, ticket: { id, state: "escalated.actionRequired" } });

    await gw.emulator(`/_emulator/service-requests/${srId}/status`, { status: "closed", note: "Fixed a transport rule in the tenant." });
    await waitFor(async () => ((await webhooksFor(id, "ESCALATION_CLOSED_BY_MICROSOFT")).length > 0 ? true : null), "ESCALATION_CLOSED_BY_MICROSOFT in the sink");
    // More sync rounds and deliveries: nothing is sent twice.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await webhooksFor(id, "MICROSOFT_ACTION_REQUIRED")).toHaveLength(1);
    expect(await webhooksFor(id, "ESCALATION_CLOSED_BY_MICROSOFT")).toHaveLength(1);
  }, 60_000);
});
