import { createClient, type Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { hasUsableAccess } from "../../src/customers/delegated-access-policy";
import type { SinkMessage } from "../../src/alerts/sandbox-sink.server";
import { startTestGateway, type TestGateway } from "./support/test-gateway";
import { alertSchemaValidator } from "./support/alerts/alert-schema";
import { ALERTS, OPEN_TICKET } from "./support/alerts/alert-gql";

const HOUR = 3_600_000;

/** The sandbox as `npm start` runs it: alerts on, workers on, the sink and its default rule. */
describe("sandbox alert sink and the alertRaised subscription", () => {
  let gw: TestGateway;
  let client: Client;
  let customerId: string;
  const validate = alertSchemaValidator();

  beforeAll(async () => {
    gw = await startTestGateway({ env: { ALERTS: "on", ALERT_WORKERS: "on", ALERT_SINK: "on", OUTBOX_POLL_INTERVAL_MS: "100", SLA_SWEEP_INTERVAL_MS: "3600000", ALERT_SCAN_INTERVAL_MS: "3600000" } });
    const access = await gw.app.cloud.customers.listDelegatedAccess();
    customerId = [...access.values()].find((entry) => hasUsableAccess(entry))!.customerTenantId;
    client = createClient({ url: gw.app.gateway.graphqlUrl.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${gw.tokens.HELPDESK_AGENT}` } });
  }, 120_000);
  afterAll(async () => {
    await client?.dispose();
    await gw?.close();
  });

  const sinkMessages = async (): Promise<SinkMessage[]> => {
    const response = await fetch(`${gw.app.alerts.sink!.url}/sink/messages`);
    return ((await response.json()) as { messages: SinkMessage[] }).messages;
  };

  it("shows a breach's alert live and in the sink on every channel, the webhook signed", async () => {
    const received: any[] = [];
    const subscribed = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: `subscription ($customerId: ID) { alertRaised(customerId: $customerId) { id kind customerId ticket { id } payload } }`, variables: { customerId } },
        { next: (value) => received.push(value), error: reject, complete: () => undefined },
      );
      // graphql-ws has no "subscribed" ack: give the server a moment to register the stream.
      setTimeout(resolve, 300);
    });
    await subscribed;

    const opened = await gw.gql(OPEN_TICKET, { input: { customerId, title: "SharePoint site down", description: "403 for every user.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "CRITICAL", channel: "phone" } });
    expect(opened.errors).toEqual([]);
    const ticketId = opened.data!.openTicket.id;
    await gw.app.slaSweeper.sweepOnce(new Date(Date.now() + 2 * HOUR));
    await gw.app.slaSweeper.sweepOnce(new Date(Date.now() + 3 * HOUR));

    let forTicket: SinkMessage[] = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      forTicket = (await sinkMessages()).filter((message) => JSON.stringify(message.body).includes(ticketId));
      if (new Set(forTicket.map((message) => message.channel)).size === 4) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(forTicket.map((message) => message.channel).sort()).toEqual(["EMAIL", "SLACK", "TEAMS", "WEBHOOK"]);
    const webhook = forTicket.find((message) => message.channel === "WEBHOOK")!;
    expect(webhook.signatureValid).toBe(true);
    expect(validate(webhook.body)).toEqual([]);
    expect(forTicket.find((message) => message.channel === "EMAIL")!.subject).toContain("SLA breached");

    expect(received.map((value) => value.data.alertRaised.kind)).toEqual(["SLA_BREACHED"]);
    expect(received[0].data.alertRaised.ticket.id).toBe(ticketId);
    expect(JSON.parse(received[0].data.alertRaised.payload).id).toBe(webhook.webhookId);
  });

  it("the scanner raises delegated-access and incident alerts once, however often it scans", async () => {
    // The background scan ran once at start (50 ms after it); this one may find nothing new.
    await gw.app.alerts.scanner.scanOnce();
    expect(await gw.app.alerts.scanner.scanOnce()).toEqual({ raised: 0 });
    const feed = await gw.gql(ALERTS, { first: 100 }, { role: "SUPPORT_LEAD" });
    expect(feed.errors).toEqual([]);
    const kinds = new Set(feed.data!.alerts.edges.map((edge) => edge.node.kind as string));
    // The default seed has expired and terminated relationships, and incidents for the ticket's customer.
    expect([...kinds].some((kind) => kind.startsWith("DELEGATED_ACCESS_"))).toBe(true);
    for (const edge of feed.data!.alerts.edges) expect(validate(JSON.parse(edge.node.payload)), edge.node.kind).toEqual([]);
    // Alerts without a ticket reach the sink too (they have no ticket to hang an outbox job on).
    let gdapMessages: SinkMessage[] = [];
    for (let attempt = 0; attempt < 100 && gdapMessages.length === 0; attempt++) {
      gdapMessages = (await sinkMessages()).filter((message) => message.channel === "WEBHOOK" && String((message.body as any).kind).startsWith("DELEGATED_ACCESS_"));
      if (gdapMessages.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(gdapMessages[0]).toMatchObject({ signatureValid: true, body: { ticket: null } });
    const ids = feed.data!.alerts.edges.map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("refuses the subscription for a role outside the matrix", async () => {
    const sales = createClient({ url: gw.app.gateway.graphqlUrl.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${gw.tokens.SALES_AGENT}` } });
    const error = await new Promise<unknown>((resolve) => {
      sales.subscribe({ query: `subscription { alertRaised { id } }` }, { next: (value) => resolve(value.errors), error: resolve, complete: () => resolve(null) });
    });
    await sales.dispose();
    expect(JSON.stringify(error)).toContain("FORBIDDEN");
  });

  it("rejects a webhook whose signature does not verify", async () => {
    const response = await fetch(`${gw.app.alerts.sink!.url}/sink/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "webhook-id": "forged-delivery", "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": "v1,AAAA" },
      body: "{}",
    });
    expect(response.status).toBe(401);
    // Looked up by its id: the gateway's own background deliveries reach the sink meanwhile.
    const forged = (await sinkMessages()).filter((message) => message.webhookId === "forged-delivery");
    expect(forged).toEqual([expect.objectContaining({ channel: "WEBHOOK", signatureValid: false })]);
  });
});
