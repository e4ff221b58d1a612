import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasUsableAccess } from "../../src/customers/delegated-access-policy";
import { Database } from "../../src/db";
import { TicketEventLog } from "../../src/tickets/ticket-event-log";
import { AlertEntity } from "../../src/alerts/alert.entity";
import { AlertRuleChangeEntity } from "../../src/alerts/alert-rule-change.entity";
import { expectNoInternalErrors, startTestGateway, type TestGateway } from "./support/test-gateway";
import { alertSchemaValidator } from "./support/alerts/alert-schema";
import { ACKNOWLEDGE, ALERTS, DELETE_RULE, OPEN_TICKET, RECORD_REPLY, REQUEST_INFO, RULES, SAVE_RULE, START_DIAGNOSIS, TEST_SEND } from "./support/alerts/alert-gql";
import { startSmtpRecorder, startWebhookReceiver, type WebhookReceiver } from "./support/alerts/receivers";

const HOUR = 3_600_000;
const OLD_SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
const NEW_SECRET = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;

describe("alert delivery (webhook + SMTP receivers on loopback)", () => {
  const dir = mkdtempSync(join(tmpdir(), "psg-alerts-"));
  let gw: TestGateway;
  let receiver: WebhookReceiver;
  let smtp: Awaited<ReturnType<typeof startSmtpRecorder>>;
  let customerA: string;
  let customerB: string;
  const validate = alertSchemaValidator();

  const openTicket = async (customerId: string, title: string) => {
    const result = await gw.gql(OPEN_TICKET, { input: { customerId, title, description: "No mail flow for the whole tenant.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "CRITICAL", channel: "phone" } });
    expectNoInternalErrors(result);
    expect(result.errors).toEqual([]);
    return result.data!.openTicket.id;
  };
  const database = () => Database.of(gw.app.dataSource);
  const alertRows = (ticketId: string) => database().read((manager) => manager.find(AlertEntity, { where: { ticketId } }));
  const pendingDeliveries = () => gw.app.alerts.service.store.pendingDeliveries();
  /** Runs the delivery worker until no alert delivery is pending (bounded). */
  async function drain(): Promise<void> {
    for (let round = 0; round < 200; round++) {
      await gw.app.alerts.worker.runOnce();
      if ((await pendingDeliveries()) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("alert deliveries still pending");
  }

  beforeAll(async () => {
    receiver = await startWebhookReceiver(NEW_SECRET);
    smtp = await startSmtpRecorder();
    // Customer ids come from the emulator's seed (the same seed on every start).
    const probe = await startTestGateway({ env: { ALERT_SINK: "off" } });
    const access = await probe.app.cloud.customers.listDelegatedAccess();
    [customerA, customerB] = [...access.values()].filter((entry) => hasUsableAccess(entry)).map((entry) => entry.customerTenantId) as [string, string];
    await probe.close();
    const rulesFile = join(dir, "alert-rules.json");
    writeFileSync(
      rulesFile,
      JSON.stringify({
        destinations: [
          // A rotation: the receiver knows only the new secret; both signatures are sent.
          { name: "desk-hook", channel: "WEBHOOK", url: receiver.url, secrets: [OLD_SECRET, NEW_SECRET] },
          { name: "desk-mail", channel: "EMAIL", smtp: { host: "127.0.0.1", port: smtp.port }, from: "alerts@desk.example.com", to: ["oncall@desk.example.com"] },
        ],
        rules: [{ id: "all-but-b", name: "Everything except customer B", destinations: ["desk-hook", "desk-mail"], customerScope: "EXCLUDE", customerIds: [customerB] }],
      }),
    );
    gw = await startTestGateway({
      env: {
        ALERTS: "on",
        ALERT_RULES_FILE: rulesFile,
        ALERT_WORKERS: "off",
        ALERT_SINK: "off",
        SLA_SWEEP_INTERVAL_MS: "3600000",
        ALERT_DELIVERY_RETRY_BASE_DELAY_MS: "1",
        ALERT_DELIVERY_RETRY_MAX_DELAY_MS: "5",
        PUBLIC_BASE_URL: "https://desk.example.com/",
      },
    });
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    await receiver?.close();
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("raises one SLA_BREACHED alert for a breach seen by three sweeps, and delivers it once per destination through 503s", async () => {
    const ticketId = await openTicket(customerA, "Exchange Online outage");
    const later = new Date(Date.now() + 2 * HOUR);
    for (let sweep = 0; sweep < 3; sweep++) await gw.app.slaSweeper.sweepOnce(new Date(later.getTime() + sweep * 60_000));
    const rows = await alertRows(ticketId);
    expect(rows.map((row) => row.kind)).toEqual(["SLA_BREACHED"]);
    const id = rows[0]!.id;

    // Two deliveries wait (webhook and mail): /metrics counts them apart from the escalation outbox.
    const depth = async () => {
      const text = await (await fetch(`${gw.app.gateway.url}/metrics`)).text();
      return { alerts: /^psg_alert_delivery_depth (\d+)$/m.exec(text)?.[1], outbox: /^psg_outbox_depth (\d+)$/m.exec(text)?.[1] };
    };
    expect(await depth()).toEqual({ alerts: "2", outbox: "0" });

    receiver.failNext(3);
    const before = receiver.requests;
    await drain();
    expect(await depth()).toEqual({ alerts: "0", outbox: "0" });
    expect(receiver.requests - before).toBe(4);
    expect(receiver.accepted.filter((delivery) => delivery.webhookId === id)).toHaveLength(1);
    expect(receiver.rejected).toBe(0);
    const delivered = receiver.accepted.find((delivery) => delivery.webhookId === id)!.payload;
    expect(validate(delivered)).toEqual([]);
    expect(delivered).toMatchObject({ kind: "SLA_BREACHED", customer: { id: customerA }, ticket: { id: ticketId, title: "Exchange Online outage" }, link: `https://desk.example.com/tickets/${ticketId}` });
    expect(typeof delivered["customer"].name).toBe("string");

    const mails = smtp.mails.filter((mail) => mail.alertId === id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("SLA breached");
    expect(mails[0]!.to).toEqual(["oncall@desk.example.com"]);
    expect(validate(mails[0]!.attachment)).toEqual([]);

    // The delivery log: four attempts on the webhook, one for the mail; nothing left to send.
    const feed = await gw.gql(ALERTS, { filter: { kinds: ["SLA_BREACHED"], customerId: customerA } });
    expect(feed.errors).toEqual([]);
    const node = feed.data!.alerts.edges.find((edge) => edge.node.id === id)!.node;
    expect(node.deliveries).toEqual([
      expect.objectContaining({ destination: "desk-hook", channel: "WEBHOOK", status: "DELIVERED", attempts: 4, lastError: null }),
      expect.objectContaining({ destination: "desk-mail", channel: "EMAIL", status: "DELIVERED", attempts: 1 }),
    ]);
    expect(validate(JSON.parse(node.payload))).toEqual([]);

    // Another sweep and another worker round: still one alert, nothing re-sent.
    await gw.app.slaSweeper.sweepOnce(new Date(later.getTime() + HOUR));
    await drain();
    expect(await alertRows(ticketId)).toHaveLength(1);
    expect(receiver.accepted.filter((delivery) => delivery.webhookId === id)).toHaveLength(1);
  });

  it("sends nothing for a customer the rule excludes, yet shows the alert in the feed", async () => {
    const ticketId = await openTicket(customerB, "Teams calls drop");
    await gw.app.slaSweeper.sweepOnce(new Date(Date.now() + 2 * HOUR));
    const rows = await alertRows(ticketId);
    expect(rows).toHaveLength(1);
    await drain();
    expect(receiver.accepted.filter((delivery) => delivery.payload["ticket"]?.id === ticketId)).toEqual([]);
    expect(smtp.mails.filter((mail) => mail.alertId === rows[0]!.id)).toEqual([]);
    const feed = await gw.gql(ALERTS, { filter: { customerId: customerB } }, { role: "SUPPORT_LEAD" });
    expect(feed.data!.alerts.edges.map((edge) => edge.node.deliveries)).toEqual([[]]);
  });

  it("raises CUSTOMER_REPLIED from the committed transition, once", async () => {
    const ticketId = await openTicket(customerA, "OneDrive sync stuck");
    expect((await gw.gql(START_DIAGNOSIS, { id: ticketId })).errors).toEqual([]);
    expect((await gw.gql(REQUEST_INFO, { id: ticketId })).errors).toEqual([]);
    expect((await gw.gql(RECORD_REPLY, { id: ticketId, reply: "Since Monday, all laptops." })).errors).toEqual([]);
    let rows: AlertEntity[] = [];
    for (let attempt = 0; attempt < 100 && rows.length === 0; attempt++) {
      rows = (await alertRows(ticketId)).filter((row) => row.kind === "CUSTOMER_REPLIED");
      if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ details: { reply: "Since Monday, all laptops." }, ticket: { id: ticketId, state: "diagnosis" } });
    await drain();
    expect(receiver.accepted.filter((delivery) => delivery.webhookId === rows[0]!.id)).toHaveLength(1);
    // The catch-up pass reads the same events from the audit log: nothing new, however often it runs.
    const head = await new TicketEventLog(gw.app.dataSource).head();
    expect(await gw.app.alerts.catchUp.runOnce()).toEqual({ raised: 0, position: head });
    expect(await gw.app.alerts.catchUp.runOnce()).toEqual({ raised: 0, position: head });
    expect((await alertRows(ticketId)).filter((row) => row.kind === "CUSTOMER_REPLIED")).toHaveLength(1);
    await drain();
    expect(receiver.accepted.filter((delivery) => delivery.webhookId === rows[0]!.id)).toHaveLength(1);
  });

  it("pages and filters the feed, and keeps the first acknowledgement", async () => {
    const first = await gw.gql(ALERTS, { first: 1, filter: { acknowledged: false } });
    expect(first.errors).toEqual([]);
    expect(first.data!.alerts.pageInfo.hasNextPage).toBe(true);
    const second = await gw.gql(ALERTS, { first: 1, after: first.data!.alerts.pageInfo.endCursor, filter: { acknowledged: false } });
    expect(second.data!.alerts.edges[0]!.node.id).not.toBe(first.data!.alerts.edges[0]!.node.id);
    const id = first.data!.alerts.edges[0]!.node.id as string;
    const acknowledged = await gw.gql(ACKNOWLEDGE, { id });
    expect(acknowledged.data!.acknowledgeAlert).toMatchObject({ id, acknowledgedBy: expect.any(String) });
    const again = await gw.gql(ACKNOWLEDGE, { id }, { role: "ADMIN_AGENT" });
    expect(again.data!.acknowledgeAlert.acknowledgedBy).toBe(acknowledged.data!.acknowledgeAlert.acknowledgedBy);
    const open = await gw.gql(ALERTS, { filter: { acknowledged: false } });
    expect(open.data!.alerts.edges.map((edge) => edge.node.id)).not.toContain(id);
    const missing = await gw.gql(ACKNOWLEDGE, { id: "alrt_nope" });
    expect(missing.errors[0]!.extensions.code).toBe("NOT_FOUND");
    const bad = await gw.gql(ALERTS, { after: "not-a-cursor" });
    expect(bad.errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
    const sales = await gw.gql(ALERTS, {}, { role: "SALES_AGENT" });
    expect(sales.errors[0]!.extensions.code).toBe("FORBIDDEN");
  });

  it("lets admins and support leads manage rules (audited), not helpdesk agents", async () => {
    const input = { id: "only-a", name: "Only customer A, critical", destinations: ["desk-hook"], customerScope: "INCLUDE", customerIds: [customerA], minSeverity: "CRITICAL", kinds: ["SLA_BREACHED"] };
    const refused = await gw.gql(SAVE_RULE, { input }, { role: "HELPDESK_AGENT" });
    expect(refused.errors[0]!.extensions.code).toBe("FORBIDDEN");
    const saved = await gw.gql(SAVE_RULE, { input }, { role: "SUPPORT_LEAD" });
    expect(saved.errors).toEqual([]);
    expect(saved.data!.saveAlertRule).toMatchObject({ id: "only-a", customerScope: "INCLUDE", customerIds: [customerA] });
    const unknown = await gw.gql(SAVE_RULE, { input: { ...input, destinations: ["nowhere"] } }, { role: "ADMIN_AGENT" });
    expect(unknown.errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
    const noList = await gw.gql(SAVE_RULE, { input: { ...input, customerIds: [] } }, { role: "ADMIN_AGENT" });
    expect(noList.errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
    expect((await gw.gql(RULES, {}, { role: "ADMIN_AGENT" })).data!.alertRules.map((rule) => rule.id)).toEqual(["all-but-b", "only-a"]);
    expect((await gw.gql(DELETE_RULE, { id: "only-a" }, { role: "ADMIN_AGENT" })).data!.deleteAlertRule).toBe(true);
    const changes = await Database.of(gw.app.dataSource).read((manager) => manager.find(AlertRuleChangeEntity, { where: { ruleId: "only-a" }, order: { at: "ASC" } }));
    expect(changes.map((change) => [change.action, change.agentRole])).toEqual([
      ["CREATED", "SUPPORT_LEAD"],
      ["DELETED", "ADMIN_AGENT"],
    ]);
    expect(changes[1]!.before).toMatchObject({ customerScope: "INCLUDE" });
  });

  it("test-sends to a destination and reports a receiver that refuses", async () => {
    const sent = await gw.gql(TEST_SEND, { destination: "desk-hook" }, { role: "ADMIN_AGENT" });
    expect(sent.errors).toEqual([]);
    expect(sent.data!.sendTestAlert.delivered).toBe(true);
    expect(receiver.accepted.some((delivery) => delivery.webhookId === sent.data!.sendTestAlert.alertId)).toBe(true);
    receiver.failNext(1, 500);
    const refused = await gw.gql(TEST_SEND, { destination: "desk-hook" }, { role: "SUPPORT_LEAD" });
    expect(refused.data!.sendTestAlert).toMatchObject({ delivered: false, error: "receiver answered 500" });
    const unknown = await gw.gql(TEST_SEND, { destination: "nope" }, { role: "ADMIN_AGENT" });
    expect(unknown.errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
  });
});
